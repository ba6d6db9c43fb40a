"""E2: culled data is not recoverable from free pages or the WAL.

The store is encrypted, so bytes cannot be grepped there; the same culling code path runs on an UNKEYED plain test
database and the raw bytes of every file in the folder are searched for a marker. The control run with
secure_delete OFF finds the marker, so the check can fail.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from stodapp.auth import Principal, Role
from stodapp.clock import FakeClock
from stodapp.retention.service import RetentionService
from stodapp.service import ServiceContext
from stodapp.store.database import Database
from stodapp.store.migrations import migrate
from stodapp.store.tables import UserRow
from tests.core.retention.helpers import make_case

MARKER = "Zqxmarkör4711"


class _Ctx:
    """Just enough of a Core for make_case: a context."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx


def _plain_store(folder: Path) -> tuple[Database, ServiceContext, ServiceContext]:
    db = Database(folder / "plain.db", None, plain=True)
    migrate(db)
    now = datetime(2020, 1, 1, tzinfo=UTC)
    with db.session() as s:
        s.add_all([UserRow(id=1, username="admin", role=Role.ADMIN.value, created_at=now),
                   UserRow(id=2, username="anna", role=Role.CASEWORKER.value, created_at=now)])
    clock = FakeClock(datetime(2027, 3, 1, 10, tzinfo=UTC))
    admin = ServiceContext(db=db, principal=Principal(user_id=1, username="admin", role=Role.ADMIN), clock=clock)
    anna = ServiceContext(db=db, principal=Principal(user_id=2, username="anna", role=Role.CASEWORKER), clock=clock)
    return db, admin, anna


def _raw(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


def _run(folder: Path, secure_delete: bool) -> tuple[bytes, bytes]:
    db, admin, anna = _plain_store(folder)
    try:
        if not secure_delete:
            db.raw_connection().execute("PRAGMA secure_delete = OFF")
        make_case(_Ctx(anna), date(2020, 6, 1), marker=MARKER)
        make_case(_Ctx(anna), date(2026, 6, 1), marker="behalls")
        before = _raw(folder)
        svc = RetentionService(admin)
        report = svc.report()
        assert report.to_cull == 1
        svc.cull(expected=1)
        after_open = _raw(folder)
    finally:
        db.close()
    return before, after_open + _raw(folder)


def _found(blob: bytes) -> bool:
    low = blob.lower()
    return any(form in low for form in (MARKER.lower().encode("utf-8"), b"zqxmark"))


def test_culled_marker_is_gone_from_db_and_wal(tmp_path: Path) -> None:
    before, after = _run(tmp_path, secure_delete=True)
    assert _found(before)  # the marker really was on disk before the culling
    assert not _found(after)
    assert b"behalls" in after.lower()  # the kept case is still there: we did not just wipe the file


@pytest.mark.parametrize("secure", [False])
def test_control_without_secure_delete_leaves_the_marker(tmp_path: Path, secure: bool) -> None:
    _before, after = _run(tmp_path, secure_delete=secure)
    assert _found(after)
