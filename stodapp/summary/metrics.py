"""The metric registry: what each supervisor-summary table counts, over which dimensions, from which facts.

A metric's `fact` is `(session, period) -> Counter[tuple[str, ...]] | None`: counts keyed by the metric's
dimension values (None = the store does not record these facts yet). Facts come either from the foundation
tables (cases, persons) or from a *fact view* a feature provides in its own migration (see facts.py and
docs/metrics.md); a feature may also register its own function with `register_fact`. Fact functions
return counts only, never rows, and no column finer than a month.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from stodapp.i18n import current_language
from stodapp.summary import facts
from stodapp.summary.dimensions import DIMENSIONS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from stodapp.summary.period import Period

FactFn = Callable[["Session", "Period"], "Counter[tuple[str, ...]] | None"]
TREND = "trend"  # resolved to month or quarter by the period's length


@dataclass(frozen=True)
class Metric:
    id: str
    population: str  # metrics over the same records share it; they may not share a dimension
    title_sv: str
    title_en: str
    definition_sv: str
    definition_en: str
    counts_sv: str  # the records counted, in one phrase
    counts_en: str
    dims: tuple[str, ...]
    fact: FactFn
    source: str  # table or fact view read
    refs: str  # requirement ids (requirements.md §6)
    children: bool = False  # stricter threshold
    chart: str = "bar"  # bar | line | none

    def title(self) -> str:
        return self.title_en if current_language() == "en" else self.title_sv

    def definition(self) -> str:
        return self.definition_en if current_language() == "en" else self.definition_sv


class RegistryError(ValueError):
    """A metric definition breaks a disclosure rule (programming error, caught by the tests)."""


REGISTRY: dict[str, Metric] = {}


def register(metric: Metric) -> Metric:
    if metric.id in REGISTRY:
        raise RegistryError(f"duplicate metric id {metric.id}")
    if len(metric.dims) > 2:
        raise RegistryError(f"{metric.id}: at most two dimensions per table")
    for d in metric.dims:
        if d != TREND and d not in DIMENSIONS:
            raise RegistryError(f"{metric.id}: unknown dimension {d}")
    if len(set(metric.dims)) != len(metric.dims):
        raise RegistryError(f"{metric.id}: a dimension twice")
    for other in REGISTRY.values():
        if other.population == metric.population and set(other.dims) & set(metric.dims):
            raise RegistryError(f"{metric.id} and {other.id} count the same records and share a dimension")
    REGISTRY[metric.id] = metric
    return metric


def register_fact(metric_id: str, fact: FactFn) -> None:
    """Let a feature supply the fact function for a metric (e.g. a direct query on its own tables)."""
    REGISTRY[metric_id] = replace(REGISTRY[metric_id], fact=fact)


def _m(**kw: object) -> None:
    register(Metric(**kw))  # type: ignore[arg-type]


_m(
    id="new_cases",
    population="cases",
    title_sv="Nya ärenden efter kön och ålder",
    title_en="New cases by sex and age band",
    definition_sv="Ärenden som aktualiserades under perioden (aktualiseringsmånad inom perioden), efter "
    "kön och "
    "åldersgrupp hos den stödsökande personen. Ärenden utan registrerad stödsökande räknas som okänt.",
    definition_en="Cases opened in the period (month of opening within the period), by sex and age band "
    "of the "
    "person seeking support. Cases without a registered person seeking support count as unknown.",
    counts_sv="ärenden",
    counts_en="cases",
    dims=("sex", "age_band"),
    fact=facts.new_cases_by_sex_age,
    source="cases, persons",
    refs="M6, M12",
    chart="bar",
)
_m(
    id="new_cases_trend",
    population="cases",
    title_sv="Nya ärenden över tid",
    title_en="New cases over time",
    definition_sv="Samma ärenden som ovan, efter månad (kvartal för perioder över två år) då ärendet aktualiserades.",
    definition_en="The same cases as above, by month (quarter for periods over two years) of opening.",
    counts_sv="ärenden",
    counts_en="cases",
    dims=(TREND,),
    fact=facts.new_cases_by_month,
    source="cases",
    refs="M6, M7",
    chart="line",
)
_m(
    id="asking",
    population="asking",
    title_sv="Frågor om våld: svar och kanal",
    title_en="Asking about violence: answer and channel",
    definition_sv="Frågetillfällen registrerade under perioden: varje tillfälle då en person "
    "tillfrågades om våld "
    "(eller då frågan inte ställdes, med skäl), efter svar (ja, nej, avböjt, ej frågat) och kanal.",
    definition_en="Asking events recorded in the period: each occasion a person was asked about violence "
    "(or the "
    "question was not asked, with a reason), by answer (yes, no, declined, not asked) and channel.",
    counts_sv="frågetillfällen",
    counts_en="asking events",
    dims=("answer", "channel"),
    fact=facts.view_counter("fact_asking_events", ("answer", "channel")),
    source="fact_asking_events",
    refs="M8, M9",
    chart="bar",
)
_m(
    id="asking_trigger",
    population="asking",
    title_sv="Frågor om våld: anledning",
    title_en="Asking about violence: reason",
    definition_sv="Samma frågetillfällen efter anledning: rutinmässigt, vid indikation, eller att "
    "personen berättade "
    "på eget initiativ (självmant berättande).",
    definition_en="The same asking events by reason: routine, on indication, or a self-initiated disclosure.",
    counts_sv="frågetillfällen",
    counts_en="asking events",
    dims=("trigger",),
    fact=facts.view_counter("fact_asking_events", ("trigger",)),
    source="fact_asking_events",
    refs="M9, M10",
    chart="bar",
)
_m(
    id="violence_forms",
    population="violence_forms",
    title_sv="Former av våld",
    title_en="Forms of violence",
    definition_sv="Registrerade våldsformer i våldsbeskrivningar som signerades under perioden: en "
    "person räknas en "
    "gång per våldsform, så summan kan vara större än antalet personer.",
    definition_en="Forms of violence recorded in descriptions of violence signed in the period: a person "
    "counts once "
    "per form, so the total can exceed the number of persons.",
    counts_sv="person–våldsform",
    counts_en="person–form pairs",
    dims=("violence_form",),
    fact=facts.view_counter("fact_violence_forms", ("violence_form",)),
    source="fact_violence_forms",
    refs="M12",
    chart="bar",
)
_m(
    id="groups",
    population="groups",
    title_sv="Grupper i särskilt utsatt situation efter kön",
    title_en="Groups of particular vulnerability by sex",
    definition_sv="Stödsökande personer i ärenden som aktualiserades under perioden, per markerad grupp "
    "och kön. En "
    "person kan tillhöra flera grupper och räknas då i varje grupp.",
    definition_en="Persons seeking support in cases opened in the period, per marked group and sex. A "
    "person in "
    "several groups counts in each.",
    counts_sv="person–grupp",
    counts_en="person–group pairs",
    dims=("group", "sex"),
    fact=facts.view_counter("fact_vulnerable_groups", ("group", "sex")),
    source="fact_vulnerable_groups",
    refs="M12, M15",
    chart="bar",
)
_m(
    id="risk",
    population="risk",
    title_sv="Riskbedömningar: samlad bedömning",
    title_en="Risk judgements",
    definition_sv="Signerade risk- och farlighetsbedömningar under perioden efter samlad bedömning (låg, "
    "medel, hög) "
    "och om handläggaren justerade det beräknade förslaget (med skäl).",
    definition_en="Risk and danger assessments signed in the period by overall judgement (low, moderate, "
    "high) and "
    "whether the caseworker overrode the computed suggestion (with a reason).",
    counts_sv="bedömningar",
    counts_en="assessments",
    dims=("risk_level", "override"),
    fact=facts.view_counter("fact_risk_judgements", ("risk_level", "override")),
    source="fact_risk_judgements",
    refs="M13",
    chart="bar",
)
_m(
    id="concerns",
    population="concerns",
    title_sv="Orosanmälningar om barn och utfall",
    title_en="Reports of concern about children and outcome",
    definition_sv="Orosanmälningar som skickades under perioden, efter känt utfall: utredning inledd, "
    "insats utan "
    "utredning, ingen utredning, eller utfall inte känt.",
    definition_en="Reports of concern sent in the period, by known outcome: investigation opened, "
    "support without an "
    "investigation, no investigation, or outcome not known.",
    counts_sv="orosanmälningar",
    counts_en="reports of concern",
    dims=("concern_outcome",),
    fact=facts.view_counter("fact_concerns", ("concern_outcome",)),
    source="fact_concerns",
    refs="M1, M2, M7",
    children=True,
    chart="bar",
)
_m(
    id="referrals",
    population="referrals",
    title_sv="Hänvisningar: våldsutsatta och våldsutövare",
    title_en="Referrals: victims and people who use violence",
    definition_sv="Hänvisningar som gavs under perioden, efter vem som hänvisades och personens kön.",
    definition_en="Referrals given in the period, by who was referred and their sex.",
    counts_sv="hänvisningar",
    counts_en="referrals",
    dims=("person_role", "sex"),
    fact=facts.view_counter("fact_referrals", ("person_role", "sex")),
    source="fact_referrals",
    refs="M3, M11",
    chart="bar",
)
_m(
    id="protected_housing",
    population="protected_housing",
    title_sv="Placeringar i skyddat boende",
    title_en="Placements in protected housing",
    definition_sv="Placeringar i skyddat boende som påbörjades under perioden, barn och vuxna.",
    definition_en="Placements in protected housing that started in the period, children and adults.",
    counts_sv="placeringar",
    counts_en="placements",
    dims=("placed",),
    fact=facts.view_counter("fact_protected_housing", ("placed",)),
    source="fact_protected_housing",
    refs="M4",
    children=True,
    chart="bar",
)
_m(
    id="safety_plans",
    population="safety_plans",
    title_sv="Säkerhetsplaner",
    title_en="Safety plans",
    definition_sv="Säkerhetsplaner som upprättades under perioden.",
    definition_en="Safety plans drawn up in the period.",
    counts_sv="säkerhetsplaner",
    counts_en="safety plans",
    dims=(),
    fact=facts.view_counter("fact_safety_plans", ()),
    source="fact_safety_plans",
    refs="M13",
    chart="none",
)
_m(
    id="reassessments_overdue",
    population="reviews",
    title_sv="Försenade omprövningar av riskbedömning",
    title_en="Overdue risk re-assessments",
    definition_sv="Riskbedömningar vars omprövningsmånad hade passerat vid periodens slut utan att en ny "
    "bedömning "
    "signerats (läget vid periodens sista månad).",
    definition_en="Risk assessments whose review month had passed at the end of the period without a new "
    "signed "
    "assessment (status at the period's last month).",
    counts_sv="bedömningar",
    counts_en="assessments",
    dims=(),
    fact=facts.overdue_reviews,
    source="fact_reviews",
    refs="M13",
    chart="none",
)
_m(
    id="training",
    population="training",
    title_sv="Genomförd utbildning",
    title_en="Training completed",
    definition_sv="Antal medarbetare som slutförde minst en utbildningsmodul under perioden (varje "
    "person räknas en "
    "gång).",
    definition_en="Number of staff who completed at least one training module in the period (each person once).",
    counts_sv="medarbetare",
    counts_en="staff",
    dims=(),
    fact=facts.staff_trained,
    source="fact_training_completions",
    refs="M14",
    chart="none",
)

# The metrics of issue 17 and what each metric does not cover live in their own module (registered on import).
from stodapp.summary import metrics_content as _content  # noqa: E402,F401
