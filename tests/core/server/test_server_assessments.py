"""Checklist assessments on a real PostgreSQL: start, save with versions, sign, the RLS wall, ciphertext only,
one write per idempotency key."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from stodapp.clock import FakeClock
from stodapp.errors import Conflict, NotFound, UserInputError
from stodapp.server.connect import login_password, role_name
from stodapp.server.session import ServerSession
from stodapp.store.keyslots import KdfParams

from .conftest import USER_PASS, PgServer, make_unit

CLOCK = FakeClock()  # the tests' own now, never the machine's
SCREENING = "se.stodapp.vinr.screening"
SENTINEL = "Zyxsentinelia-anteckning"
SIGNABLE = {"kanal": "besok", "ensam": "nej", "barn_finns": "nej", "information_given": "ja",
            "anteckning": SENTINEL}


def _session(url: str, name: str) -> ServerSession:
    return ServerSession.open(url, name, USER_PASS, clock=CLOCK, login_kdf=KdfParams.for_tests())


def test_start_save_sign_and_conflict(pg_server: PgServer, pg_db: str) -> None:
    url = make_unit(pg_server, pg_db, CLOCK)
    anna = _session(url, "anna")
    try:
        case_id = int(anna.cases.create_case().ids[0])
        started = anna.assessments.start(case_id, SCREENING)
        assert (started.version, started.record.status, started.record.definition_id) == (1, "draft", SCREENING)

        saved = anna.assessments.save_answers(started.id, {"kanal": "besok", "ensam": "nej"}, version=1)
        assert saved.version == 2 and saved.record.answers["ensam"] == "nej"

        with pytest.raises(Conflict, match="ladda om"):  # a stale version: refused whole
            anna.assessments.save_answers(started.id, SIGNABLE, version=1)
        assert anna.assessments.get(started.id).record.answers == saved.record.answers

        with pytest.raises(UserInputError):  # incomplete: not signed, nothing changed
            anna.assessments.sign(started.id, version=2)
        assert anna.assessments.get(started.id).version == 2

        done = anna.assessments.save_answers(started.id, SIGNABLE, version=2)
        signed = anna.assessments.sign(started.id, version=done.version)
        assert signed.record.status == "signed" and signed.record.signed_by == "anna"
        with pytest.raises(UserInputError, match="signerad"):
            anna.assessments.save_answers(started.id, {}, version=signed.version)
        assert [a.id for a in anna.assessments.history(case_id)] == [started.id]
    finally:
        anna.close()


def test_another_caseworker_sees_nothing_and_the_server_holds_only_ciphertext(pg_server: PgServer,
                                                                             pg_db: str) -> None:
    url = make_unit(pg_server, pg_db, CLOCK)
    anna, bertil = _session(url, "anna"), _session(url, "bertil")
    try:
        case_id = int(anna.cases.create_case().ids[0])
        form = anna.assessments.start(case_id, SCREENING)
        anna.assessments.save_answers(form.id, SIGNABLE, version=form.version)
        with pytest.raises(NotFound):
            bertil.assessments.get(form.id)
        with pytest.raises(NotFound):
            bertil.assessments.history(case_id)
    finally:
        anna.close()
        bertil.close()

    import psycopg

    role = role_name(pg_db, "bertil")  # bertil's own login with raw SQL: RLS gives him no row
    with psycopg.connect(host=pg_server.host, port=pg_server.port, dbname=pg_db, user=role,
                         password=login_password(pg_db, "bertil", USER_PASS, KdfParams.for_tests())) as c:
        assert c.execute("SELECT count(*) FROM case_forms").fetchone() == (0,)
    with pg_server.super_connect(pg_db) as c:
        kind, body = c.execute("SELECT kind, body_ct FROM case_forms").fetchone()
    assert kind == "assessment"  # not even the checklist's id is in clear
    for needle in (SENTINEL, SCREENING, "besok", "information_given"):
        assert needle.encode() not in bytes(body)


def test_a_retried_start_writes_once(pg_server: PgServer, pg_db: str) -> None:
    url = make_unit(pg_server, pg_db, CLOCK)
    anna = _session(url, "anna")
    try:
        case_id = int(anna.cases.create_case().ids[0])
        first = anna.assessments.start(case_id, SCREENING, op_id="a" * 32)
        again = anna.assessments.start(case_id, SCREENING, op_id="a" * 32)
        assert again.id == first.id
        with anna.store.session() as s:
            assert s.execute(text("SELECT count(*) FROM case_forms")).scalar() == 1
        with pytest.raises(NotFound):
            anna.assessments.start(case_id, "se.stodapp.finns.inte")
    finally:
        anna.close()
