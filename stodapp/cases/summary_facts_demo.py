"""Demo filler for the summary facts no other filler makes: groups, referrals given, housing, descriptions, SPJ.

Runs after the cases and checklists fillers (stodapp.demo_fillers) and only adds fictional records to demo cases
that already have a "ja" asking event; deterministic per seed.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from stodapp.calendar_se import local_date
from stodapp.cases.casework_tables import AskingEventRow
from stodapp.cases.housing import HousingPlacementRow, is_child
from stodapp.cases.models import GROUPS
from stodapp.cases.tables import CaseAssignmentRow, PersonRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from stodapp.service import ServiceContext

MAX_CASES = 200
ASSESSED = 60
VICTIM_RESOURCES = ("kvinnofridslinjen", "bris")
PERPETRATOR_RESOURCE = "valj_att_sluta"


def fill(ctx: ServiceContext, seed: int) -> None:
    rng = random.Random(seed * 17 + 3)
    now = ctx.clock.now()
    with ctx.session() as s:
        persons = s.scalars(
            select(PersonRow).where(PersonRow.case_id <= MAX_CASES).order_by(PersonRow.id)
        ).all()
        for p in persons:
            details = json.loads(p.details or "{}")
            if p.role == "stodsokande" and not details.get("groups") and rng.random() < 0.35:
                details["groups"] = rng.sample(sorted(GROUPS), k=rng.randint(1, 2))
                p.details = json.dumps(details, ensure_ascii=False)
        events = s.execute(
            select(AskingEventRow.case_id, AskingEventRow.asked_on, CaseAssignmentRow.user_id)
            .join(CaseAssignmentRow, CaseAssignmentRow.case_id == AskingEventRow.case_id)
            .where(AskingEventRow.answer == "ja", AskingEventRow.subject == "utsatt")
            .order_by(AskingEventRow.case_id)
        ).all()
        names = _resource_names()
        seen: set[int] = set()
        for case_id, asked_on, worker in events:
            if case_id in seen:
                continue
            seen.add(case_id)
            people = [p for p in persons if p.case_id == case_id]
            given = asked_on + timedelta(days=1)
            at = datetime.combine(given, time(10), tzinfo=UTC)
            for p in people:
                role = {"stodsokande": "victim", "barn": "victim", "utovare": "perpetrator"}.get(p.role)
                if role is None or rng.random() < 0.3:
                    continue
                rid = PERPETRATOR_RESOURCE if role == "perpetrator" else VICTIM_RESOURCES[p.role == "barn"]
                if rid in names:
                    s.add(_referral(case_id, p.id, role, rid, names[rid], given, worker, at))
            if rng.random() < 0.12:
                start = asked_on + timedelta(days=3)
                for p in people:
                    if p.role in ("stodsokande", "barn"):
                        s.add(HousingPlacementRow(
                            case_id=case_id, person_id=p.id, placed="barn" if is_child(p, start) else "vuxen",
                            started_on=start, recorded_by=worker, recorded_at=at,
                        ))
            if len(seen) <= ASSESSED:
                _assess(ctx, s, rng, case_id, worker, min(at + timedelta(days=2), now - timedelta(hours=1)))
        ctx.audit(s, "demo.fill", "case", purpose="statistikunderlag")


def _resource_names() -> dict[str, str]:
    from stodapp.referrals.directory import ReferralDirectory

    directory = ReferralDirectory.load()
    return {r.id: str(getattr(r, "name", r.id)) for r in directory.national}


def _referral(case_id: int, person_id: int, role: str, rid: str, name: str, given: object, worker: int,
              at: datetime) -> object:
    from stodapp.referrals.tables import ReferralGivenRow

    return ReferralGivenRow(case_id=case_id, person_id=person_id, person_role=role, resource_id=rid,
                            resource_name=name[:200], local=False, given_on=given, user_id=worker, created_at=at)


def _assess(ctx: ServiceContext, s: Session, rng: random.Random, case_id: int, worker: int, at: datetime) -> None:
    """A signed description of violence and an SPJ partner-violence assessment with L/M/H judgements."""
    from stodapp.checklists import record as rec
    from stodapp.checklists.defs import DefinitionCatalog
    from stodapp.checklists.demo import example_answers
    from stodapp.checklists.tables import AssessmentRow
    from stodapp.store.tables import UserRow

    username = s.scalar(select(UserRow.username).where(UserRow.id == worker)) or "demo"
    catalog = DefinitionCatalog(ctx)
    for offset, definition_id in enumerate(("se.stodapp.vinr.beskrivning", "se.stodapp.vinr.spb_partner")):
        definition, source = catalog.find(s, definition_id, None)
        catalog.register(s, definition, source)
        when = at + timedelta(minutes=offset)
        record = rec.new_assessment(definition, subject_ref=f"case:{case_id}", by=username, at=when)
        record = rec.with_answers(record, example_answers(definition, rng.randint(0, 10_000)))
        for j in definition.judgements:
            level = rng.choice(("lag", "medel", "medel", "hog"))
            record = rec.with_judgement(record, j.id, level, by=username, at=when)
        record = rec.sign(record, by=username, at=when)
        interval = definition.reassessment
        days = interval.interval_days if interval else None
        review = local_date(when) + timedelta(days=days) if days else None
        s.add(AssessmentRow(
            id=record.id, case_id=case_id, audience="case", checklist_id=definition.id, version=definition.version,
            digest=record.definition_digest, status="signed", record_json=record.model_dump_json(),
            created_by=worker, created_at=when, updated_at=when, signed_by=worker, signed_at=when,
            review_date=review,
        ))
    s.flush()
