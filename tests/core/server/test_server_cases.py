"""Server-only case behaviour on a real PostgreSQL: one transaction and one audit row per open, refusals audited,
idempotent writes, stale writes refused as conflicts (two connections), one audit chain under concurrent writers."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, select

from stodapp.cases.models import PersonInput
from stodapp.errors import Conflict, NotFound, UserInputError
from stodapp.server import schema as t


def _audit_rows(admin) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    with admin.store.session() as s:
        rows = s.execute(select(t.audit_log.c.username, t.audit_log.c.action, t.audit_log.c.record_id)
                         .order_by(t.audit_log.c.id)).all()
    return [tuple(r) for r in rows]


def _transactions(session) -> list[int]:  # type: ignore[no-untyped-def]
    """A counter of transactions begun on the session's engine (every read or write is one)."""
    count = [0]
    event.listen(session.store.engine, "begin", lambda conn: count.__setitem__(0, count[0] + 1))
    return count


def test_open_is_one_transaction_with_one_case_view_row(server_unit) -> None:  # type: ignore[no-untyped-def]
    anna, admin = server_unit("anna"), server_unit("admin")
    case_id = int(anna.cases.create_case().ids[0])
    anna.cases.persons.add(case_id, PersonInput(role="stodsokande", given_name="Åsa", family_name="Öberg"))
    anna.cases.notes.add(case_id, "En anteckning.")
    before = _audit_rows(admin)
    count = _transactions(anna)
    journal = anna.cases.open_journal(case_id)
    assert count[0] == 1
    assert journal.case.persons[0].given_name == "Åsa" and len(journal.notes) == 1
    new = _audit_rows(admin)[len(before):]
    assert new == [("anna", "case.view", str(case_id))]
    count[0] = 0
    anna.cases.open_case(case_id)
    assert count[0] == 1


def test_case_another_caseworker_may_not_open_is_refused_and_audited(server_unit) -> None:  # type: ignore[no-untyped-def]
    anna, bertil, admin = server_unit("anna"), server_unit("bertil"), server_unit("admin")
    case_id = int(anna.cases.create_case().ids[0])
    before = _audit_rows(admin)
    for call in (lambda: bertil.cases.open_journal(case_id), lambda: bertil.cases.notes.add(case_id, "Nej"),
                 lambda: bertil.cases.open_case(999999)):
        with pytest.raises(NotFound, match="inte tillgång"):
            call()
    new = _audit_rows(admin)[len(before):]
    assert new == [("bertil", "case.denied", str(case_id)), ("bertil", "case.denied", str(case_id)),
                   ("bertil", "case.denied", "999999")]
    assert anna.cases.notes.list(case_id) == []


def test_a_retried_write_is_saved_once(server_unit) -> None:  # type: ignore[no-untyped-def]
    anna = server_unit("anna")
    first = anna.cases.create_case(op_id="a" * 32)
    again = anna.cases.create_case(op_id="a" * 32)  # e.g. after "connection lost" the client retries
    assert first.ids == again.ids
    assert anna.cases.list_cases().total == 1
    case_id = int(first.ids[0])
    note = anna.cases.notes.add(case_id, "En gång.", op_id="b" * 32)
    assert anna.cases.notes.add(case_id, "En gång.", op_id="b" * 32).ids == note.ids
    assert [n.body for n in anna.cases.notes.list(case_id)] == ["En gång."]


def test_stale_case_write_is_a_conflict_and_loses_nothing(server_unit) -> None:  # type: ignore[no-untyped-def]
    anna = server_unit("anna")
    case_id = int(anna.cases.create_case().ids[0])
    laptop = server_unit("anna")  # the same caseworker on a second machine: a second connection
    mine, theirs = anna.cases.open_case(case_id), laptop.cases.open_case(case_id)
    assert mine.version == theirs.version == 1
    laptop.cases.set_status(case_id, "closed", version=theirs.version)
    with pytest.raises(Conflict, match="Någon annan har ändrat ärendet .* — ladda om"):
        anna.cases.set_status(case_id, "open", version=mine.version)
    now = anna.cases.open_case(case_id)
    assert (now.status, now.version) == ("closed", 2)  # the other write stands, nothing half-written
    anna.cases.set_status(case_id, "open", version=now.version)  # after reloading, the write goes through
    assert anna.cases.open_case(case_id).status == "open"


