"""On a real PostgreSQL: init, unlock, the RLS wall with raw SQL, append-only audit, bad inputs, pg_dump sentinels."""

from __future__ import annotations

import subprocess

import psycopg
import pytest
from sqlalchemy import text

from stodapp.clock import FakeClock
from stodapp.errors import AccessDenied, AuthError, StoreExists, StoreMissing
from stodapp.server import schema as t
from stodapp.server.connect import login_password, role_name
from stodapp.server.meta import ServerSchemaError
from stodapp.server.provision import init_unit
from stodapp.server.store import ServerStore
from stodapp.store.keyslots import KdfParams

from .conftest import ADMIN_PASS, OWNER, USER_PASS, PgServer, make_unit

FAST = KdfParams.for_tests()
CLOCK = FakeClock()  # the tests' own now (2026-01-15), never the machine's
SENTINELS = ("Zyxsentinelia", "Qwortmannsson", "19121212-1212", "fönsterbläckfisk")


def _unit(pg: PgServer, db: str) -> str:
    return make_unit(pg, db, CLOCK)


def _plant_case(store: ServerStore) -> int:
    """Through the app's own service: a case with one person whose names/personnummer/address are sentinels (then
    updated to another sentinel name), a journal note with a sentinel phrase and a correction of it."""
    from stodapp.cases.models import PersonInput
    from stodapp.server.cases import ServerCaseService

    cases = ServerCaseService(store)
    case_id = int(cases.create_case().ids[0])
    person = PersonInput(role="stodsokande", given_name=SENTINELS[0], family_name="Förstnamnsson",
                         id_kind="personnummer", number=SENTINELS[2], sex="kvinna", address="Sentinelgatan 1")
    person_id = int(cases.persons.add(case_id, person).ids[1])
    cases.persons.update(person_id, person.model_copy(update={"family_name": SENTINELS[1]}), version=1)
    note_id = int(cases.notes.add(case_id, f"Samtal om {SENTINELS[3]} idag").ids[1])
    cases.notes.add(case_id, f"Rättelse: {SENTINELS[3]} igår", corrects_id=note_id)
    assert [h.case_id for h in cases.search(SENTINELS[1][:5])] == [case_id]  # the app itself still finds her
    return case_id


def _raw(pg: PgServer, db: str, user: str) -> psycopg.Connection:  # type: ignore[type-arg]
    return psycopg.connect(host=pg.host, port=pg.port, dbname=db, user=role_name(db, user),
                           password=login_password(db, user, USER_PASS, FAST), autocommit=True)


