"""The server store keeps the store contract (tests/core/store/store_contract.py), and its integrity check
names the walls an operator switched off (on a real PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from stodapp.clock import FakeClock
from stodapp.server import schema as t
from stodapp.server.store import ServerStore
from stodapp.store.keyslots import KdfParams
from tests.core.store.store_contract import check_store_contract

from .conftest import ADMIN_PASS, PgServer, make_unit

CLOCK = FakeClock()  # the tests' own now, never the machine's
ACTION = "test.contract"


def _open(pg_server: PgServer, pg_db: str) -> ServerStore:
    url = make_unit(pg_server, pg_db, CLOCK)
    return ServerStore.open(url, "admin", ADMIN_PASS, login_kdf=KdfParams.for_tests(), clock=CLOCK)


def test_server_store_keeps_the_store_contract(pg_server: PgServer, pg_db: str) -> None:
    store = _open(pg_server, pg_db)

    # A unit of work's own rows: audit rows through the app's append (the table every role may add to).
    def write(s: Session, value: str) -> None:
        store.audit(s, ACTION, purpose=value)

    def read(s: Session) -> set[str]:
        return set(s.scalars(select(t.audit_log.c.purpose).where(t.audit_log.c.action == ACTION)))

    facts_before = store.describe()
    assert facts_before["server_version"] and facts_before["login_role"].startswith(pg_db)
    check_store_contract(store, write, read)


def test_integrity_names_a_switched_off_wall(pg_server: PgServer, pg_db: str) -> None:
    store = _open(pg_server, pg_db)
    try:
        assert store.integrity() == []
        with pg_server.super_connect(pg_db) as c:
            c.execute("ALTER TABLE cases DISABLE ROW LEVEL SECURITY")
            c.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_append_only")
        problems = store.integrity()
        assert any("RLS" in p and "cases" in p for p in problems)
        assert any("audit_log" in p and "avstängt" in p for p in problems)
        assert len(problems) == 2
    finally:
        store.close()
