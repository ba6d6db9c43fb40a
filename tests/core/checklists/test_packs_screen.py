"""The administrator's content-packs tab loads in one read transaction: the imported packs, the active users and
the recorded trainings, each read audited as on its own (no more, no fewer rows than before)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import select

from stodapp.errors import AccessDenied
from stodapp.store.tables import AuditRow
from tests.core.checklists.helpers import FIXTURES

PACK = FIXTURES / "pack_licensed.yaml"
PACK_ID = "se.testkommun.licensierad.exempel"


def _actions_after(core: Any, before: int) -> list[str]:
    with core.ctx.db.session() as s:
        return list(s.scalars(select(AuditRow.action).where(AuditRow.id > before).order_by(AuditRow.id)))


def _last_id(core: Any) -> int:
    with core.ctx.db.session() as s:
        return int(s.scalar(select(AuditRow.id).order_by(AuditRow.id.desc()).limit(1)) or 0)


def test_the_packs_tab_is_one_read(open_core) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    admin.checklists.import_pack(PACK)
    admin.checklists.record_training("anna", "testutbildning_steg1", date(2026, 1, 2), pack_id=PACK_ID)
    admin.users.disable("bertil")
    before = _last_id(admin)
    commits: list[int] = []
    stop = admin.ctx.db.watch_commits(lambda: commits.append(1))
    screen = admin.packs_screen()
    stop()
    assert len(commits) == 1
    assert [(p.definition_id, p.version, p.licensee) for p in screen.packs] == [(PACK_ID, "2.1.0", "Testkommunen")]
    assert screen.packs[0].requires_training == ("testutbildning_steg1",) and screen.broken == ()
    assert screen.trainings_for(PACK_ID) == ("testutbildning_steg1",) and screen.trainings_for("annat") == ()
    assert screen.users == ("admin", "anna", "sara", "tove")  # the disabled user cannot be given a training
    assert [(t.username, t.training_id, t.completed_on) for t in screen.trainings] == [
        ("anna", "testutbildning_steg1", date(2026, 1, 2))
    ]
    assert _actions_after(admin, before) == ["users.list", "checklist.training_list"]
    with pytest.raises(ValidationError):  # a frozen view model
        screen.packs[0].version = "9"  # type: ignore[misc]


def test_a_caseworker_cannot_read_the_packs_tab(open_core) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AccessDenied):
        open_core("anna").packs_screen()