def test_init_unlock_and_rls_wall(pg_server: PgServer, pg_db: str) -> None:
    url = _unit(pg_server, pg_db)
    anna = ServerStore.open(url, "anna", USER_PASS, login_kdf=FAST, clock=CLOCK)
    try:
        case_id = _plant_case(anna)
    finally:
        anna.close()
    with _raw(pg_server, pg_db, "anna") as c:
        assert c.execute("SELECT count(*) FROM persons").fetchone() == (1,)
    with _raw(pg_server, pg_db, "bertil") as c:  # her own SQL, no stodapp client in between
        for table in ("cases", "persons", "person_terms", "case_notes", "case_assignments"):
            assert c.execute(f"SELECT count(*) FROM {table}").fetchone() == (0,), table
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("INSERT INTO case_assignments VALUES (%s, 3)", (case_id,))  # cannot claim the case
        for sql in ("DELETE FROM audit_log", "UPDATE audit_log SET action = 'x'", "TRUNCATE audit_log",
                    "DELETE FROM case_notes", "UPDATE users SET role = 'administrator'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute(sql)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("SET SESSION AUTHORIZATION " + role_name(pg_db, "anna"))
    with _raw(pg_server, pg_db, "sara") as c:  # supervisor: statistics columns only
        assert c.execute("SELECT count(*), min(opened_month) FROM cases").fetchone() == (1, "2026-01")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("SELECT case_no FROM cases")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            c.execute("SELECT given_ct FROM persons")
    admin = ServerStore.open(url, "admin", ADMIN_PASS, login_kdf=FAST, clock=CLOCK)
    try:
        result = admin.verify_audit()
        assert result.ok and result.count >= 5
    finally:
        admin.close()


def test_pg_dump_holds_no_sentinel(pg_server: PgServer, pg_db: str) -> None:
    url = _unit(pg_server, pg_db)
    anna = ServerStore.open(url, "anna", USER_PASS, login_kdf=FAST, clock=CLOCK)
    try:
        _plant_case(anna)
    finally:
        anna.close()
    dump = subprocess.run(
        [f"{pg_server.bin}/pg_dump" if pg_server.bin else "pg_dump", "-h", pg_server.host, "-p", str(pg_server.port),
         "-U", "stodapp_super", "--no-password", pg_db],
        env={"PGPASSWORD": pg_server.super_password, "PATH": "/usr/bin:/bin"}, capture_output=True, check=True,
    ).stdout
    assert b"persons" in dump and len(dump) > 5000  # the dump really holds the tables
    folded = dump.decode("utf-8", "replace").casefold()
    for sentinel in (*SENTINELS, "Förstnamnsson", "Sentinelgatan", "1212121212", "191212121212"):
        assert sentinel.encode() not in dump
        assert sentinel.casefold() not in folded


def test_bad_inputs_each_one_clear_message(pg_server: PgServer, pg_db: str) -> None:
    url = pg_server.url(pg_db)
    from stodapp.server.connect import check_url
    from stodapp.server.meta import read_meta
    from stodapp.server.store import make_engine

    eng = make_engine(check_url(url), OWNER, pg_server.owner_password)  # the empty database says what to do
    try:
        with pytest.raises(StoreMissing, match="server init"), eng.connect() as conn:
            read_meta(conn)
    finally:
        eng.dispose()
    _unit(pg_server, pg_db)
    with pytest.raises(AuthError, match="Fel användarnamn"):
        ServerStore.open(url, "anna", "fel lösenfras som är lång nog", login_kdf=FAST, clock=CLOCK)
    # A database that does not exist: its login roles do not exist either, and PostgreSQL does not say which.
    with pytest.raises(AuthError, match="fel databas"):
        ServerStore.open(pg_server.url("t_nosuchdb"), "anna", USER_PASS, login_kdf=FAST, clock=CLOCK)
    with pytest.raises(StoreExists):
        init_unit(url, OWNER, pg_server.owner_password, "admin", ADMIN_PASS, kdf=FAST, login_kdf=FAST, clock=CLOCK)
    with pytest.raises(ServerSchemaError, match="annan enhet"):
        ServerStore.open(url, "anna", USER_PASS, login_kdf=FAST, expected_unit="0" * 32)
    with pg_server.super_connect(pg_db) as c:
        c.execute("UPDATE server_meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(ServerSchemaError, match="nyare"):
        ServerStore.open(url, "anna", USER_PASS, login_kdf=FAST, clock=CLOCK)


def test_moved_and_edited_ciphertext_refused(pg_server: PgServer, pg_db: str) -> None:
    from sqlalchemy import select

    from stodapp.server.fieldcrypto import TamperedField

    url = _unit(pg_server, pg_db)
    anna = ServerStore.open(url, "anna", USER_PASS, login_kdf=FAST, clock=CLOCK)
    try:
        _plant_case(anna)
        with pg_server.super_connect(pg_db) as c:  # a DBA copies the family name into the given-name column
            c.execute("UPDATE persons SET given_ct = family_ct")
        with anna.session() as s:
            row = s.execute(select(t.persons)).one()
        with pytest.raises(TamperedField, match="hör inte hemma"):
            anna.fields.decrypt("persons", "given_ct", f"{row.case_id}/{row.id}", row.given_ct)
        with pytest.raises(AccessDenied):
            with anna.session() as s:
                s.execute(text("DELETE FROM audit_log"))
    finally:
        anna.close()
