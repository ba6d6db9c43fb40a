"""Assessment records: a draft or signed assessment pinned to an exact definition snapshot (JSON)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from stodapp.checklists.answers import check_answers
from stodapp.checklists.digest import definition_snapshot, snapshot_digest
from stodapp.checklists.judgements import (
    JudgementEntry,
    decide,
    deviation,
    find_judgement,
    initial_judgements,
    override_problem,
    refresh_judgements,
    with_advice,
)
from stodapp.checklists.runtime import effective_answers, find_item, visible_answers, visible_items
from stodapp.checklists.schema import ChecklistDefinition, RepeatGroup
from stodapp.checklists.scoring import ScoreResult, compute_scores
from stodapp.errors import UserInputError, ValidationFailed
from stodapp.i18n import _, ngettext


class AssessmentRecord(BaseModel):
    """Everything needed to show and print an assessment exactly as it was, without the definition file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    definition_id: str
    definition_version: str
    definition_digest: str
    definition_snapshot: dict[str, Any]
    subject_ref: str  # opaque: a case id or an organisation unit; no names
    status: Literal["draft", "signed"] = "draft"
    answers: dict[str, Any] = {}
    scores: dict[str, ScoreResult] = {}
    judgements: dict[str, JudgementEntry] = {}
    created_by: str
    created_at: datetime
    signed_by: str | None = None
    signed_at: datetime | None = None
    supersedes: str | None = None
    # A local routine may ask for a supervisor's second signature when a level was set lower than suggested
    # (the cosignature itself is a row of its own: a signed record is read-only).
    cosign_required: bool = False


def definition_of(record: AssessmentRecord) -> ChecklistDefinition:
    """The definition exactly as pinned by the record; refuses a snapshot whose digest does not match."""
    if snapshot_digest(record.definition_snapshot) != record.definition_digest:
        raise UserInputError(_("bedömningens definitionskopia stämmer inte med dess kontrollsumma"))
    return ChecklistDefinition.model_validate(record.definition_snapshot)


def new_assessment(
    definition: ChecklistDefinition,
    *,
    subject_ref: str,
    by: str,
    at: datetime,
    supersedes: AssessmentRecord | None = None,
) -> AssessmentRecord:
    """A new draft. Superseding a signed assessment prefills the answers that still fit this definition."""
    if definition.status == "retired":
        raise UserInputError(_("checklistan är utgången och kan inte användas för nya bedömningar"))
    answers: dict[str, Any] = {}
    if supersedes is not None:
        if supersedes.status != "signed":
            raise UserInputError(_("bara en signerad bedömning kan ersättas"))
        answers = _carry_over(definition, supersedes.answers)
    snapshot = definition_snapshot(definition)
    scores = compute_scores(definition, answers)
    return AssessmentRecord(
        id=uuid.uuid4().hex,
        definition_id=definition.id,
        definition_version=definition.version,
        definition_digest=snapshot_digest(snapshot),
        definition_snapshot=snapshot,
        subject_ref=subject_ref,
        answers=answers,
        scores=scores,
        judgements=initial_judgements(definition, scores),
        created_by=by,
        created_at=at,
        supersedes=supersedes.id if supersedes is not None else None,
    )


