"""Scheduled daily backups into one folder (e.g. a network share) with rotation: keep N, expire after D days.

Each backup is a sub-folder `stodapp-backup-YYYYMMDDTHHMMSSZ`; rotation touches nothing else in the folder and never
removes the newest complete backup. Expiry matters for retention: a backup holding culled data must not live on
(security.md E1: expired within the rotation period).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from stodapp.backup.create import clean_killed_run, create_backup, stamp
from stodapp.backup.manifest import MANIFEST_FILE, Manifest
from stodapp.calendar_se import local_date
from stodapp.clock import SystemClock
from stodapp.errors import UserInputError
from stodapp.i18n import _
from stodapp.store.files import disk_error

if TYPE_CHECKING:
    from stodapp.service import OpenStore
    from stodapp.store.keyslots import KdfParams

PREFIX = "stodapp-backup-"
_NAME = re.compile(r"^stodapp-backup-(\d{8}T\d{6}Z)$")


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    taken_at: datetime
    complete: bool  # manifest.json present


def clean_killed_runs(root: Path) -> list[Path]:
    """Remove the folders that killed backup runs left under `root` (no manifest, only a run's own files, e.g. a
    `.partial` copy). Runs at the next scheduled backup and when the backup view opens. Returns what it removed."""
    removed: list[Path] = []
    root = Path(root)
    if not root.is_dir():
        return removed
    for child in sorted(root.iterdir()):
        if _NAME.match(child.name) and child.is_dir() and clean_killed_run(child):
            try:
                child.rmdir()
            except OSError:
                continue
            removed.append(child)
    return removed


def list_backups(root: Path) -> list[BackupEntry]:
    """Backup folders under `root`, oldest first (folders with other names are ignored)."""
    root = Path(root)
    if not root.is_dir():
        return []
    found: list[BackupEntry] = []
    for child in root.iterdir():
        match = _NAME.match(child.name)
        if match and child.is_dir():
            taken = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            found.append(BackupEntry(child, taken, (child / MANIFEST_FILE).is_file()))
    return sorted(found, key=lambda e: e.taken_at)


def rotate(root: Path, keep: int, *, max_age_days: int | None = None, now: datetime | None = None) -> list[Path]:
    """Delete complete backups beyond the newest `keep` and those older than `max_age_days`. Returns removed paths."""
    if keep < 1:
        raise UserInputError(_("antal säkerhetskopior att behålla måste vara minst 1"))
    if max_age_days is not None and max_age_days < 1:
        raise UserInputError(_("högsta ålder för säkerhetskopior måste vara minst 1 dag"))
    now = now or SystemClock().now()
    complete = [e for e in list_backups(root) if e.complete]
    doomed = complete[:-keep] if len(complete) > keep else []
    if max_age_days is not None:
        limit = now - timedelta(days=max_age_days)
        doomed += [e for e in complete[:-1] if e.taken_at < limit and e not in doomed]
    removed: list[Path] = []
    for entry in doomed:
        try:
            shutil.rmtree(entry.path)
        except OSError as err:
            raise disk_error(err, entry.path.name) from None
        removed.append(entry.path)
    return removed


def backup_due(backups: list[BackupEntry], now: datetime) -> bool:
    """The one rule for GUI and CLI alike: a backup is due when no complete backup was taken on the current
    Swedish calendar day (a backup at 23:30 and another at 00:30 are two days, as the administrator reads them)."""
    today = local_date(now)
    return not any(e.complete and local_date(e.taken_at) == today for e in backups)


def scheduled_backup(core: OpenStore, root: Path, secret: str, *, keep: int = 7, max_age_days: int | None = 90,
                     secret_kind: str = "passphrase", kdf: KdfParams | None = None) -> Manifest | None:
    """The daily job: one backup per Swedish calendar day into `root`, then rotation. None when today's exists."""
    if keep < 1:
        raise UserInputError(_("antal säkerhetskopior att behålla måste vara minst 1"))
    now = core.clock.now().astimezone(UTC)
    clean_killed_runs(root)
    if not backup_due(list_backups(root), now):
        return None
    manifest = create_backup(core, Path(root) / f"{PREFIX}{stamp(now)}", secret, secret_kind=secret_kind, kdf=kdf)
    rotate(root, keep, max_age_days=max_age_days, now=now)
    return manifest
