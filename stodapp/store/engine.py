"""SQLCipher engine: keyed raw connections through `creator=`, hardened pragmas, fail-closed opening.

The key is set as a raw hex key (no KDF: the DEK is already random) as the FIRST statement on the DB-API
connection, so it never passes through SQLAlchemy's statement logging or a URL. `hide_parameters=True` keeps bound
values (e.g. personnummer) out of exception messages.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stodapp.errors import StoreCorrupt, StoreError
from stodapp.i18n import _

# cipher_memory_security wipes and mlocks every allocation: measured here (stodapp bench store, 20k cases) it
# took the encrypted/plain ratio from 0.9x to 2.4x. The DEK also lives in Python bytes that cannot be wiped, so
# the gain is small; we set it explicitly OFF and disable core dumps at start instead (stodapp/hardening.py).
# A municipality that prefers it may set STODAPP_CIPHER_MEMORY_SECURITY=1.
MEMORY_SECURITY = os.environ.get("STODAPP_CIPHER_MEMORY_SECURITY") == "1"
# 256 MiB cap: repeated scans of a 100k-case table stay in decrypted pages (perf.md §3; stodapp bench store).
CACHE_SIZE_KIB = 256 * 1024
MIN_CIPHER_MAJOR = 4


def _dbapi() -> Any:
    import sqlcipher3.dbapi2 as dbapi

    return dbapi


def driver_errors() -> tuple[type[BaseException], ...]:
    return (_dbapi().Error,)


def as_store_error(err: BaseException, what: str) -> StoreError:
    """A driver error while opening or writing a file, as one clear line (no SQL, no parameters)."""
    from stodapp.errors import DiskError

    text = str(err).lower()
    if "full" in text:
        return DiskError(_("disken är full: {what} sparades inte, inget har ändrats").format(what=what))
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return DiskError(
            _("{what} kan inte öppnas eller skrivas (skrivskyddad eller saknad mapp); inget har ändrats").format(
                what=what
            )
        )
    return StoreError(_("{what}: databasfel ({error})").format(what=what, error=type(err).__name__))


def keyed_connect(path: Path, key: bytes | None, *, plain: bool = False, create: bool = True) -> Any:
    """Open one DB-API connection. `create=False` never makes a file (SQLite URI mode=rw): opening an existing
    store must not conjure an empty one. `key=None, plain=True` is only for the plain-SQLite benchmark baseline."""
    from urllib.parse import quote

    dbapi = _dbapi()
    if not create:
        try:
            empty = path.stat().st_size == 0
        except OSError:
            empty = False  # missing: the connect below reports it
        if empty:
            # Keying an empty file would write a fresh header into it: refuse before touching it.
            raise StoreCorrupt(_("databasfilen är tom; återställ från säkerhetskopia"))
    if create:
        from stodapp.store.files import precreate_private

        try:
            precreate_private(path)  # 0600 main file; SQLite gives -wal/-shm the same mode
        except OSError as err:
            from stodapp.store.files import disk_error

            raise disk_error(err, path.name) from None
    uri = f"file:{quote(str(path.resolve()))}?mode={'rwc' if create else 'rw'}"
    try:
        conn = dbapi.connect(uri, uri=True, isolation_level=None, check_same_thread=False, timeout=10)
    except dbapi.Error as err:
        raise as_store_error(err, path.name) from None
    try:
        cur = conn.cursor()
        if not plain:
            if key is None or len(key) != 32:
                raise StoreError(_("intern nyckel saknas"))
            cur.execute(f"PRAGMA key = \"x'{key.hex()}'\"")  # first statement; hex is NUL-free, quote-free
            cur.execute("PRAGMA cipher_log_level = NONE")  # no "hmac check failed" noise on stderr
            cur.execute(f"PRAGMA cipher_memory_security = {'ON' if MEMORY_SECURITY else 'OFF'}")
        cur.execute("PRAGMA temp_store = MEMORY")
        try:
            cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except dbapi.DatabaseError:
            detail = _first_problem(cur)
            raise StoreCorrupt(
                _("databasen kan inte läsas: den är skadad, inte krypterad av stodapp eller hör till en annan nyckel")
                + (f" ({detail})" if detail else "")
            ) from None
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA secure_delete = ON")
        cur.execute(f"PRAGMA cache_size = -{CACHE_SIZE_KIB}")
        cur.execute("PRAGMA busy_timeout = 10000")
        cur.close()
        return conn
    except BaseException:
        conn.close()
        raise


def _first_problem(cur: Any) -> str:
    """The first page the cipher integrity check names, for a clear report (never page content)."""
    try:
        rows = cur.execute("PRAGMA cipher_integrity_check").fetchall()
    except Exception:  # noqa: BLE001 - the report is best effort on an unreadable file
        return ""
    return str(rows[0][0])[:80] if rows else ""


def cipher_info(conn: Any) -> dict[str, str]:
    cur = conn.cursor()
    version = (cur.execute("PRAGMA cipher_version").fetchone() or [""])[0] or ""
    provider = (cur.execute("PRAGMA cipher_provider").fetchone() or [""])[0] or ""
    provider_version = (cur.execute("PRAGMA cipher_provider_version").fetchone() or [""])[0] or ""
    sqlite_version = cur.execute("SELECT sqlite_version()").fetchone()[0]
    return {
        "sqlcipher": str(version),
        "provider": str(provider),
        "openssl": str(provider_version),
        "sqlite": str(sqlite_version),
    }


def assert_sqlcipher(conn: Any) -> None:
    """Refuse to run on anything that is not SQLCipher 4+ with OpenSSL (A4: no silent plaintext fallback)."""
    try:
        info = cipher_info(conn)
    except Exception:  # noqa: BLE001 - any driver without the pragmas is simply not SQLCipher
        raise StoreError(_("databasmotorn är inte SQLCipher; stodapp vägrar öppna")) from None
    major = info["sqlcipher"].split(".")[0]
    if not major.isdigit() or int(major) < MIN_CIPHER_MAJOR or info["provider"] != "openssl":
        raise StoreError(_("databasmotorn är inte SQLCipher 4 med OpenSSL; stodapp vägrar öppna"))


def integrity_report(conn: Any) -> list[str]:
    """cipher_integrity_check (page HMACs) then SQLite's quick_check. Empty list = healthy."""
    cur = conn.cursor()
    problems = [str(r[0]) for r in cur.execute("PRAGMA cipher_integrity_check").fetchall()]
    try:
        rows = [str(r[0]) for r in cur.execute("PRAGMA quick_check").fetchall()]
    except _dbapi().DatabaseError as err:
        rows = [str(err)]
    problems += [r for r in rows if r != "ok"]
    return problems


def make_engine(connect: Callable[[], Any]) -> Any:
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import StaticPool

    from stodapp.log_guard import install as guard_logs

    guard_logs()  # result rows never reach a DEBUG log, even if someone turns logging up
    # One shared connection (StaticPool): the key is applied once; Database serialises access with a lock.
    # module= makes SQLAlchemy wrap sqlcipher3's exceptions (not stdlib sqlite3's) into sqlalchemy.exc types.
    engine = create_engine("sqlite://", module=_dbapi(), creator=connect, poolclass=StaticPool, hide_parameters=True)

    # The DB-API connection runs with isolation_level=None, so SQLAlchemy must emit BEGIN itself; otherwise every
    # statement autocommits and neither sessions nor migrations (DDL included) are atomic (SQLAlchemy pysqlite docs).
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
