"""Judgements: SPJ never prefilled, advised prefilled from a score, overrides with reason/user/time."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from stodapp.checklists.schema import ChecklistDefinition, Judgement, OverridePolicy, Scale
from stodapp.checklists.scoring import SUPPORT_LABEL_SV, ScoreResult, compute_scores
from stodapp.errors import UserInputError
from stodapp.i18n import _

Deviation = Literal["lower", "higher", "other"]


class JudgementEntry(BaseModel):
    """One judgement: the advised value (None for SPJ), the chosen value and, if they differ, why.

    `deviation` is kept in the record itself ("lower" = the professional set a lower level than suggested), so a
    printed or exported record shows it without recomputing from the definition."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    advised: str | None = None
    value: str | None = None
    reason: str = ""
    by: str | None = None
    at: datetime | None = None
    deviation: Deviation | None = None

    @property
    def overridden(self) -> bool:
        return self.advised is not None and self.value is not None and self.value != self.advised


def deviation(definition: ChecklistDefinition, judgement: Judgement, entry: JudgementEntry) -> Deviation | None:
    """How the professional's value departs from the advice: lower or higher on an ordered scale, else other.

    In structured professional judgement the professional's judgement stands in both directions; a lower level
    than suggested is still recorded as a deviation so that a reader (and a local routine) can see it."""
    if not entry.overridden or entry.value is None or entry.advised is None:
        return None
    scale = judgement_scale(definition, judgement)
    codes = [o.code for o in scale.options]
    if not scale.ordered or entry.value not in codes or entry.advised not in codes:
        return "other"
    return "lower" if codes.index(entry.value) < codes.index(entry.advised) else "higher"


def with_advice(
    definition: ChecklistDefinition, judgement: Judgement, entry: JudgementEntry, advised: str | None
) -> JudgementEntry:
    """The entry against (new) advice, its deviation mark recomputed."""
    moved = entry.model_copy(update={"advised": advised, "deviation": None})
    return moved.model_copy(update={"deviation": deviation(definition, judgement, moved)})


def _name(judgement: Judgement) -> str:
    """The judgement as the user reads it (its Swedish label), never its internal id."""
    return judgement.label.sv


def find_judgement(definition: ChecklistDefinition, judgement_id: str) -> Judgement:
    for j in definition.judgements:
        if j.id == judgement_id:
            return j
    raise UserInputError(_("Bedömningen finns inte i den här checklistan."))


def judgement_scale(definition: ChecklistDefinition, judgement: Judgement) -> Scale:
    scale = judgement.scale if isinstance(judgement.scale, Scale) else definition.scales[judgement.scale]
    return scale


def advised_value(
    definition: ChecklistDefinition, judgement: Judgement, scores: Mapping[str, ScoreResult]
) -> str | None:
    """The value to prefill: None for SPJ, and None when the source score is "ej bedömbar"."""
    if judgement.mode != "advised" or judgement.source is None:
        return None
    result = scores.get(judgement.source)
    if result is None or result.status != "ok" or result.value is None:
        return None
    key = ("true" if result.value else "false") if isinstance(result.value, bool) else str(result.value)
    if judgement.advice is not None:
        return judgement.advice.get(key)
    return key


def initial_judgements(
    definition: ChecklistDefinition, scores: Mapping[str, ScoreResult]
) -> dict[str, JudgementEntry]:
    """Fresh entries: advised judgements prefilled with the advice, SPJ judgements empty."""
    out: dict[str, JudgementEntry] = {}
    for j in definition.judgements:
        advice = advised_value(definition, j, scores)
        out[j.id] = JudgementEntry(id=j.id, advised=advice, value=advice)
    return out


