"""ConcernService on a real encrypted store: lifecycle, access, audit, read-only signing, tamper detection."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, update
from sqlalchemy import text as sql_text

from stodapp.clock import FakeClock
from stodapp.concerns.prefill import CaseSnapshot
from stodapp.concerns.safety import normalise
from stodapp.concerns.service import ConcernService, outcome_counts
from stodapp.concerns.tables import ConcernReportRow
from stodapp.concerns.tracking import ConcernStatus, Outcome, SendMethod
from stodapp.errors import AccessDenied, NotFound, StoreCorrupt, UserInputError
from stodapp.service import ServiceContext
from stodapp.store.tables import AuditRow

from .helpers import SENTINEL_ADDRESS, TODAY, reporter, snapshot

NOW = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def make_case(core: Any, assigned: str) -> int:
    from stodapp.cases.tables import CaseAssignmentRow, CaseRow
    from stodapp.store.tables import UserRow

    with core.db.session() as s:
        uid = s.scalar(select(UserRow.id).where(UserRow.username == assigned))
        case = CaseRow(
            case_no="T-1", opened_at=NOW, opened_month="2026-01", last_entry_at=NOW, created_by=uid
        )
        s.add(case)
        s.flush()
        s.add(CaseAssignmentRow(case_id=case.id, user_id=uid))
        return int(case.id)


def service(core: Any) -> ConcernService:
    return ConcernService(ServiceContext(db=core.db, principal=core.principal, clock=FakeClock(NOW)))


def for_case(case_id: int, **kw: Any) -> CaseSnapshot:
    return snapshot(**kw).model_copy(update={"case_id": case_id})


def count(core: Any) -> int:
    with core.db.session() as s:
        return int(s.scalar(select(func.count()).select_from(ConcernReportRow)) or 0)


def test_lifecycle_draft_final_sent_outcome_and_correction(open_core: Callable[[str], Any]) -> None:
    core = open_core("anna")
    case_id = make_case(core, "anna")
    svc = service(core)
    rid = int(svc.create_from_case(for_case(case_id, honour=True), reporter()).ids[0])
    view = svc.get(rid)
    assert view.status is ConcernStatus.DRAFT and not view.read_only
    assert view.report.honour_context and view.report.guardians_informed is False

    svc.edit_draft(rid, {"concern": {"observed_by": "Anmälaren", "source": "told_by_child", "description": "Barnet berättar om hot."}})
    with pytest.raises(UserInputError, match="Skyddad uppgift"):
        svc.edit_draft(rid, {"concern": {"description": f"Mamman bor på {SENTINEL_ADDRESS}"}})
    assert "hot" in svc.get(rid).report.concern.description  # the refused edit changed nothing

    svc.finalise(rid)
    final = svc.get(rid)
    assert final.read_only and final.signature_ok and len(final.content_sha256) == 64
    with pytest.raises(UserInputError, match="slutförd"):
        svc.edit_draft(rid, {"feedback_wanted": False})
    with pytest.raises(UserInputError, match="hemkommun"):
        svc.mark_sent(rid, on=TODAY, municipality_code="0180", method=SendMethod.E_SERVICE)
    with pytest.raises(UserInputError, match="framtiden"):
        svc.mark_sent(rid, on=TODAY + timedelta(days=1), municipality_code="1280", method="post")
    with pytest.raises(NotFound):
        svc.mark_sent(rid, on=TODAY, municipality_code="0199", method="post")
    with pytest.raises(UserInputError, match="Okänt sätt"):
        svc.mark_sent(rid, on=TODAY, municipality_code="1280", method="brevduva")
    with pytest.raises(UserInputError, match="Status"):
        svc.record_outcome(rid, Outcome.NO_INVESTIGATION, on=TODAY)
    svc.mark_sent(rid, on=TODAY, municipality_code="1280", method="e_service")
    svc.mark_acknowledged(rid, on=TODAY)
    svc.record_outcome(rid, "investigation_opened", on=TODAY)
    done = svc.get(rid)
    assert done.outcome is Outcome.INVESTIGATION_OPENED and done.sent_to_code == "1280"
    assert [e.status for e in done.history] == ["draft", "final", "sent", "acknowledged", "outcome_recorded"]
    with core.db.session() as s:
        assert outcome_counts(s, date(2026, 1, 1), date(2026, 2, 1)) == {"investigation_opened": 1}
        facts = s.execute(sql_text("SELECT month, concern_outcome FROM fact_concerns")).all()
    assert [tuple(f) for f in facts] == [("2026-01", "utredning")]

    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(svc.pdf(rid))).pages)
    assert "hemligstigen" not in normalise(text) and "Kontakta inte vårdnadshavare" in " ".join(text.split())
    assert "Vårdnadshavare informerade" not in " ".join(text.split())

    new_id = int(svc.correct(rid).ids[0])
    assert svc.get(new_id).supersedes_id == rid and svc.get(rid).superseded_by == (new_id,)
    assert svc.get(new_id).status is ConcernStatus.DRAFT
    assert [i.id for i in svc.list(case_id)] == [new_id, rid] and [i.id for i in svc.list()] == [new_id, rid]

    with core.db.session() as s:
        audits = s.scalars(select(AuditRow).where(AuditRow.action.like("concern.%"))).all()
    assert {"concern.create", "concern.edit", "concern.finalise", "concern.sent", "concern.export_pdf"} <= {
        a.action for a in audits
    }
    assert all("Övningsdotter" not in (a.purpose + a.record_id) for a in audits)


def test_bad_input_changes_nothing(open_core: Callable[[str], Any]) -> None:
    core = open_core("anna")
    case_id = make_case(core, "anna")
    svc = service(core)
    no_child = for_case(case_id).model_copy(update={"child": None})
    with pytest.raises(UserInputError, match="ett barn"):
        svc.create_from_case(no_child, reporter())
    assert count(core) == 0
    rid = int(svc.create_from_case(for_case(case_id), reporter()).ids[0])
    svc.edit_draft(rid, {"concern": {"description": "", "source": "observed"}})
    with pytest.raises(UserInputError, match="beskrivning"):
        svc.finalise(rid)
    with pytest.raises(UserInputError, match="framtiden"):
        svc.edit_draft(rid, {"concern": {"observed_on": TODAY + timedelta(days=2)}})
    with pytest.raises(UserInputError, match="kommunkod"):
        svc.edit_draft(rid, {"home_municipality_code": "9999"})
    view = svc.get(rid)
    assert view.status is ConcernStatus.DRAFT and view.report.home_municipality_code == "1280"


def test_access_needs_role_and_assignment(open_core: Callable[[str], Any]) -> None:
    anna = open_core("anna")
    case_id = make_case(anna, "anna")
    rid = int(service(anna).create_from_case(for_case(case_id), reporter()).ids[0])
    with pytest.raises(NotFound):
        service(open_core("bertil")).get(rid)
    with pytest.raises(AccessDenied):
        service(open_core("sara")).list()
    with pytest.raises(NotFound):
        service(anna).create_from_case(for_case(case_id + 99), reporter())


def test_tampered_signed_report_is_detected_and_not_printed(open_core: Callable[[str], Any]) -> None:
    core = open_core("anna")
    case_id = make_case(core, "anna")
    svc = service(core)
    rid = int(svc.create_from_case(for_case(case_id), reporter()).ids[0])
    svc.edit_draft(rid, {"concern": {"description": "Oro för barnet.", "source": "observed"}})
    svc.finalise(rid)
    with core.db.session() as s:
        row = s.get(ConcernReportRow, rid)
        assert row is not None
        forged = row.report_json.replace("Oro för barnet.", "Ändrad i efterhand.")
        s.execute(update(ConcernReportRow).where(ConcernReportRow.id == rid).values(report_json=forged))
    assert not svc.get(rid).signature_ok
    with pytest.raises(StoreCorrupt):
        svc.pdf(rid)


def test_demo_store_has_reports_of_concern_that_the_summary_counts() -> None:
    from stodapp.auth import Role
    from stodapp.core import Core

    core = Core.open_demo(role=Role.CASEWORKER, cases=60, seed=4)
    try:
        reports = core.concerns.list()
        assert reports and all(r.case_id for r in reports)
    finally:
        core.close()