def _carry_over(definition: ChecklistDefinition, old: Mapping[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for item_id, value in old.items():
        try:
            kept.update(check_answers(definition, {item_id: value}))
        except ValidationFailed:
            continue  # the item or its codes changed meaning: not prefilled
    return kept


def _draft(record: AssessmentRecord) -> ChecklistDefinition:
    if record.status != "draft":
        raise UserInputError(_("bedömningen är signerad och kan inte ändras; gör en ny som ersätter den"))
    return definition_of(record)


def with_answers(record: AssessmentRecord, answers: Mapping[str, Any]) -> AssessmentRecord:
    """A draft with new answers (checked), recomputed scores and refreshed advised judgements."""
    definition = _draft(record)
    checked = visible_answers(definition, check_answers(definition, answers))  # bad input refused even if hidden
    scores = compute_scores(definition, checked)
    judgements = refresh_judgements(definition, scores, record.judgements)
    return record.model_copy(update={"answers": checked, "scores": scores, "judgements": judgements})


def with_judgement(
    record: AssessmentRecord, judgement_id: str, value: str | None, *, reason: str = "", by: str, at: datetime
) -> AssessmentRecord:
    definition = _draft(record)
    entry = decide(definition, record.scores, judgement_id, value, reason=reason, by=by, at=at)
    return record.model_copy(update={"judgements": {**record.judgements, judgement_id: entry}})


def completeness_problems(record: AssessmentRecord) -> list[str]:
    """Why the record cannot be signed: required visible answers or judgements missing, bad overrides.

    Lines start with the item or judgement id ("id: …", "id[row].child: …"): the runner turns that prefix into
    the question's text in the user's language and uses it to go to the question; override refusals already name
    the judgement by its label."""
    definition = definition_of(record)
    problems: list[str] = []
    effective = effective_answers(definition, record.answers)
    for item_id in visible_items(definition, record.answers, effective=effective):
        item = find_item(definition, item_id)
        if item is None:
            continue
        value = effective.get(item_id)
        if isinstance(item, RepeatGroup):
            rows = value if isinstance(value, list) else []
            if len(rows) < item.min:
                problems.append(_("{id}: minst {n} rader krävs").format(id=item_id, n=item.min))
            for r_i, row in enumerate(rows):
                for child in item.items:
                    if child.required and child.id not in row:
                        problems.append(
                            _("{id}[{r}].{c}: obligatoriskt svar saknas").format(
                                id=item_id, r=r_i, c=child.id
                            )
                        )
        elif item.required and (value is None or value == {} or value == []):
            problems.append(_("{id}: obligatoriskt svar saknas").format(id=item_id))
        elif (
            item.required
            and isinstance(value, dict)
            and hasattr(item, "facets")
            and len(value) < len(item.facets)
        ):
            problems.append(_("{id}: alla facetter ska besvaras").format(id=item_id))
    for j in definition.judgements:
        entry = record.judgements.get(j.id)
        if j.required and (entry is None or entry.value is None):
            problems.append(_("{id}: bedömningen är inte gjord").format(id=j.id))
        elif entry is not None:
            fresh = entry.model_copy(update={"advised": _advised(definition, j.id, record.scores)})
            problem = override_problem(definition, j, fresh)
            if problem is not None:
                problems.append(problem)
    return problems


def _advised(
    definition: ChecklistDefinition, judgement_id: str, scores: Mapping[str, ScoreResult]
) -> str | None:
    from stodapp.checklists.judgements import advised_value, find_judgement

    return advised_value(definition, find_judgement(definition, judgement_id), scores)


def _known(definition: ChecklistDefinition, judgement_id: str) -> bool:
    return any(j.id == judgement_id for j in definition.judgements)


def _as_signed_would_be(record: AssessmentRecord) -> AssessmentRecord:
    definition = _draft(record)
    scores = compute_scores(definition, record.answers)
    judgements = {
        k: with_advice(definition, find_judgement(definition, k), v, _advised(definition, k, scores))
        if _known(definition, k)
        else v
        for k, v in record.judgements.items()
    }
    return record.model_copy(update={"scores": scores, "judgements": judgements})


def sign_problems(record: AssessmentRecord) -> list[str]:
    """Everything that stops a draft from being signed now (asked before the user confirms signing)."""
    return completeness_problems(_as_signed_would_be(record))


def missing_summary(n: int) -> str:
    """Say "1 sak saknas" / "3 saker saknas" in the current language."""
    return ngettext("{n} sak saknas", "{n} saker saknas", n).format(n=n)


def sign(record: AssessmentRecord, *, by: str, at: datetime) -> AssessmentRecord:
    """Freeze the record: scores recomputed one last time and stored as signed; refuses an incomplete one."""
    _draft(record)
    if not by.strip():
        raise UserInputError(_("användare saknas"))
    current = _as_signed_would_be(record)
    problems = completeness_problems(current)
    if problems:
        raise ValidationFailed(
            _("bedömningen är inte komplett ({missing})").format(missing=missing_summary(len(problems))), problems
        )
    return current.model_copy(update={"status": "signed", "signed_by": by, "signed_at": at})


def lowered_judgements(record: AssessmentRecord) -> list[str]:
    """Ids of the judgements set lower than the suggestion (a deviation that a routine may want co-signed)."""
    definition = definition_of(record)
    out: list[str] = []
    for j in definition.judgements:
        entry = record.judgements.get(j.id)
        if entry is not None and deviation(definition, find_judgement(definition, j.id), entry) == "lower":
            out.append(j.id)
    return out


REVIEW_DATE_ITEM = "ny_bedomning_senast"


def review_date_of(record: AssessmentRecord, signed_on: date) -> date | None:
    """When the assessment is to be reviewed: the date the assessor typed ("Ny bedömning senast") wins, exactly as
    typed; otherwise the definition's interval counted from the Swedish day of signing."""
    typed = record.answers.get(REVIEW_DATE_ITEM)
    if isinstance(typed, str):
        try:
            return date.fromisoformat(typed)
        except ValueError:
            pass
    interval = definition_of(record).reassessment
    if interval is not None and interval.interval_days:
        return signed_on + timedelta(days=interval.interval_days)
    return None
