"""Demo filler: fictional reports of concern for some demo children, through the real service and its rules."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from stodapp.auth import Principal, Role
from stodapp.calendar_se import local_date
from stodapp.cases.tables import CaseAssignmentRow, PersonRow
from stodapp.concerns.model import Reporter, ReporterKind
from stodapp.concerns.prefill import CaseSnapshot, ChildSnapshot, PersonSnapshot
from stodapp.concerns.service import ConcernService
from stodapp.concerns.tracking import Outcome, SendMethod
from stodapp.service import ServiceContext
from stodapp.store.tables import UserRow

if TYPE_CHECKING:
    from stodapp.service import ServiceContext

MAX_REPORTS = 30
# Fictional municipalities of the demo: codes from the official list (Gullspång, Töreboda, Mariestad).
HOME_CODES = ("1447", "1473", "1493")
DESCRIPTIONS = (
    "Barnet har vid flera tillfällen hört våld och hot i hemmet (fiktivt exempel).",
    "Förskolan berättar att barnet är rädd och säger att mamma blir slagen (fiktivt exempel).",
    "Barnet var hemma när polisen kallades efter ett våldstillfälle (fiktivt exempel).",
)


def fill(ctx: ServiceContext, seed: int) -> None:
    rng = random.Random(seed * 17 + 3)
    db = ctx.db
    today = local_date(ctx.clock.now())
    with db.session() as s:
        children = s.execute(
            select(PersonRow.case_id, PersonRow.given_name, PersonRow.family_name, PersonRow.personnummer,
                   CaseAssignmentRow.user_id)
            .join(CaseAssignmentRow, CaseAssignmentRow.case_id == PersonRow.case_id)
            .where(PersonRow.role == "barn", PersonRow.personnummer.is_not(None),
                   PersonRow.protected_identity.is_(False))
            .order_by(PersonRow.case_id)
            .limit(MAX_REPORTS)
        ).all()
        names = dict(s.execute(select(UserRow.id, UserRow.username)).all())
    for case_id, given, family, pnr, worker in children:
        if pnr is None or int(pnr[:4]) < today.year - 17:
            continue  # a report of concern is about a child under 18
        ctx = ServiceContext(db=db, principal=Principal(user_id=worker, username=names.get(worker, "demo"),
                                                         role=Role.CASEWORKER), clock=ctx.clock, store_kind="demo")
        svc = ConcernService(ctx)
        snapshot = CaseSnapshot(
            case_id=case_id,
            child=ChildSnapshot(name=f"{given} {family}", personnummer=pnr,
                                home_municipality_code=rng.choice(HOME_CODES)),
            household=(PersonSnapshot(name="Vårdnadshavare (demo)", role="vårdnadshavare", is_guardian=True),),
        )
        reporter = Reporter(name="Handläggare (demo)", title="Socialsekreterare", kind=ReporterKind.SOCIAL_SERVICES,
                            unit="Enheten för våld i nära relation (demo)", phone="010-000 00 00")
        rid = int(svc.create_from_case(snapshot, reporter).ids[0])
        svc.edit_draft(rid, {"concern": {"observed_by": "Handläggaren", "source": "told_by_other",
                                           "description": rng.choice(DESCRIPTIONS)}})
        if rng.random() < 0.2:
            continue  # some stay drafts
        svc.finalise(rid)
        report = svc.get(rid).report
        sent_on = report.report_date
        svc.mark_sent(rid, on=sent_on, municipality_code=report.home_municipality_code,
                      method=rng.choice([SendMethod.E_SERVICE, SendMethod.SECURE_EMAIL]))
        outcome_on = min(today, sent_on + timedelta(days=rng.randint(3, 20)))
        svc.record_outcome(rid, rng.choice(list(Outcome)), on=outcome_on)
