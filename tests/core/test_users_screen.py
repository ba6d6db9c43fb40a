"""The administrator's users tab is one read: every user and the idle-lock time in one transaction, one
`users.list` audit row."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from stodapp.errors import AccessDenied
from stodapp.store.tables import AuditRow


def _actions_after(core: Any, before: int) -> list[str]:
    with core.ctx.db.session() as s:
        return list(s.scalars(select(AuditRow.action).where(AuditRow.id > before).order_by(AuditRow.id)))


def _last_id(core: Any) -> int:
    with core.ctx.db.session() as s:
        return int(s.scalar(select(AuditRow.id).order_by(AuditRow.id.desc()).limit(1)) or 0)


def test_the_users_tab_is_one_read_and_one_audit_row(open_core) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    admin.set_idle_lock_minutes(7)
    admin.users.disable("bertil")
    before = _last_id(admin)
    commits: list[int] = []
    stop = admin.ctx.db.watch_commits(lambda: commits.append(1))
    screen = admin.users.screen()
    stop()
    assert len(commits) == 1
    assert _actions_after(admin, before) == ["users.list"]
    assert screen.idle_lock_minutes == 7
    assert [u.username for u in screen.users] == ["admin", "anna", "bertil", "sara", "tove"]
    assert [u.username for u in screen.users if u.disabled] == ["bertil"]


def test_only_an_administrator_reads_the_users_tab(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    with pytest.raises(AccessDenied):
        anna.users.screen()
