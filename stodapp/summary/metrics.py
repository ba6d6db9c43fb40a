"""The metric registry: what each supervisor-summary table counts, over which dimensions, from which facts.

A metric's `fact` is `(session, period) -> Counter[tuple[str, ...]] | None`: counts keyed by the metric's
dimension values (None = the store does not record these facts yet). Facts come either from the foundation
tables (cases, persons) or from a *fact view* a feature provides in its own migration (see facts.py and
docs/metrics.md); a feature may also register its own function with `register_fact`. Fact functions
return counts only, never rows, and no column finer than a month.
"""

from __future__ import annotations

from stodapp.localized_text import LocalizedText
from stodapp.summary import facts
from stodapp.summary.metric_registry import REGISTRY, TREND, FactFn, Metric, RegistryError, register, register_fact


def _m(**kw: object) -> None:
    register(Metric(**kw))  # type: ignore[arg-type]


_m(
    id="new_cases",
    population="cases",
    title=LocalizedText(
        sv="Nya ärenden efter kön och ålder",
        en="New cases by sex and age band",
    ),
    definition=LocalizedText(
        sv="Ärenden som aktualiserades under perioden (aktualiseringsmånad inom perioden), efter "
        "kön och "
        "åldersgrupp hos den stödsökande personen. Ärenden utan registrerad stödsökande räknas som okänt.",
        en="Cases opened in the period (month of opening within the period), by sex and age band "
        "of the "
        "person seeking support. Cases without a registered person seeking support count as unknown.",
    ),
    counts=LocalizedText(
        sv="ärenden",
        en="cases",
    ),
    dims=("sex", "age_band"),
    fact=facts.new_cases_by_sex_age,
    source="cases, persons",
    refs="M6, M12",
    chart="bar",
)
_m(
    id="new_cases_trend",
    population="cases",
    title=LocalizedText(
        sv="Nya ärenden över tid",
        en="New cases over time",
    ),
    definition=LocalizedText(
        sv="Samma ärenden som ovan, efter månad (kvartal för perioder över två år) då ärendet aktualiserades.",
        en="The same cases as above, by month (quarter for periods over two years) of opening.",
    ),
    counts=LocalizedText(
        sv="ärenden",
        en="cases",
    ),
    dims=(TREND,),
    fact=facts.new_cases_by_month,
    source="cases",
    refs="M6, M7",
    chart="line",
)
_m(
    id="asking",
    population="asking",
    title=LocalizedText(
        sv="Frågor om våld: svar och kanal",
        en="Asking about violence: answer and channel",
    ),
    definition=LocalizedText(
        sv="Frågetillfällen registrerade under perioden: varje tillfälle då en person "
        "tillfrågades om våld "
        "(eller då frågan inte ställdes, med skäl), efter svar (ja, nej, avböjt, ej frågat) och kanal.",
        en="Asking events recorded in the period: each occasion a person was asked about violence "
        "(or the "
        "question was not asked, with a reason), by answer (yes, no, declined, not asked) and channel.",
    ),
    counts=LocalizedText(
        sv="frågetillfällen",
        en="asking events",
    ),
    dims=("answer", "channel"),
    fact=facts.view_counter("fact_asking_events", ("answer", "channel")),
    source="fact_asking_events",
    refs="M8, M9",
    chart="bar",
)
_m(
    id="asking_trigger",
    population="asking",
    title=LocalizedText(
        sv="Frågor om våld: anledning",
        en="Asking about violence: reason",
    ),
    definition=LocalizedText(
        sv="Samma frågetillfällen efter anledning: rutinmässigt, vid indikation, eller att "
        "personen berättade "
        "på eget initiativ (självmant berättande).",
        en="The same asking events by reason: routine, on indication, or a self-initiated disclosure.",
    ),
    counts=LocalizedText(
        sv="frågetillfällen",
        en="asking events",
    ),
    dims=("trigger",),
    fact=facts.view_counter("fact_asking_events", ("trigger",)),
    source="fact_asking_events",
    refs="M9, M10",
    chart="bar",
)
_m(
    id="violence_forms",
    population="violence_forms",
    title=LocalizedText(
        sv="Former av våld",
        en="Forms of violence",
    ),
    definition=LocalizedText(
        sv="Registrerade våldsformer i våldsbeskrivningar som signerades under perioden: en "
        "person räknas en "
        "gång per våldsform, så summan kan vara större än antalet personer.",
        en="Forms of violence recorded in descriptions of violence signed in the period: a person "
        "counts once "
        "per form, so the total can exceed the number of persons.",
    ),
    counts=LocalizedText(
        sv="person–våldsform",
        en="person–form pairs",
    ),
    dims=("violence_form",),
    fact=facts.view_counter("fact_violence_forms", ("violence_form",)),
    source="fact_violence_forms",
    refs="M12",
    chart="bar",
)
_m(
    id="groups",
    population="groups",
    title=LocalizedText(
        sv="Grupper i särskilt utsatt situation efter kön",
        en="Groups of particular vulnerability by sex",
    ),
    definition=LocalizedText(
        sv="Stödsökande personer i ärenden som aktualiserades under perioden, per markerad grupp "
        "och kön. En "
        "person kan tillhöra flera grupper och räknas då i varje grupp.",
        en="Persons seeking support in cases opened in the period, per marked group and sex. A "
        "person in "
        "several groups counts in each.",
    ),
    counts=LocalizedText(
        sv="person–grupp",
        en="person–group pairs",
    ),
    dims=("group", "sex"),
    fact=facts.view_counter("fact_vulnerable_groups", ("group", "sex")),
    source="fact_vulnerable_groups",
    refs="M12, M15",
    chart="bar",
)
_m(
    id="risk",
    population="risk",
    title=LocalizedText(
        sv="Riskbedömningar: samlad bedömning",
        en="Risk judgements",
    ),
    definition=LocalizedText(
        sv="Signerade risk- och farlighetsbedömningar under perioden efter samlad bedömning (låg, "
        "medel, hög) "
        "och om handläggaren justerade det beräknade förslaget (med skäl).",
        en="Risk and danger assessments signed in the period by overall judgement (low, moderate, "
        "high) and "
        "whether the caseworker overrode the computed suggestion (with a reason).",
    ),
    counts=LocalizedText(
        sv="bedömningar",
        en="assessments",
    ),
    dims=("risk_level", "override"),
    fact=facts.view_counter("fact_risk_judgements", ("risk_level", "override")),
    source="fact_risk_judgements",
    refs="M13",
    chart="bar",
)
_m(
    id="concerns",
    population="concerns",
    title=LocalizedText(
        sv="Orosanmälningar om barn och utfall",
        en="Reports of concern about children and outcome",
    ),
    definition=LocalizedText(
        sv="Orosanmälningar som skickades under perioden, efter känt utfall: utredning inledd, "
        "stöd erbjudet utan "
        "utredning, ingen utredning, eller utfall inte känt.",
        en="Reports of concern sent in the period, by known outcome: investigation opened, "
        "support without an "
        "investigation, no investigation, or outcome not known.",
    ),
    counts=LocalizedText(
        sv="orosanmälningar",
        en="reports of concern",
    ),
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
    title=LocalizedText(
        sv="Hänvisningar: våldsutsatta och våldsutövare",
        en="Referrals: victims and people who use violence",
    ),
    definition=LocalizedText(
        sv="Hänvisningar som gavs under perioden, efter vem som hänvisades och personens kön.",
        en="Referrals given in the period, by who was referred and their sex.",
    ),
    counts=LocalizedText(
        sv="hänvisningar",
        en="referrals",
    ),
    dims=("person_role", "sex"),
    fact=facts.view_counter("fact_referrals", ("person_role", "sex")),
    source="fact_referrals",
    refs="M3, M11",
    chart="bar",
)
_m(
    id="protected_housing",
    population="protected_housing",
    title=LocalizedText(
        sv="Placeringar i skyddat boende",
        en="Placements in protected housing",
    ),
    definition=LocalizedText(
        sv="Placeringar i skyddat boende som påbörjades under perioden, barn och vuxna.",
        en="Placements in protected housing that started in the period, children and adults.",
    ),
    counts=LocalizedText(
        sv="placeringar",
        en="placements",
    ),
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
    title=LocalizedText(
        sv="Säkerhetsplaner",
        en="Safety plans",
    ),
    definition=LocalizedText(
        sv="Säkerhetsplaner som upprättades under perioden.",
        en="Safety plans drawn up in the period.",
    ),
    counts=LocalizedText(
        sv="säkerhetsplaner",
        en="safety plans",
    ),
    dims=(),
    fact=facts.view_counter("fact_safety_plans", ()),
    source="fact_safety_plans",
    refs="M13",
    chart="none",
)
_m(
    id="reassessments_overdue",
    population="reviews",
    title=LocalizedText(
        sv="Försenade omprövningar av riskbedömning",
        en="Overdue risk re-assessments",
    ),
    definition=LocalizedText(
        sv="Riskbedömningar vars omprövningsmånad hade passerat vid periodens slut utan att en ny "
        "bedömning "
        "signerats (läget vid periodens sista månad).",
        en="Risk assessments whose review month had passed at the end of the period without a new "
        "signed "
        "assessment (status at the period's last month).",
    ),
    counts=LocalizedText(
        sv="bedömningar",
        en="assessments",
    ),
    dims=(),
    fact=facts.overdue_reviews,
    source="fact_reviews",
    refs="M13",
    chart="none",
)
_m(
    id="training",
    population="training",
    title=LocalizedText(
        sv="Genomförd utbildning",
        en="Training completed",
    ),
    definition=LocalizedText(
        sv="Antal medarbetare som slutförde minst en utbildningsmodul under perioden (varje "
        "person räknas en "
        "gång).",
        en="Number of staff who completed at least one training module in the period (each person once).",
    ),
    counts=LocalizedText(
        sv="medarbetare",
        en="staff",
    ),
    dims=(),
    fact=facts.staff_trained,
    source="fact_training_completions",
    refs="M14",
    chart="none",
)

# The metrics of issue 17 and what each metric does not cover live in their own module (registered on import).
from stodapp.summary import metrics_content as _content  # noqa: E402,F401

# The registry lives in metric_registry.py (so metrics_content.py can register without importing this module);
# its names stay importable from here, where the shipped metrics are known to be registered.
__all__ = ["REGISTRY", "TREND", "FactFn", "Metric", "RegistryError", "register", "register_fact"]
