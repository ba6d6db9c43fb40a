"""F1: one transaction per user action; a failure (including a full disk) leaves no partial state."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from stodapp.errors import DiskError
from stodapp.store.tables import AuditRow


def _audit_count(core) -> int:  # type: ignore[no-untyped-def]
    with core.ctx.session() as s:
        return int(s.scalar(select(func.count()).select_from(AuditRow)) or 0)


def test_error_rolls_back_change_and_its_audit_row(open_core) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")
    before = _audit_count(core)
    with pytest.raises(RuntimeError):
        with core.ctx.session() as s:
            core.ctx.audit(s, "users.add", "user", "99")
            s.execute(text("INSERT INTO store_meta (key, value) VALUES ('half', 'done')"))
            raise RuntimeError("crash between two statements")
    assert _audit_count(core) == before
    with core.ctx.session() as s:
        assert s.execute(text("SELECT count(*) FROM store_meta WHERE key='half'")).scalar() == 0


def test_disk_full_is_a_clear_error_and_changes_nothing(open_core) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")
    raw = core.db.raw_connection()
    pages = raw.execute("PRAGMA page_count").fetchone()[0]
    raw.execute(f"PRAGMA max_page_count = {pages + 1}")
    before = _audit_count(core)
    with pytest.raises(DiskError, match="full"):
        with core.ctx.session() as s:
            core.ctx.audit(s, "bulk", "store")
            s.execute(text("CREATE TABLE big (v BLOB)"))
            s.execute(
                text(
                    "INSERT INTO big SELECT randomblob(4000) FROM "
                    "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c WHERE x < 200) SELECT x FROM c)"
                )
            )
    raw.execute("PRAGMA max_page_count = 1073741823")
    assert _audit_count(core) == before
    with core.ctx.session() as s:
        assert s.execute(text("SELECT count(*) FROM sqlite_master WHERE name='big'")).scalar() == 0
