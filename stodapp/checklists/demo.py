"""Demo filler: a few signed fictional assessments on demo cases and one organisation self-assessment."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from stodapp.calendar_se import local_date
from stodapp.checklists import record as rec
from stodapp.checklists.defs import DefinitionCatalog
from stodapp.checklists.index import DefinitionIndex
from stodapp.checklists.runtime import visible_in_row, visible_items
from stodapp.checklists.schema import (
    ChecklistDefinition,
    ChoiceItem,
    DateItem,
    ItemT,
    MultiChoiceItem,
    NumberItem,
    RepeatGroup,
    TextItem,
)
from stodapp.checklists.tables import AssessmentRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from stodapp.service import ServiceContext

CASE_CHECKLISTS = ("se.stodapp.vinr.screening", "se.stodapp.vinr.farlighet", "se.stodapp.barn.barnets_situation")
ORG_CHECKLIST = "se.stodapp.org.sjalvskattning"
DEMO_TEXT = "Fiktiv uppgift (demo)."


def _scalar(index: DefinitionIndex, item: ItemT, rng: random.Random, facet: str | None = None) -> Any:
    if isinstance(item, ChoiceItem | MultiChoiceItem):
        scale = index.item_scale(item.id, facet)
        options = [o.code for o in scale.options if not o.missing] if scale else []
        if not options:
            return None
        return rng.choice(options) if isinstance(item, ChoiceItem) else [rng.choice(options)]
    if isinstance(item, TextItem):
        return DEMO_TEXT
    if isinstance(item, DateItem):
        return "2026-01-10"
    if isinstance(item, NumberItem):
        low = item.min if item.min is not None else 0
        high = item.max if item.max is not None else low + 5
        value = rng.randint(int(low), int(max(low, min(high, low + 5))))
        return value if item.integer else float(value)
    return None


def _value(index: DefinitionIndex, item: ItemT, rng: random.Random) -> Any:
    if isinstance(item, ChoiceItem) and item.facets:
        return {f: _scalar(index, item, rng, f) for f in item.facets}
    return _scalar(index, item, rng)


def example_answers(definition: ChecklistDefinition, seed: int) -> dict[str, Any]:
    """Complete fictional answers for every item visible under them (repeat groups get their minimum rows, or
    one); conditional items that appear are answered too, until nothing new appears."""
    rng = random.Random(seed)
    index = DefinitionIndex.build(definition)
    answers: dict[str, Any] = {}
    for _round in range(10):
        added = False
        for item_id in visible_items(definition, answers):
            if item_id in answers:
                continue
            item = index.items[item_id].item
            if isinstance(item, RepeatGroup):
                rows: list[dict[str, Any]] = []
                for _r in range(max(1, item.min)):
                    row: dict[str, Any] = {}
                    for child_id in visible_in_row(item, row, answers, definition):
                        child = index.items[child_id].item
                        row[child_id] = _value(index, child, rng)
                    rows.append({k: v for k, v in row.items() if v is not None})
                answers[item_id] = rows
            else:
                answers[item_id] = _value(index, item, rng)
            added = True
        if not added:
            break
    return {k: v for k, v in answers.items() if v is not None}


def signed_record(definition: ChecklistDefinition, *, subject: str, by: str, seed: int, at: Any,
                  supersedes: rec.AssessmentRecord | None = None) -> rec.AssessmentRecord:
    """A complete signed record: example answers, every empty judgement decided (first option)."""
    record = rec.new_assessment(definition, subject_ref=subject, by=by, at=at, supersedes=supersedes)
    record = rec.with_answers(record, example_answers(definition, seed))
    for judgement in definition.judgements:
        entry = record.judgements.get(judgement.id)
        if entry is None or entry.value is None:
            scale = DefinitionIndex.build(definition).scale(judgement.scale)
            code = scale.options[min(1, len(scale.options) - 1)].code if scale else None
            record = rec.with_judgement(record, judgement.id, code, by=by, at=at)
    return rec.sign(record, by=by, at=at)


def _review(record: rec.AssessmentRecord) -> Any:
    interval = rec.definition_of(record).reassessment
    if record.signed_at is None or interval is None or not interval.interval_days:
        return None
    return local_date(record.signed_at) + timedelta(days=interval.interval_days)


def _insert(s: Session, record: rec.AssessmentRecord, case_id: int | None, audience: str, user_id: int) -> None:
    assert record.signed_at is not None
    s.add(AssessmentRow(
        id=record.id, case_id=case_id, audience=audience, checklist_id=record.definition_id,
        version=record.definition_version, digest=record.definition_digest, status="signed",
        record_json=record.model_dump_json(), created_by=user_id, created_at=record.created_at,
        updated_at=record.signed_at, signed_by=user_id, signed_at=record.signed_at,
        supersedes_id=record.supersedes, review_date=_review(record),
    ))
    s.flush()


def fill(ctx: ServiceContext, seed: int) -> None:
    """Signed assessments on the first demo cases of each caseworker, one superseded; an org self-assessment."""
    from stodapp.cases.tables import CaseAssignmentRow
    from stodapp.store.tables import UserRow

    catalog = DefinitionCatalog(ctx)
    now = ctx.clock.now()
    with ctx.session() as s:
        pairs = s.execute(
            select(CaseAssignmentRow.case_id, UserRow.id, UserRow.username)
            .join(UserRow, UserRow.id == CaseAssignmentRow.user_id)
            .where(UserRow.role == "handlaggare")
            .order_by(CaseAssignmentRow.case_id)
            .limit(3)
        ).all()
        count = 0
        for n, (case_id, user_id, username) in enumerate(pairs):
            definition, source = catalog.find(s, CASE_CHECKLISTS[n % len(CASE_CHECKLISTS)], None)
            catalog.register(s, definition, source)
            at = now - timedelta(days=40 - 10 * n)
            first = signed_record(definition, subject=f"case:{case_id}", by=username, seed=seed + n, at=at)
            _insert(s, first, case_id, "case", user_id)
            count += 1
            if n == 0:  # a correction: the newer assessment supersedes the first one
                second = signed_record(definition, subject=f"case:{case_id}", by=username, seed=seed + 100,
                                       at=at + timedelta(days=5), supersedes=first)
                _insert(s, second, case_id, "case", user_id)
                count += 1
        boss = s.execute(select(UserRow.id, UserRow.username).where(UserRow.role == "arbetsledare")
                         .order_by(UserRow.id).limit(1)).first()
        if boss is not None:
            definition, source = catalog.find(s, ORG_CHECKLIST, None)
            catalog.register(s, definition, source)
            org = signed_record(definition, subject="organisation", by=boss[1], seed=seed, at=now - timedelta(days=90))
            _insert(s, org, None, "organisation", boss[0])
            count += 1
        ctx.audit(s, "demo.fill", "assessment", purpose=f"{count} fiktiva bedömningar")
