"""The audit anchor each client keeps outside the server (stodapp.server.audit_anchor), on a real PostgreSQL:
a log cut off at the end, a rewritten row of hers and an edited anchor file are each noticed and reported."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from stodapp.clock import FakeClock
from stodapp.server.audit_anchor import anchor_path
from stodapp.server.session import ServerSession
from stodapp.store.keyslots import KdfParams

from .conftest import ADMIN_PASS, USER_PASS, PgServer, make_unit

CLOCK = FakeClock()  # the tests' own now, never the machine's


def _open(url: str, name: str) -> ServerSession:
    return ServerSession.open(url, name, ADMIN_PASS if name == "admin" else USER_PASS, clock=CLOCK,
                              login_kdf=KdfParams.for_tests())


def _tamper(pg: PgServer, db: str, sql: str) -> None:
    """What a database operator could do: switch the append-only wall off, change rows, switch it on."""
    with pg.super_connect(db) as c:
        c.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_append_only")
        c.execute(sql)
        c.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_append_only")


def _mismatches(pg: PgServer, db: str) -> list[tuple[str, str]]:
    with pg.super_connect(db) as c:
        return [(r[0], r[1]) for r in c.execute(
            "SELECT username, record_id FROM audit_log WHERE action = 'audit.anchor_mismatch' ORDER BY id")]


def _unit_with_anna_at_rest(pg: PgServer, db: str) -> tuple[str, Path, str]:
    url = make_unit(pg, db, CLOCK)
    anna = _open(url, "anna")
    case_id = int(anna.cases.create_case().ids[0])
    anna.cases.notes.add(case_id, "Första anteckningen")
    unit = anna.store.unit_id
    anna.close()
    return url, anchor_path(unit, "anna"), unit


def test_a_clean_log_passes_and_the_anchor_holds_no_content(pg_server: PgServer, pg_db: str) -> None:
    url, path, _unit = _unit_with_anna_at_rest(pg_server, pg_db)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    kept = json.loads(path.read_text())
    assert set(kept) == {"head_count", "own_id", "own_mac", "mac"} and kept["own_id"] > 0
    anna = _open(url, "anna")
    anna.cases.list_cases()  # one audited read
    anna.close()
    assert _mismatches(pg_server, pg_db) == []
    moved = json.loads(path.read_text())
    assert moved["head_count"] > kept["head_count"] and moved["own_id"] > kept["own_id"]  # moved on at the lock


def test_a_log_cut_off_at_the_end_is_noticed_at_sign_in_and_by_verify(pg_server: PgServer, pg_db: str) -> None:
    url, path, _unit = _unit_with_anna_at_rest(pg_server, pg_db)
    admin = _open(url, "admin")
    admin.close()  # the administrator's machine now knows the whole log
    kept = path.read_text()
    _tamper(pg_server, pg_db, "DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)")

    anna = _open(url, "anna")
    anna.close()
    assert _mismatches(pg_server, pg_db) == [("anna", "shorter")]
    assert path.read_text() == kept  # sticky: the evidence is not overwritten

    admin = _open(url, "admin")
    try:
        result = admin.verify_audit()
    finally:
        admin.close()
    assert not result.ok and result.anchor_problem == "shorter"
    assert "kortare" in result.anchor_message


def test_her_rewritten_row_and_an_edited_anchor_file_are_noticed(pg_server: PgServer, pg_db: str) -> None:
    url, path, _unit = _unit_with_anna_at_rest(pg_server, pg_db)
    own_id = json.loads(path.read_text())["own_id"]
    _tamper(pg_server, pg_db, f"UPDATE audit_log SET mac = repeat('0', 64) WHERE id = {own_id}")
    anna = _open(url, "anna")
    anna.close()
    assert _mismatches(pg_server, pg_db) == [("anna", "restarted")]

    bertil = _open(url, "bertil")
    bertil.close()
    bertil_file = anchor_path(bertil.store.unit_id, "bertil")
    edited = json.loads(bertil_file.read_text()) | {"head_count": 1}
    bertil_file.write_text(json.dumps(edited))
    bertil = _open(url, "bertil")
    bertil.close()
    assert _mismatches(pg_server, pg_db)[-1] == ("bertil", "forged")
