"""Facts read from a database connection for the manifest and for verification: counts, audit head, version."""

from __future__ import annotations

import hashlib
import hmac
import urllib.parse
from pathlib import Path
from typing import Any

from stodapp.errors import StoreCorrupt
from stodapp.i18n import _

GENESIS = "0" * 64


def user_tables(cur: Any, schema: str = "main") -> list[str]:
    """Ordinary tables (FTS shadow tables included, virtual tables and sqlite_* excluded), sorted."""
    rows = cur.execute(
        f"SELECT name, sql FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return sorted(str(name) for name, sql in rows if not str(sql or "").upper().startswith("CREATE VIRTUAL"))


def row_counts(cur: Any, schema: str = "main") -> dict[str, int]:
    return {t: int(cur.execute(f'SELECT count(*) FROM {schema}."{t}"').fetchone()[0]) for t in user_tables(cur, schema)}


def schema_version(cur: Any) -> int:
    try:
        value = cur.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    except Exception:  # noqa: BLE001 - a store without the table is version 0
        return 0
    return int(value or 0)


def audit_head(cur: Any) -> tuple[int, str]:
    count = int(cur.execute("SELECT count(*) FROM audit_log").fetchone()[0])
    last = cur.execute("SELECT mac FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return count, (str(last[0]) if last else GENESIS)




def audit_secret(cur: Any) -> bytes | None:
    """The audit-chain secret kept inside the store (one definition: stodapp.store.database)."""
    from stodapp.store.database import stored_audit_secret

    return stored_audit_secret(cur)


def audit_key(cur: Any, dek: bytes | None) -> bytes:
    """The key the store's audit chain is MACed with; a legacy backup without its data key cannot be checked."""
    from stodapp.store.database import audit_key_for

    if dek is None:
        secret = audit_secret(cur)
        if secret is None:
            raise StoreCorrupt(_("säkerhetskopian saknar nyckel för granskningsloggen"))
        return secret
    return audit_key_for(cur, dek)


def verify_audit_chain(cur: Any, audit_key: bytes) -> tuple[bool, int, str]:
    """The same chain rule as stodapp.audit.verify, over a raw connection: (ok, count, head)."""
    from stodapp.audit import _canonical, _mac  # noqa: PLC2701 - one definition of the chain rule

    prev, count = GENESIS, 0
    rows = cur.execute("SELECT id, at, user_id, username, role, action, record_type, record_id, purpose, mac "
                       "FROM audit_log ORDER BY id")
    for r in rows:
        count += 1
        payload = _canonical(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8])
        if r[0] != count or not hmac.compare_digest(_mac(audit_key, prev, payload), r[9]):
            return False, count, prev
        prev = r[9]
    return True, count, prev


def open_copy(path: Path, db_key: bytes) -> Any:
    """Open a backup copy read-only and immutable (no -wal/-shm files appear beside it). StoreCorrupt if unreadable."""
    import sqlcipher3.dbapi2 as dbapi

    uri = "file:" + urllib.parse.quote(str(Path(path).resolve())) + "?mode=ro&immutable=1"
    conn = dbapi.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    cur = conn.cursor()
    cur.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
    cur.execute("PRAGMA cipher_log_level = NONE")
    cur.execute("PRAGMA temp_store = MEMORY")
    try:
        cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi.DatabaseError:
        conn.close()
        raise StoreCorrupt(_("säkerhetskopian kan inte läsas: filen är skadad eller har ändrats")) from None
    return conn


def integrity_problems(cur: Any) -> list[str]:
    """cipher_integrity_check (every page's HMAC) and SQLite's full integrity_check."""
    import sqlcipher3.dbapi2 as dbapi

    try:
        problems = [str(r[0]) for r in cur.execute("PRAGMA cipher_integrity_check").fetchall()]
        problems += [str(r[0]) for r in cur.execute("PRAGMA integrity_check").fetchall() if r[0] != "ok"]
    except dbapi.DatabaseError as err:
        problems = [str(err)]
    return problems


def short_id(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
