"""Security review fixes: break-the-glass never assigns, time-true caseload review, audit gaps, no existence oracle."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from stodapp.calendar_se import local_date
from stodapp.cases.asking_models import AskingInput
from stodapp.cases.models import PersonInput
from stodapp.cases.service import CaseService
from stodapp.clock import FakeClock
from stodapp.errors import AccessDenied, NotFound
from stodapp.referrals.service import ReferralService
from stodapp.store.tables import AuditRow
from stodapp.summary.audit_review import AuditReviewService

# the suite's own now (tests/conftest.py's clock); never the machine's
NOW = FakeClock().now()
TODAY = local_date(NOW)

REASON = "Ordinarie handläggare sjuk, akut samtal"


def _today() -> str:
    return TODAY.isoformat()  # the review's own notion of a day


def _audit(cases: CaseService, action: str) -> list[tuple[str, str, str]]:
    with cases._ctx.session() as s:
        rows = s.execute(
            select(AuditRow.username, AuditRow.record_id, AuditRow.purpose)
            .where(AuditRow.action == action)
            .order_by(AuditRow.id)
        ).all()
    return [(str(a), str(b), str(c)) for a, b, c in rows]


def _case_with_person(anna: CaseService, *, protected: bool = False) -> tuple[int, int]:
    cid = int(anna.create_case("Enhet A").ids[0])
    pid = int(anna.persons.add(cid, PersonInput(role="stodsokande", given_name="Testa", family_name="Fiktiv",
                                                protected_identity=protected,
                                                address="Påhittad väg 1" if protected else "")).ids[1])
    return cid, pid


# ---- 1. break-the-glass gives no lasting access -------------------------------------------------------------
def test_break_glass_does_not_let_a_caseworker_assign_themselves(cases_for) -> None:  # type: ignore[no-untyped-def]
    anna, bertil = cases_for("anna"), cases_for("bertil")
    cid, _pid = _case_with_person(anna)
    bertil.break_glass(cid, REASON)
    assert bertil.open_case(cid).via_break_glass  # the glass grant itself works
    with pytest.raises(AccessDenied, match="tilldelad"):
        bertil.assign(cid, "bertil")
    assert bertil.list_cases().total == 0 and "bertil" not in anna.open_case(cid).caseworkers
    assert ("bertil", str(cid), "case.assign") in _audit(bertil, "case.denied")
    assert [r[0] for r in _audit(bertil, "case.assign")] == []
    anna.assign(cid, "bertil")  # an assigned caseworker still can
    assert bertil.list_cases().total == 1 and not bertil.open_case(cid).via_break_glass


def test_audit_review_judges_access_against_the_assignment_at_the_time(cases_for, open_core) -> None:  # type: ignore[no-untyped-def]
    anna, bertil = cases_for("anna"), cases_for("bertil")
    cid, _pid = _case_with_person(anna)
    bertil.break_glass(cid, REASON)
    bertil.open_case(cid)  # case.view_glass before being assigned: outside the caseload
    anna.assign(cid, "bertil")
    bertil.open_case(cid)  # case.view after the assignment: inside
    anna.open_case(cid)  # the creator: inside
    rep = AuditReviewService(open_core("sara").ctx).review(_today(), _today(), sample_size=0, seed=1)
    outside = [(e.username, e.action) for e in rep.outside_caseload if e.record_id == str(cid)]
    assert ("bertil", "case.view_glass") in outside and ("bertil", "case.break_glass") in outside
    assert ("bertil", "case.view") not in outside
    assert all(who != "anna" for who, _a in outside)


def test_audit_review_keeps_seeded_assignments_without_audit_trail(open_core) -> None:  # type: ignore[no-untyped-def]
    from stodapp.cases.tables import CaseAssignmentRow

    anna, bertil = CaseService(open_core("anna").ctx), CaseService(open_core("bertil").ctx)
    cid = int(anna.create_case().ids[0])
    with anna._ctx.session() as s:  # an assignment written outside the services (demo seeding): no audit row
        s.add(CaseAssignmentRow(case_id=cid, user_id=bertil._ctx.principal.user_id))
    bertil.open_case(cid)
    other = int(anna.create_case().ids[0])
    bertil.break_glass(other, REASON)  # the control: a real outside access in the same period is still listed
    rep = AuditReviewService(open_core("sara").ctx).review(_today(), _today(), sample_size=0, seed=1)
    assert [e for e in rep.outside_caseload if e.record_id == str(cid)] == []
    assert [(e.username, e.record_id) for e in rep.outside_caseload] == [("bertil", str(other))]


# ---- 2. audit gaps --------------------------------------------------------------------------------------------
def test_referrals_given_and_asking_due_are_audited(cases_for, open_core) -> None:  # type: ignore[no-untyped-def]
    anna, bertil = cases_for("anna"), cases_for("bertil")
    cid, _pid = _case_with_person(anna)
    assert ReferralService(open_core("anna").ctx).given_for_case(cid) == []
    assert ("anna", str(cid), "") in _audit(anna, "referral.list")
    anna.asking.asking_due(cid)
    assert ("anna", str(cid), "") in _audit(anna, "asking.due")
    with pytest.raises(AccessDenied):
        bertil.asking.asking_due(cid)
    assert ("bertil", str(cid), "asking.due") in _audit(bertil, "case.denied")
    assert [r for r in _audit(bertil, "asking.due") if r[0] == "bertil"] == []


# ---- 3. no existence oracle for records inside cases ----------------------------------------------------------
def _same_as_missing(call_existing, call_missing) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound) as hidden:
        call_existing()
    with pytest.raises(NotFound) as missing:
        call_missing()
    assert str(hidden.value) == str(missing.value)
    assert type(hidden.value) is type(missing.value)
    return str(hidden.value)


def test_review_in_an_inaccessible_case_looks_missing(cases_for) -> None:  # type: ignore[no-untyped-def]
    anna, bertil = cases_for("anna"), cases_for("bertil")
    cid, _pid = _case_with_person(anna)
    review_id = int(anna.followup.add_review(cid, "ny_information").ids[1])
    _same_as_missing(lambda: bertil.followup.complete_review(review_id),
                     lambda: bertil.followup.complete_review(review_id + 1000))
    assert ("bertil", str(cid), "review.complete") in _audit(bertil, "case.denied")
    anna.followup.complete_review(review_id)  # unchanged for the assigned caseworker


def test_next_step_in_an_inaccessible_case_looks_missing(cases_for) -> None:  # type: ignore[no-untyped-def]
    anna, bertil = cases_for("anna"), cases_for("bertil")
    cid, _pid = _case_with_person(anna)
    anna.asking.record(cid, AskingInput(asked_on=TODAY, channel="telefon", trigger="rutin", answer="ja",
                                        safety_check="kan_tala", support_info_given=True))
    step = anna.asking.next_steps(cid)[0]
    _same_as_missing(lambda: bertil.asking.resolve(step.id, "klar", reason="Samtycke finns"),
                     lambda: bertil.asking.resolve(step.id + 1000, "klar", reason="Samtycke finns"))
    assert ("bertil", str(cid), "next_step.resolve") in _audit(bertil, "case.denied")
    assert anna.asking.next_steps(cid)[0].status == "oppen"  # nothing changed


def test_person_in_an_inaccessible_case_looks_missing(cases_for) -> None:  # type: ignore[no-untyped-def]
    anna, bertil = cases_for("anna"), cases_for("bertil")
    cid, pid = _case_with_person(anna, protected=True)
    _same_as_missing(lambda: bertil.persons.get(pid), lambda: bertil.persons.get(pid + 1000))
    # a wrong passphrase must not tell an existing person apart either: access is checked before re-auth
    msg = _same_as_missing(lambda: bertil.persons.reveal(pid, "fel fras", REASON),
                           lambda: bertil.persons.reveal(pid + 1000, "fel fras", REASON))
    assert msg == "Personen finns inte."
    denied = _audit(bertil, "case.denied")
    assert ("bertil", str(cid), "person.view") in denied and ("bertil", str(cid), "person.reveal_protected") in denied
    assert anna.persons.get(pid).given_name == "Testa"

