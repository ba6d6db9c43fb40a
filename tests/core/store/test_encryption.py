"""A1–A6: the files are unreadable without the key, hold no plaintext, and opening fails closed."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import insert, text

from stodapp.cases.tables import CaseRow, PersonRow
from stodapp.core import Core
from stodapp.errors import StoreCorrupt, StoreError, StoreMissing
from stodapp.store import engine as eng
from tests.conftest import ADMIN_PASS

SENTINELS = ["ZZSENTINEL-191212121212", "Sentinelsdotter-Öberg", "Hemligvägen 13 ZZADDR"]


def _plant(core: Core) -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 3, 1, tzinfo=UTC)
    with core.ctx.session() as s:
        s.execute(
            insert(CaseRow),
            [
                {
                    "id": 1,
                    "case_no": "VNR-2026-000001",
                    "opened_at": now,
                    "opened_month": "2026-03",
                    "last_entry_at": now,
                    "created_by": 1,
                }
            ],
        )
        s.execute(
            insert(PersonRow),
            [
                {
                    "case_id": 1,
                    "role": "stodsokande",
                    "given_name": SENTINELS[0],
                    "family_name": SENTINELS[1],
                    "search_name": "x",
                    "address": SENTINELS[2],
                }
            ],
        )


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_files_unreadable_and_without_plaintext(store_dir: Path, open_core) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")
    _plant(core)
    # The page check's own connection must be done before a second SQLite library (stdlib) touches these files:
    # closing the stdlib's descriptor drops every POSIX lock this process holds on them, SQLCipher's included.
    check = core.db.background_check
    assert check is None or check.wait(60)
    # While open (WAL and SHM exist) and after close: nothing in clear text, stdlib cannot read the DB.
    for phase in ("open", "closed"):
        blob = _all_bytes(store_dir)
        for sentinel in SENTINELS:
            assert sentinel.encode() not in blob, phase
            assert sentinel.encode("utf-16-le") not in blob, phase
        for name in ("stodapp.db", "stodapp.db-wal"):
            path = store_dir / name
            if path.exists() and path.stat().st_size:
                with pytest.raises(sqlite3.DatabaseError, match="not a database"):
                    sqlite3.connect(path).execute("select * from sqlite_master").fetchall()
        core.close()


def test_pragmas_are_hardened(open_core) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")
    raw = core.db.raw_connection()
    values = {
        p: raw.execute(f"PRAGMA {p}").fetchone()[0]
        for p in (
            "cipher_memory_security",
            "temp_store",
            "foreign_keys",
            "journal_mode",
            "synchronous",
            "secure_delete",
            "cache_size",
        )
    }
    assert values == {
        "cipher_memory_security": "1" if eng.MEMORY_SECURITY else "0",
        "temp_store": 2,
        "foreign_keys": 1,
        "journal_mode": "wal",
        "synchronous": 2,
        "secure_delete": 1,
        "cache_size": -eng.CACHE_SIZE_KIB,
    }
    with pytest.raises(Exception, match="not authorized"):
        raw.execute("SELECT load_extension('x')").fetchall()


def test_large_sort_leaves_temp_dir_empty(open_core, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tmp = tmp_path / "tmpdir"
    tmp.mkdir()
    monkeypatch.setenv("SQLITE_TMPDIR", str(tmp))
    monkeypatch.setenv("TMPDIR", str(tmp))
    core = open_core("admin")
    with core.ctx.session() as s:
        s.execute(text("CREATE TABLE scratch (v TEXT)"))
        s.execute(
            text(
                "INSERT INTO scratch SELECT hex(randomblob(200)) FROM "
                "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 30000) SELECT x FROM c)"
            )
        )
        rows = s.execute(text("SELECT v FROM scratch ORDER BY v DESC")).fetchall()
        assert len(rows) == 30000
        assert list(tmp.iterdir()) == []


def test_stdlib_sqlite_is_refused_as_engine() -> None:
    conn = sqlite3.connect(":memory:")
    with pytest.raises(StoreError, match="SQLCipher"):
        eng.assert_sqlcipher(conn)


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "stodapp.lock"
    }


@pytest.mark.parametrize("damage", ["truncate", "flip_page", "plaintext"])
def test_damaged_database_fails_closed(store_dir: Path, damage: str) -> None:
    db = store_dir / "stodapp.db"
    data = bytearray(db.read_bytes())
    if damage == "truncate":
        db.write_bytes(bytes(data[: len(data) // 2 + 100]))
    elif damage == "flip_page":
        offset = 4096 * 2 + 200
        data[offset : offset + 3] = bytes(b ^ 0xFF for b in data[offset : offset + 3])
        db.write_bytes(bytes(data))
    else:
        db.unlink()
        sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.commit()
    before = _snapshot(store_dir)
    with pytest.raises(StoreCorrupt):
        Core.unlock(store_dir, "admin", ADMIN_PASS)
    assert _snapshot(store_dir) == before  # nothing rewritten, no new files


def test_missing_database_never_creates_one(tmp_path: Path) -> None:
    with pytest.raises(StoreMissing):
        Core.unlock(tmp_path / "nowhere", "admin", ADMIN_PASS)
    assert not (tmp_path / "nowhere").exists()


def test_integrity_check_names_the_page(store_dir: Path) -> None:
    db = store_dir / "stodapp.db"
    original = db.read_bytes()
    pages = len(original) // 4096
    # A page that unlock's cheap checks do not read, found only by the full check: the last page, or the nearest
    # one before it (the schema itself may end up last when a migration adds large views).
    for page in range(pages, max(pages - 12, 1), -1):
        data = bytearray(original)
        data[4096 * (page - 1) + 100] ^= 0xFF
        db.write_bytes(bytes(data))
        try:
            core = Core.unlock(store_dir, "admin", ADMIN_PASS)
        except StoreCorrupt:
            continue
        break
    else:
        pytest.fail("every late page is read while unlocking")
    # Unlock does only the cheap checks; the full page check runs in the background and then stops every write.
    try:
        assert core.db is not None and core.db.background_check.wait(30)
        assert core.db.integrity_failure is not None and f"page {page}" in core.db.integrity_failure
        assert "säkerhetskopia" in core.db.integrity_failure
        with pytest.raises(StoreCorrupt, match="inget mer sparas"):
            core.audit_event("view", record_type="case", record_id="1")
    finally:
        core.close()


def test_no_key_material_in_logs(store_dir: Path, caplog) -> None:  # type: ignore[no-untyped-def]
    import logging

    caplog.set_level(logging.DEBUG)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.DEBUG)
    core = Core.unlock(store_dir, "admin", ADMIN_PASS)
    try:
        dek = core._keyring.dek.hex()  # noqa: SLF001 - the test must know what to look for
        _plant(core)
    finally:
        core.close()
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    log = caplog.text
    assert dek not in log and ADMIN_PASS not in log and "PRAGMA key" not in log
    assert SENTINELS[0] not in log
    assert os.environ.get("STODAPP_DEBUG") is None


def test_core_dumps_disabled_in_subprocess() -> None:
    import subprocess
    import sys

    code = (
        "import resource, sys; from stodapp.hardening import disable_core_dumps; disable_core_dumps();"
        "print(resource.getrlimit(resource.RLIMIT_CORE))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "(0, 0)"