def refresh_judgements(
    definition: ChecklistDefinition, scores: Mapping[str, ScoreResult], current: Mapping[str, JudgementEntry]
) -> dict[str, JudgementEntry]:
    """After answers change: a value that followed the old advice follows the new one; a decision stays."""
    out: dict[str, JudgementEntry] = {}
    for j in definition.judgements:
        advice = advised_value(definition, j, scores)
        old = current.get(j.id)
        if old is None or old.by is None or (old.value == old.advised and not old.reason):
            out[j.id] = JudgementEntry(id=j.id, advised=advice, value=advice)
        else:
            out[j.id] = with_advice(definition, j, old, advice)
    return out


def _policy(judgement: Judgement) -> OverridePolicy:
    return judgement.override or OverridePolicy()


def override_problem(
    definition: ChecklistDefinition, judgement: Judgement, entry: JudgementEntry
) -> str | None:
    """Why this entry is not acceptable under the judgement's override policy (None if it is)."""
    scale = judgement_scale(definition, judgement)
    codes = [o.code for o in scale.options]
    if entry.value is not None and entry.value not in codes:
        return _("{name}: det valda värdet finns inte i skalan.").format(name=_name(judgement))
    if (
        judgement.mode == "spj"
        or entry.advised is None
        or entry.value is None
        or entry.value == entry.advised
    ):
        return None
    policy = _policy(judgement)
    if policy.allowed == "none":
        return _("{id}: det beräknade värdet får inte ändras").format(id=_name(judgement))
    if policy.allowed == "raise_only" and codes.index(entry.value) < codes.index(entry.advised):
        return _("{id}: nivån får bara höjas, inte sänkas").format(id=_name(judgement))
    lower = scale.ordered and entry.advised in codes and codes.index(entry.value) < codes.index(entry.advised)
    if lower and len(entry.reason.strip()) < policy.min_reason_chars:
        return _(
            "{id}: du har valt en lägre nivå än förslaget. Skriv en motivering (minst {n} tecken); den lägre "
            "nivån visas som en avvikelse i bedömningen."
        ).format(id=_name(judgement), n=policy.min_reason_chars)
    if len(entry.reason.strip()) < policy.min_reason_chars:
        return _(
            "{id}: en avvikelse från förslaget kräver en skriftlig motivering (minst {n} tecken)"
        ).format(id=_name(judgement), n=policy.min_reason_chars)
    if not (entry.by or "").strip() or entry.at is None:
        return _("{id}: en avvikelse kräver användare och tidpunkt").format(id=_name(judgement))
    return None


def decide(
    definition: ChecklistDefinition,
    scores: Mapping[str, ScoreResult],
    judgement_id: str,
    value: str | None,
    *,
    reason: str = "",
    by: str,
    at: datetime,
) -> JudgementEntry:
    """Record the professional's choice; refuses unknown codes, forbidden overrides and missing reasons."""
    judgement = find_judgement(definition, judgement_id)
    if not by.strip():
        raise UserInputError(_("användare saknas"))
    entry = with_advice(
        definition,
        judgement,
        JudgementEntry(id=judgement.id, value=value, reason=reason.strip(), by=by, at=at),
        advised_value(definition, judgement, scores),
    )
    problem = override_problem(definition, judgement, entry)
    if problem is not None:
        raise UserInputError(problem)
    return entry


def score_report(definition: ChecklistDefinition, answers: Mapping[str, Any]) -> dict[str, Any]:
    """JSON-ready scores and advised judgements (the CLI `score` output)."""
    from stodapp.checklists.digest import definition_digest

    scores = compute_scores(definition, answers)
    return {
        "definition": {
            "id": definition.id,
            "version": definition.version,
            "digest": definition_digest(definition),
        },
        "note": SUPPORT_LABEL_SV,
        "scores": {k: v.model_dump(mode="json") for k, v in scores.items()},
        "advised_judgements": {
            j.id: advised_value(definition, j, scores) for j in definition.judgements if j.mode == "advised"
        },
        "spj_judgements": [j.id for j in definition.judgements if j.mode == "spj"],
    }
