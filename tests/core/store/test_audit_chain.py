"""D3: append-only audit log; an edit, deletion or reordering of row k is reported at exactly k."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from stodapp import audit


def _fill(core, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        core.audit_event("view", record_type="case", record_id=str(i))


def test_triggers_refuse_update_and_delete(open_core) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")
    _fill(core, 3)
    with pytest.raises(Exception, match="append-only"):
        with core.ctx.session() as s:
            s.execute(text("UPDATE audit_log SET action='x' WHERE id=2"))
    with pytest.raises(Exception, match="append-only"):
        with core.ctx.session() as s:
            s.execute(text("DELETE FROM audit_log WHERE id=2"))


@pytest.mark.parametrize("tamper", ["edit", "delete", "reorder"])
def test_tampering_is_reported_at_its_index(open_core, tamper: str) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")
    _fill(core, 20)
    with core.ctx.session() as s:
        count = audit.verify(s, core.db.audit_key).count
    k = count - 7
    with core.ctx.session() as s:
        s.execute(text("DROP TRIGGER audit_log_no_update"))
        s.execute(text("DROP TRIGGER audit_log_no_delete"))
        if tamper == "edit":
            s.execute(text("UPDATE audit_log SET record_id='999' WHERE id=:k"), {"k": k})
        elif tamper == "delete":
            s.execute(text("DELETE FROM audit_log WHERE id=:k"), {"k": k})
        else:
            a = s.execute(text("SELECT action, record_id, mac FROM audit_log WHERE id=:k"), {"k": k}).one()
            b = s.execute(text("SELECT action, record_id, mac FROM audit_log WHERE id=:k"), {"k": k + 1}).one()
            for row_id, vals in ((k, b), (k + 1, a)):
                s.execute(
                    text("UPDATE audit_log SET action=:a, record_id=:r, mac=:m WHERE id=:k"),
                    {"a": vals[0], "r": vals[1], "m": vals[2], "k": row_id},
                )
    result = core.verify_audit()
    assert not result.ok
    assert result.first_bad_index == k


def test_audit_rows_hold_no_content(open_core, store_dir: Path) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")
    with core.ctx.session() as s:
        cols = [r[1] for r in s.execute(text("PRAGMA table_info(audit_log)")).fetchall()]
    assert set(cols) == {
        "id",
        "at",
        "user_id",
        "username",
        "role",
        "action",
        "record_type",
        "record_id",
        "purpose",
        "mac",
    }
