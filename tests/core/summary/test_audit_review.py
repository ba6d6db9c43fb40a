"""Audit review: planted anomalies are all reported, the anchor matches the chain, the review is audited."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from stodapp import audit
from stodapp.auth import Principal, Role
from stodapp.cases.tables import CaseRow, PersonRow
from stodapp.clock import FakeClock
from stodapp.core import Core
from stodapp.errors import AccessDenied, UserInputError
from stodapp.service import ServiceContext
from stodapp.store.tables import AuditRow, UserRow
from stodapp.summary.audit_review import AuditReviewService

REASON = "Akut samtal från socialjouren, ordinarie handläggare sjuk"


@pytest.fixture(scope="module")
def planted() -> Iterator[tuple[Core, dict[str, str]]]:
    # The whole store lives on one stated clock, so the reviewed month never depends on today's date.
    clock = FakeClock(datetime(2026, 11, 10, 9, 0, tzinfo=UTC))
    core = Core.open_demo(role=Role.SUPERVISOR, cases=30, seed=5, clock=clock)
    db = core.db
    assert db is not None
    with db.session() as s:
        worker = s.scalar(select(UserRow).where(UserRow.username == "handlaggare"))
        assert worker is not None
        foreign = CaseRow(
            case_no="UTANFOR-1",
            opened_at=clock.now(),
            opened_month="2026-11",
            last_entry_at=clock.now(),
            created_by=worker.id,
        )
        s.add(foreign)
        s.flush()
        hidden = PersonRow(
            case_id=foreign.id,
            role="stodsokande",
            given_name="Skyddad",
            family_name="Fiktivsson",
            search_name="fiktivsson skyddad",
            protected_identity=True,
            address="Hemlig väg 1",
        )
        s.add(hidden)
        s.flush()
        own_case = s.scalar(select(CaseRow.id).where(CaseRow.case_no != "UTANFOR-1").order_by(CaseRow.id))
        ids = {
            "foreign": str(foreign.id),
            "person": str(hidden.id),
            "own": str(own_case),
            "worker": worker.id,
        }
    ctx = ServiceContext(
        db=db,
        principal=Principal(user_id=int(ids["worker"]), username="handlaggare", role=Role.CASEWORKER),
        clock=clock,
    )
    with ctx.session() as s:
        ctx.audit(s, "case.view", "case", ids["own"])
        ctx.audit(s, "case.view", "case", ids["foreign"])  # outside the caseload (and a protected person)
        try:
            from stodapp.cases.casework_tables import AccessGrantRow

            s.add(
                AccessGrantRow(
                    kind="break_glass",
                    case_id=int(ids["foreign"]),
                    user_id=int(ids["worker"]),
                    at=clock.now(),
                    reason=REASON,
                )
            )
        except ImportError:
            pass
        ctx.audit(s, "case.break_glass", "case", ids["foreign"])
        ctx.audit(s, "person.reveal_protected", "person", ids["person"])
    yield core, ids
    core.close()


def _review_count(core: Core) -> int:
    with core.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "audit.review")) or 0)


def test_planted_anomalies_are_reported(planted: tuple[Core, dict[str, str]]) -> None:
    core, ids = planted
    before = _review_count(core)
    rep = AuditReviewService(core.ctx).review("2026-11-01", "2026-11-30", sample_size=5, seed=1)
    assert _review_count(core) == before + 1  # the review is audited
    outside = {(e.action, e.record_id) for e in rep.outside_caseload}
    assert ("case.view", ids["foreign"]) in outside and ("case.view", ids["own"]) not in outside
    assert any(e.record_id == ids["person"] for e in rep.protected)
    assert any(e.record_id == ids["foreign"] and e.record_type == "case" for e in rep.protected)
    assert [e.record_id for e in rep.break_glass] == [ids["foreign"]]
    assert rep.break_glass[0].note == REASON
    assert len(rep.sample) == 5 and rep.events_in_period >= 5
    with core.db.session() as s:
        check = audit.verify(s, core.db.audit_key)
    assert rep.chain_ok and rep.chain_count == check.count and rep.chain_head == check.head


def test_review_pdf_prints_anchor_and_lists(planted: tuple[Core, dict[str, str]]) -> None:
    core, ids = planted
    service = AuditReviewService(core.ctx)
    rep = service.review("2026-11", "2026-11", sample_size=3, seed=2)
    pdf = service.pdf(rep)
    words = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert rep.chain_head in words.replace("\n", "") and str(rep.chain_count) in words
    assert "nödåtkomst" in words and "Hemlig väg" not in words
    assert json.loads(rep.model_dump_json())["chain_head"] == rep.chain_head


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.TRAINER])
def test_only_supervisors_and_admins_review(planted: tuple[Core, dict[str, str]], role: Role) -> None:
    core, _ids = planted
    ctx = ServiceContext(db=core.db, principal=Principal(user_id=2, username="x", role=role), clock=core.clock)
    with pytest.raises(AccessDenied):
        AuditReviewService(ctx).review("2026-11-01", "2026-11-30")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("2026-11-30", "2026-11-01"),
        ("2026-13-01", "2026-12-01"),
        ("igår", "idag"),
        ("2099-01-01", "2099-02-01"),
    ],
)
def test_bad_review_period(planted: tuple[Core, dict[str, str]], a: str, b: str) -> None:
    core, _ids = planted
    before = _review_count(core)
    with pytest.raises(UserInputError):
        AuditReviewService(core.ctx).review(a, b)
    assert _review_count(core) == before


def test_administrator_sees_that_a_reason_exists_but_not_its_text(planted: tuple[Core, dict[str, str]]) -> None:
    core, ids = planted
    admin = ServiceContext(db=core.db, principal=Principal(user_id=1, username="admin", role=Role.ADMIN),
                           clock=core.clock)
    rep = AuditReviewService(admin).review("2026-11-01", "2026-11-30", sample_size=0, seed=1)
    assert [e.record_id for e in rep.break_glass] == [ids["foreign"]]
    assert REASON not in rep.model_dump_json()
