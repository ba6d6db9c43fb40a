"""Disk full and read-only folders during backup, restore and culling: one clear error, no partial state.

Root ignores chmod, so faults are injected: PRAGMA max_page_count on the attached backup copy (SQLITE_FULL),
monkeypatched os calls raising ENOSPC / EROFS, and PRAGMA query_only for a store that cannot be written.
"""

from __future__ import annotations

import errno
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stodapp.backup import create, create_backup, verify_backup
from stodapp.core import Core
from stodapp.errors import DiskError
from tests.core.backup.helpers import BACKUP_PASS, FAST, NEW_ADMIN_PASS, add_cases


def _state(core) -> tuple[int, str, list[str]]:  # type: ignore[no-untyped-def]
    from stodapp.backup import facts

    db, _dek = core.backup_key_material()
    with db._lock:  # noqa: SLF001
        cur = db.raw_connection().cursor()
        count, head = facts.audit_head(cur)
        return count, head, db.integrity()


def test_disk_full_during_backup_leaves_nothing(open_core, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    add_cases(open_core("anna"), 3)
    admin = open_core("admin")
    before = _state(admin)

    def tiny(cur: Any) -> None:
        cur.execute(f"PRAGMA {create.ATTACH_NAME}.max_page_count = 3")

    monkeypatch.setattr(create, "_limit_attached", tiny)
    with pytest.raises(DiskError, match="disken är full"):
        create_backup(admin, tmp_path / "full", BACKUP_PASS, kdf=FAST)
    assert not (tmp_path / "full").exists()
    assert _state(admin) == before and before[2] == []
    monkeypatch.undo()
    create_backup(admin, tmp_path / "ok", BACKUP_PASS, kdf=FAST)  # the store is still usable afterwards
    assert verify_backup(tmp_path / "ok", BACKUP_PASS).ok


@pytest.mark.parametrize("code,message", [(errno.EROFS, "skrivskyddad"), (errno.ENOSPC, "disken är full")])
def test_read_only_or_full_backup_folder(open_core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                         code: int, message: str) -> None:
    admin = open_core("admin")
    before = _state(admin)

    def refuse(*_a: Any, **_k: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "mkdir", refuse)
    with pytest.raises(DiskError, match=message):
        create_backup(admin, tmp_path / "ro", BACKUP_PASS, kdf=FAST)
    monkeypatch.undo()
    assert not (tmp_path / "ro").exists()
    # the folder exists but the final rename fails (e.g. the share went read-only mid-way)
    (tmp_path / "late").mkdir()
    monkeypatch.setattr(create.os, "replace", refuse)
    with pytest.raises(DiskError, match=message):
        create_backup(admin, tmp_path / "late", BACKUP_PASS, kdf=FAST)
    monkeypatch.undo()
    assert list((tmp_path / "late").iterdir()) == []
    assert _state(admin) == before


@pytest.mark.parametrize("code,message", [(errno.EROFS, "skrivskyddad"), (errno.ENOSPC, "disken är full")])
def test_restore_into_read_only_or_full_disk(open_core, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                             code: int, message: str) -> None:
    create_backup(open_core("admin"), tmp_path / "b", BACKUP_PASS, kdf=FAST)

    def refuse(*_a: Any, **_k: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(shutil, "copyfile", refuse)
    with pytest.raises(DiskError, match=message):
        Core.restore_and_open(tmp_path / "b", BACKUP_PASS, tmp_path / "new", "admin", NEW_ADMIN_PASS, kdf=FAST)
    assert not (tmp_path / "new").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DiskError, match=message):
        Core.restore_and_open(tmp_path / "b", BACKUP_PASS, empty, "admin", NEW_ADMIN_PASS, kdf=FAST)
    assert list(empty.iterdir()) == []


def test_culling_on_a_store_that_cannot_be_written(open_core) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from stodapp.cases.tables import CaseRow
    from stodapp.retention.service import RetentionService
    from tests.core.retention.helpers import make_case

    make_case(open_core("anna"), date(2015, 1, 1), marker="RO")
    admin = open_core("admin")
    svc = RetentionService(admin.ctx)
    expected = svc.report().to_cull
    before = _state(admin)
    raw = admin.ctx.db.raw_connection()
    raw.execute("PRAGMA query_only = ON")
    try:
        with pytest.raises(DiskError, match="skrivskyddad"):
            svc.cull(expected=expected)
    finally:
        raw.execute("PRAGMA query_only = OFF")
    with admin.ctx.session() as s:
        assert s.scalar(select(func.count()).select_from(CaseRow)) == 1
    assert _state(admin) == before
