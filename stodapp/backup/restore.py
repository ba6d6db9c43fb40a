"""Restore a verified backup into a NEW, empty data dir, with a fresh key-slot file for the restoring administrator.

The copy is re-keyed from the backup key to a new data key (or, for a store whose audit chain is keyed by its data
key, to the original one carried wrapped in the manifest), so the restored audit chain still verifies. Only the
restoring administrator gets a key slot, plus a new recovery key (shown once); other users get new passphrases from
the administrator (`stodapp users passwd NAME`). A non-empty target is refused: a restore never overwrites a store,
newer or older. On failure the target is left as it was.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stodapp.auth import Role
from stodapp.backup import facts
from stodapp.backup.verify import open_verified
from stodapp.errors import StoreCorrupt, StoreExists, UserInputError
from stodapp.i18n import _
from stodapp.store import keyslots as ks
from stodapp.store.files import disk_error, private_dir
from stodapp.store.layout import InstanceLock, StoreFiles

if TYPE_CHECKING:
    from stodapp.clock import Clock

RESTORING = "stodapp.db.restoring"


def _check_target(target: Path) -> bool:
    """Refuse a file or a non-empty folder. Returns True when the folder does not exist yet."""
    if target.exists():
        if not target.is_dir():
            raise StoreExists(_("{target} finns redan och är ingen mapp; inget har ändrats").format(target=target))
        if any(target.iterdir()):
            raise StoreExists(
                _(
                    "datamappen {target} är inte tom; återställning görs bara till en ny, tom mapp (inget har ändrats)"
                ).format(target=target)
            )
        return False
    return True


def _admin_id(path: Path, db_key: bytes, admin: str) -> int:
    conn = facts.open_copy(path, db_key)
    try:
        row = conn.execute(
            "SELECT id FROM users WHERE username = ? AND role = ? AND disabled = 0", (admin.strip(), Role.ADMIN.value)
        ).fetchone()
    finally:
        conn.close()
    if row is None:
        raise UserInputError(_("{user} är inte en aktiv administratör i säkerhetskopian").format(user=admin.strip()))
    return int(row[0])


def _has_audit_secret(path: Path, db_key: bytes) -> bool:
    conn = facts.open_copy(path, db_key)
    try:
        return facts.audit_secret(conn.cursor()) is not None
    finally:
        conn.close()


def _rekey_copy(path: Path, db_key: bytes, dek: bytes) -> None:
    import sqlcipher3.dbapi2 as dbapi

    conn = dbapi.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        cur = conn.cursor()
        cur.execute(f"PRAGMA key = \"x'{db_key.hex()}'\"")
        cur.execute("PRAGMA cipher_log_level = NONE")
        cur.execute("SELECT count(*) FROM sqlite_master").fetchone()
        cur.execute(f"PRAGMA rekey = \"x'{dek.hex()}'\"")
    except dbapi.DatabaseError as err:
        if "full" in str(err).lower():
            from stodapp.errors import DiskError

            raise DiskError(_("disken är full: återställningen avbröts, inget har ändrats")) from None
        raise StoreCorrupt(_("säkerhetskopian kunde inte nycklas om för den återställda databasen")) from None
    finally:
        conn.close()


@dataclass(frozen=True)
class RestoredFiles:
    """A restored store on disk, not yet opened: the new recovery key (shown once) and what to undo on failure."""

    recovery: str
    backup_id: str
    created_dir: bool


def restore_files(folder: Path, secret: str, target: Path, admin: str, new_passphrase: str, *,
                  kdf: ks.KdfParams | None = None, clock: Clock | None = None) -> RestoredFiles:
    """Verify `folder` and restore it into the new or empty `target` with a fresh key slot for `admin`.

    The facade opens the result (`Core.restore_and_open`) and calls `undo_restore` if that fails."""
    from stodapp import passphrase as policy
    from stodapp.store.keyring import KeyRing
    from stodapp.store.migrations import head
    from stodapp.throttle import Throttle

    target = Path(target)
    _check_target(target)
    policy.check(new_passphrase, admin.strip())
    manifest, keys, dek = open_verified(Path(folder), secret)  # nothing is written before this succeeds
    if manifest.schema_version > head():
        raise StoreCorrupt(_("säkerhetskopian är gjord av en nyare version av stodapp; uppdatera appen först"))
    source = Path(folder) / manifest.db_file
    admin_id = _admin_id(source, keys.db_key, admin)
    created = _check_target(target)
    files = StoreFiles(target)
    try:
        private_dir(target)
    except OSError as err:
        raise disk_error(err, "den återställda databasen") from None
    lock = InstanceLock(target)
    try:
        lock.acquire()
        staging = target / RESTORING
        try:
            shutil.copyfile(source, staging)  # the backup is a closed file at rest, not an open database
        except OSError as err:
            raise disk_error(err, "den återställda databasen") from None
        # A store that keeps its audit secret inside gets a NEW data key; an older one, whose audit chain is keyed
        # by the data key, keeps the original key so its chain still verifies.
        store_dek = dek if dek is not None and not _has_audit_secret(source, keys.db_key) else ks.new_dek()
        _rekey_copy(staging, keys.db_key, store_dek)
        slots = ks.new_file()
        keyring = KeyRing(files, slots, store_dek, kdf or manifest.kdf)
        keyring.add_user(admin_id, admin.strip(), new_passphrase)
        recovery = keyring.new_recovery()
        Throttle(target, bytes.fromhex(slots.throttle_mac_key), clock or _system_clock()).reset_file()
        try:
            staging.replace(files.db)
        except OSError as err:
            raise disk_error(err, "den återställda databasen") from None
    except BaseException:
        lock.release()
        _undo(target, created)
        raise
    lock.release()
    return RestoredFiles(recovery=recovery, backup_id=manifest.backup_id, created_dir=created)


def undo_restore(target: Path, restored: RestoredFiles) -> None:
    """Remove what `restore_files` wrote (the store could not be opened)."""
    _undo(Path(target), restored.created_dir)


def _system_clock() -> Clock:
    from stodapp.clock import SystemClock

    return SystemClock()


def _undo(target: Path, created: bool) -> None:
    if created:
        shutil.rmtree(target, ignore_errors=True)
        return
    for child in list(target.iterdir()) if target.exists() else []:
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
