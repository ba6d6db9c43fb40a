"""Case creation, assignment, listing, break the glass, and that nobody sees another's case."""

from __future__ import annotations

from sqlalchemy import select

from stodapp.cases.models import PersonInput
from stodapp.errors import AccessDenied, UserInputError
from stodapp.store.tables import AuditRow


def _new_case(svc, name="Öberg", given="Testa"):  # type: ignore[no-untyped-def]
    case_id = int(svc.create_case("Enhet A").ids[0])
    svc.persons.add(
        case_id,
        PersonInput(
            role="stodsokande",
            given_name=given,
            family_name=name,
            id_kind="personnummer",
            number="19121212-1212",
        ),
    )
    return case_id


def test_create_numbers_and_assigns_creator(cases_for):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    a = _new_case(anna)
    b = _new_case(anna)
    view = anna.open_case(b)
    assert view.case_no.startswith("VNR-") and view.case_no.endswith(f"{b:06d}")
    assert view.caseworkers == ("anna",)
    assert [r.id for r in anna.list_cases().rows] == [b, a]


def test_caseworker_never_sees_other_case_in_list_or_search(cases_for):  # type: ignore[no-untyped-def]
    anna, bertil = cases_for("anna"), cases_for("bertil")
    secret = _new_case(anna, "Öberg")
    anna.notes.add(secret, "Hotade med kniv i köket")
    mine = _new_case(bertil, "Åkesson")
    assert [r.id for r in bertil.list_cases().rows] == [mine]
    assert bertil.list_cases().total == 1
    case_no = anna.open_case(secret).case_no
    for q in ("öberg", "Öberg Testa", "kniv", "191212", case_no):
        assert all(h.case_id != secret for h in bertil.search(q)), q
        assert any(h.case_id == secret for h in anna.search(q)), q


def test_opening_unassigned_case_refused_and_audited_then_break_glass(cases_for, open_core):  # type: ignore[no-untyped-def]
    anna, bertil = cases_for("anna"), cases_for("bertil")
    case_id = _new_case(anna)
    try:
        bertil.open_case(case_id)
        raise AssertionError("must be refused")
    except AccessDenied:
        pass
    try:
        bertil.break_glass(case_id, "kort")
        raise AssertionError("short reason must be refused")
    except UserInputError:
        pass
    view = bertil.break_glass(case_id, "Akut samtal från polisen, ansvarig handläggare sjuk")
    assert view.via_break_glass and view.id == case_id
    assert bertil.open_case(case_id).via_break_glass
    admin = open_core("admin")
    with admin.ctx.session() as s:
        actions = [a for (a,) in s.execute(select(AuditRow.action).where(AuditRow.record_id == str(case_id)))]
    assert "case.denied" in actions and "case.break_glass" in actions
    sara = cases_for("sara")
    log = sara.break_glass_log()
    assert log[0].username == "bertil" and "polisen" in log[0].reason
    try:
        anna.break_glass_log()
        raise AssertionError("caseworkers may not review")
    except AccessDenied:
        pass


def test_list_pages_with_keyset(cases_for):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    ids = [int(anna.create_case().ids[0]) for _ in range(7)]
    page1 = anna.list_cases(limit=3)
    page2 = anna.list_cases(after=page1.next_after, limit=3)
    page3 = anna.list_cases(after=page2.next_after, limit=3)
    assert [r.id for r in page1.rows + page2.rows + page3.rows] == sorted(ids, reverse=True)
    assert page3.next_after is None and page1.total == 7


def test_assign_second_caseworker(cases_for):  # type: ignore[no-untyped-def]
    anna, bertil = cases_for("anna"), cases_for("bertil")
    case_id = _new_case(anna)
    try:
        anna.assign(case_id, "sara")
        raise AssertionError("supervisors are not assignable")
    except UserInputError:
        pass
    anna.assign(case_id, "bertil")
    assert bertil.open_case(case_id).caseworkers == ("anna", "bertil")


def test_supervisor_cannot_read_cases(cases_for):  # type: ignore[no-untyped-def]
    try:
        cases_for("sara").list_cases()
        raise AssertionError("supervisor must not list cases")
    except AccessDenied:
        pass


def test_preferred_language_is_recorded_checked_and_cleared(cases_for):  # type: ignore[no-untyped-def]
    import pytest

    from stodapp.errors import UserInputError

    anna = cases_for("anna")
    case_id = _new_case(anna)
    assert anna.open_case(case_id).preferred_language is None
    anna.set_preferred_language(case_id, "ti")
    assert anna.open_case(case_id).preferred_language == "ti"
    with pytest.raises(UserInputError, match="Okänt språk"):
        anna.set_preferred_language(case_id, "klingon")
    assert anna.open_case(case_id).preferred_language == "ti"  # nothing changed
    anna.set_preferred_language(case_id, None)
    assert anna.open_case(case_id).preferred_language is None
