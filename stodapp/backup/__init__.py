"""Encrypted backups: create (sqlcipher_export under a backup key), verify, restore into a new data dir, rotation.

    from stodapp.backup import create_backup, verify_backup
    manifest = create_backup(core, out_dir, secret)            # administrator; secret = backup passphrase
    report = verify_backup(out_dir, secret)                     # cipher + SQLite integrity, counts, audit chain
    core, recovery_key = Core.restore_and_open(out_dir, secret, new_dir, "admin", new_passphrase)
"""

from __future__ import annotations

from stodapp.backup.create import create_backup
from stodapp.backup.manifest import Manifest
from stodapp.backup.restore import RestoredFiles, restore_files, undo_restore
from stodapp.backup.schedule import list_backups, rotate, scheduled_backup
from stodapp.backup.verify import BackupReport, verify_backup

__all__ = ["BackupReport", "Manifest", "RestoredFiles", "create_backup", "list_backups", "restore_files", "rotate",
           "scheduled_backup", "undo_restore", "verify_backup"]