def test_stale_person_write_is_a_conflict_and_loses_nothing(server_unit) -> None:  # type: ignore[no-untyped-def]
    anna, bertil = server_unit("anna"), server_unit("bertil")
    case_id = int(anna.cases.create_case().ids[0])
    person_id = int(anna.cases.persons.add(case_id, PersonInput(role="stodsokande", given_name="Åsa",
                                                                 family_name="Öberg")).ids[1])
    with pytest.raises(NotFound):  # not assigned: RLS hides the person from bertil's connection
        bertil.cases.persons.update(person_id, PersonInput(role="stodsokande", given_name="X", family_name="Y"),
                                    version=1)
    other = server_unit("anna")
    read_here = anna.cases.open_case(case_id).persons[0]
    read_there = other.cases.open_case(case_id).persons[0]
    other.cases.persons.update(person_id, PersonInput(role="stodsokande", given_name="Åsa", family_name="Ek"),
                               version=read_there.version or 0)
    with pytest.raises(Conflict, match="Någon annan har ändrat personuppgifterna .* — ladda om"):
        anna.cases.persons.update(person_id, PersonInput(role="stodsokande", given_name="Åsa",
                                                         family_name="Lind"), version=read_here.version or 0)
    person = anna.cases.open_case(case_id).persons[0]
    assert (person.family_name, person.version) == ("Ek", 2)
    assert [h.person for h in anna.cases.search("ek")] == ["Åsa Ek"]  # the index followed the saved write
    assert anna.cases.search("öberg") == [] and anna.cases.search("lind") == []


def test_server_search_refuses_part_of_a_personnummer(server_unit) -> None:  # type: ignore[no-untyped-def]
    anna = server_unit("anna")
    with pytest.raises(UserInputError, match="hela numret"):
        anna.cases.search("19121212-12")
    assert anna.cases.search("000001") == []  # digits only, up to six: the case number's serial part


def test_concurrent_writers_keep_one_audit_chain(server_unit) -> None:  # type: ignore[no-untyped-def]
    writers = [server_unit(name) for name in ("anna", "bertil", "anna", "bertil")]
    admin = server_unit("admin")
    start = admin.verify_audit().count
    errors: list[BaseException] = []
    notes: list[int] = []
    per_writer = 12

    def work(session) -> None:  # type: ignore[no-untyped-def]
        try:
            case_id = int(session.cases.create_case().ids[0])
            for i in range(per_writer - 1):
                session.cases.notes.add(case_id, f"Anteckning {i}")
            notes.append(len(session.cases.notes.list(case_id)))
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(w,)) for w in writers]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == [] and notes == [per_writer - 1] * len(writers)
    result = admin.verify_audit()
    # every write and every note list audited once, plus the row the first verify_audit wrote
    assert result.ok and result.count == start + 1 + len(writers) * (per_writer + 1)


def test_moved_or_edited_ciphertext_is_refused_and_nothing_written(server_unit, pg_server, pg_db) -> None:  # type: ignore[no-untyped-def]
    from stodapp.server.fieldcrypto import TamperedField

    anna, admin = server_unit("anna"), server_unit("admin")
    first = int(anna.cases.create_case().ids[0])
    second = int(anna.cases.create_case().ids[0])
    for case_id, given in ((first, "Åsa"), (second, "Berit")):
        anna.cases.persons.add(case_id, PersonInput(role="stodsokande", given_name=given, family_name="Ek"))
    anna.cases.notes.add(first, "En anteckning.")
    before = _audit_rows(admin)
    with pg_server.super_connect(pg_db) as c:  # a DBA moves Berit's name onto Åsa's row
        c.execute("UPDATE persons SET given_ct = (SELECT given_ct FROM persons WHERE case_id = %s) "
                  "WHERE case_id = %s", (second, first))
    with pytest.raises(TamperedField, match="hör inte hemma") as err:
        anna.cases.open_journal(first)
    assert "Berit" not in str(err.value) and "Åsa" not in str(err.value)
    with pg_server.super_connect(pg_db) as c:  # ... and flips a byte of a note (the trigger must be dropped first)
        c.execute("ALTER TABLE case_notes DISABLE TRIGGER notes_append_only")
        c.execute("UPDATE case_notes SET body_ct = overlay(body_ct placing '\\x00'::bytea from 20 for 1)")
    with pytest.raises(TamperedField):
        anna.cases.notes.list(first)
    assert _audit_rows(admin)[len(before):] == []  # the refused reads wrote no audit row
    assert anna.cases.open_case(second).persons[0].given_name == "Berit"
