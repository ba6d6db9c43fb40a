"""Scheduled daily backups with rotation, and the 10,000-case round trip (identical counts and audit head)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from stodapp.backup import create_backup, list_backups, rotate, scheduled_backup, verify_backup
from stodapp.backup.manifest import MANIFEST_FILE
from stodapp.core import Core
from stodapp.errors import UserInputError
from tests.core.backup.helpers import BACKUP_PASS, FAST, NEW_ADMIN_PASS


class StepClock:
    """A clock the test moves forward by whole days."""

    def __init__(self, start: datetime) -> None:
        self.at = start

    def now(self) -> datetime:
        return self.at

    def monotonic(self) -> float:
        return time.monotonic()

    def today(self):  # type: ignore[no-untyped-def]
        return self.at.date()


def test_daily_schedule_keeps_n_and_leaves_other_files(open_core, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    admin = open_core("admin")
    clock = StepClock(datetime(2026, 3, 1, 2, 0, tzinfo=UTC))
    admin.clock = clock
    admin.ctx.clock = clock
    root = tmp_path / "share"
    root.mkdir()
    (root / "README.txt").write_text("not a backup")
    (root / "stodapp-backup-notadate").mkdir()
    made = []
    for day in range(5):
        clock.at = datetime(2026, 3, 1, 2, 0, tzinfo=UTC) + timedelta(days=day)
        made.append(scheduled_backup(admin, root, BACKUP_PASS, keep=3, kdf=FAST))
        clock.at += timedelta(hours=5)  # same day again: skipped
        assert scheduled_backup(admin, root, BACKUP_PASS, keep=3, kdf=FAST) is None
    assert all(m is not None for m in made)
    kept = list_backups(root)
    assert [e.taken_at.day for e in kept] == [3, 4, 5] and all(e.complete for e in kept)
    assert (root / "README.txt").exists() and (root / "stodapp-backup-notadate").is_dir()
    assert verify_backup(kept[-1].path, BACKUP_PASS).ok


def test_rotation_by_age_never_removes_newest(tmp_path: Path) -> None:
    root = tmp_path / "r"
    for stamp in ("20250101T000000Z", "20250601T000000Z", "20260101T000000Z"):
        (root / f"stodapp-backup-{stamp}").mkdir(parents=True)
        (root / f"stodapp-backup-{stamp}" / MANIFEST_FILE).write_text("{}")
    (root / "stodapp-backup-20240101T000000Z").mkdir()  # incomplete: never touched by rotation
    removed = rotate(root, 10, max_age_days=90, now=datetime(2027, 1, 1, tzinfo=UTC))
    assert sorted(p.name for p in removed) == ["stodapp-backup-20250101T000000Z", "stodapp-backup-20250601T000000Z"]
    assert sorted(p.name for p in root.iterdir()) == ["stodapp-backup-20240101T000000Z",
                                                      "stodapp-backup-20260101T000000Z"]
    with pytest.raises(UserInputError):
        rotate(root, 0)
    with pytest.raises(UserInputError):
        rotate(root, 3, max_age_days=0)


def test_round_trip_of_10000_demo_cases(open_core, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from stodapp.backup import facts

    admin = open_core("admin")
    admin.fill_demo(cases=10_000, seed=3, passphrase="ännu en hemlig fras för test")
    manifest = create_backup(admin, tmp_path / "b", BACKUP_PASS, kdf=FAST)
    assert manifest.row_counts["cases"] == 10_000 and manifest.row_counts["persons"] > 10_000
    core, _key = Core.restore_and_open(tmp_path / "b", BACKUP_PASS, tmp_path / "new", "admin", NEW_ADMIN_PASS, kdf=FAST)
    try:
        db, _dek = core.backup_key_material()
        with db._lock:  # noqa: SLF001
            cur = db.raw_connection().cursor()
            counts = facts.row_counts(cur)
            row = cur.execute("SELECT mac FROM audit_log WHERE id = ?", (manifest.audit_count,)).fetchone()
        assert {k: v for k, v in counts.items() if k != "audit_log"} == {
            k: v for k, v in manifest.row_counts.items() if k != "audit_log"}
        assert row[0] == manifest.audit_head
        assert core.verify_audit().ok
    finally:
        core.close()
