"""Opening a case is one screen read: one transaction, exactly one `case.view` audit row, the same content."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select

from stodapp.cases.asking_models import AskingInput
from stodapp.cases.models import PersonInput
from stodapp.cases.service import CaseService
from stodapp.errors import AccessDenied
from stodapp.store.tables import AuditRow


def _audit_actions(cases: CaseService) -> list[str]:
    with cases._ctx.session() as s:
        return [str(a) for a in s.scalars(select(AuditRow.action).order_by(AuditRow.id))]


def _case(anna: CaseService) -> int:
    case_id = int(anna.create_case("Enhet A").ids[0])
    main = anna.persons.add(case_id, PersonInput(role="stodsokande", given_name="Testa", family_name="Fiktiv"))
    anna.persons.add(case_id, PersonInput(role="barn", given_name="Demo", family_name="Fiktiv",
                                          birth_date=date(2018, 5, 5)))
    anna.notes.add(case_id, "Fiktiv anteckning ett.")
    anna.notes.add(case_id, "Fiktiv anteckning två.")
    today = anna.today()
    anna.asking.record(case_id, AskingInput(person_id=int(main.ids[-1]), asked_on=today - timedelta(days=30),
                                            channel="telefon", trigger="rutin", answer="ej_fragat",
                                            reason="Partnern hördes i bakgrunden", safety_check="kan_inte_tala"))
    anna.asking.record(case_id, AskingInput(asked_on=today - timedelta(days=2), channel="besok",
                                            trigger="rutin", answer="ja"))
    return case_id


def test_open_screen_is_one_transaction_and_one_audit_row(cases_for: Any) -> None:
    anna = cases_for("anna")
    case_id = _case(anna)
    commits: list[int] = []
    engine = anna._ctx.db.engine

    def counted(_conn: Any) -> None:
        commits.append(1)

    before = _audit_actions(anna)
    event.listen(engine, "commit", counted)
    try:
        screen = anna.open_screen(case_id)
    finally:
        event.remove(engine, "commit", counted)
    assert len(commits) == 1
    assert _audit_actions(anna)[len(before):] == ["case.view"]
    # The same content the separate reads give (each of which audits on its own, outside a screen).
    assert screen.case == anna.open_case(case_id)
    assert [n.body for n in screen.notes] == [n.body for n in anna.notes.list(case_id)]
    assert screen.next_steps == anna.asking.next_steps(case_id)
    assert len(screen.notes) == 2 and len(screen.case.persons) == 2
    # The latest asking events come with it, newest first: when, who asked, whom, the answer, the safety check.
    assert screen.asking == anna.asking.history(case_id)
    assert screen.asking.total == 2
    newest, older = screen.asking.latest
    assert (newest.answer, newest.channel, newest.safety_check, newest.person) == ("ja", "besok", "", "")
    assert (older.answer, older.safety_check, older.person, older.asked_by) == (
        "ej_fragat", "kan_inte_tala", "Testa Fiktiv", "anna")
    assert older.asked_on < newest.asked_on


def test_refused_screen_is_audited_as_denied_and_shows_nothing(cases_for: Any) -> None:
    anna, bertil = cases_for("anna"), cases_for("bertil")
    case_id = _case(anna)
    before = len(_audit_actions(anna))
    with pytest.raises(AccessDenied):
        bertil.open_screen(case_id)
    assert _audit_actions(anna)[before:] == ["case.denied"]
    # Outside a screen every read audits as before.
    anna.notes.list(case_id)
    assert _audit_actions(anna)[-1] == "note.list"
