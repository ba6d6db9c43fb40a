"""Create an encrypted backup: sqlcipher_export of the open store into a copy keyed with the backup key.

Never a file copy of an open database. The copy is written as `<name>.partial`, verified, renamed, and the manifest
is written last (atomically): a folder without manifest.json is never a usable backup. On any failure everything
this call created is removed and the store is unchanged.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stodapp import __version__
from stodapp.backup import facts
from stodapp.backup.manifest import DB_FILE, MANIFEST_FILE, PARTIAL_SUFFIX, BackupKeys, Manifest, file_sha256
from stodapp.errors import AccessDenied, DiskError, StoreCorrupt, StoreError, UserInputError
from stodapp.i18n import _
from stodapp.store import keyslots as ks
from stodapp.store.files import atomic_write, disk_error, precreate_private, private_dir

if TYPE_CHECKING:
    from stodapp.service import OpenStore
    from stodapp.store.interface import LocalStore

ATTACH_NAME = "stodapp_backup"


def check_secret(core: OpenStore, secret: str, secret_kind: str) -> str:
    """The secret as used for the key: a backup passphrase must pass the policy; a recovery key must be this store's."""
    if secret_kind == "recovery":
        normalised = ks.normalise_recovery_key(secret)
        slots = core.keyring().slots
        slot = slots.slot("recovery")
        if slot is None:
            raise UserInputError(_("databasen har ingen återställningsnyckel; använd en separat lösenfras för kopian"))
        ks.unwrap(slot, normalised, slots.store_id)  # AuthError when it is not this store's recovery key
        return normalised
    if secret_kind != "passphrase":
        raise UserInputError(_("okänd sorts nyckel för säkerhetskopian: {secret_kind}").format(secret_kind=secret_kind))
    from stodapp import passphrase as policy

    policy.check(secret)
    return secret


# What a backup run writes before its manifest: a folder holding only these (and no manifest) is a run that was
# killed, never a backup.
_LEFTOVERS = frozenset({DB_FILE, DB_FILE + PARTIAL_SUFFIX, DB_FILE + PARTIAL_SUFFIX + "-journal",
                        f".{MANIFEST_FILE}.tmp"})


def is_killed_run(folder: Path) -> bool:
    """True for a folder a killed backup run left behind: no manifest, only files a run writes before it."""
    try:
        names = {child.name for child in Path(folder).iterdir()}
    except OSError:
        return False
    return bool(names) and MANIFEST_FILE not in names and names <= _LEFTOVERS


def clean_killed_run(folder: Path) -> bool:
    """Remove what a killed backup run left in `folder` (the folder stays). True when something was removed."""
    if not is_killed_run(folder):
        return False
    for name in _LEFTOVERS:
        try:
            (Path(folder) / name).unlink(missing_ok=True)
        except OSError:
            return False
    return True


def _prepare_dir(out: Path) -> bool:
    """Create `out` (or accept an empty one, or one holding only a killed run's leftovers, which are removed).
    Returns True when this call created it."""
    if out.exists():
        if not out.is_dir():
            raise UserInputError(_("{out} finns redan och är ingen mapp").format(out=out))
        clean_killed_run(out)
        if any(out.iterdir()):
            raise UserInputError(
                _("mappen {out} är inte tom; en säkerhetskopia skrivs bara till en ny eller tom mapp").format(out=out)
            )
        return False
    try:
        private_dir(out)
    except OSError as err:
        raise disk_error(err, "säkerhetskopian") from None
    return True


def _limit_attached(cur: Any) -> None:
    """Hook for fault tests (disk full via max_page_count on the attached copy); does nothing in the app."""


def _sqlite_error(err: Exception) -> StoreError:
    text = str(err).lower()
    if "full" in text:
        return DiskError(_("disken är full: säkerhetskopian sparades inte, inget har ändrats"))
    if "readonly" in text or "read-only" in text or "unable to open" in text or "permission" in text:
        return DiskError(_("mappen är skrivskyddad: säkerhetskopian sparades inte, inget har ändrats"))
    return StoreError(_("säkerhetskopian kunde inte skrivas (databasfel); inget har ändrats"))


def _export(db: LocalStore, target: Path, db_key: bytes) -> tuple[dict[str, int], int, str, int, bool]:
    """Integrity-check the source, then export it under `db_key` in one locked step. Returns the source facts."""
    import sqlcipher3.dbapi2 as dbapi

    with db.exclusive() as raw:  # no statement may interleave with the export
        cur = raw.cursor()
        try:
            problems = facts.integrity_problems(cur)
            if problems:
                raise StoreCorrupt(_("databasen klarar inte integritetskontrollen; ingen säkerhetskopia gjordes"))
            counts = facts.row_counts(cur)
            audit_count, head = facts.audit_head(cur)
            version = facts.schema_version(cur)
            own_audit_secret = facts.audit_secret(cur) is not None
            precreate_private(target)  # 0600 before SQLite creates it (its -wal/-shm copy the mode)
            cur.execute(f"ATTACH DATABASE ? AS {ATTACH_NAME} KEY ?", (str(target), f"x'{db_key.hex()}'"))
            try:
                cur.execute(f"PRAGMA {ATTACH_NAME}.cipher_log_level = NONE")
                _limit_attached(cur)
                cur.execute(f"SELECT sqlcipher_export('{ATTACH_NAME}')")
            finally:
                cur.execute(f"DETACH DATABASE {ATTACH_NAME}")
        except dbapi.DatabaseError as err:
            raise _sqlite_error(err) from None
        finally:
            cur.close()
    return counts, audit_count, head, version, own_audit_secret


def _check_copy(path: Path, keys: BackupKeys, dek: bytes, counts: dict[str, int], audit_count: int, head: str) -> None:
    conn = facts.open_copy(path, keys.db_key)
    try:
        cur = conn.cursor()
        if facts.integrity_problems(cur) or facts.row_counts(cur) != counts:
            raise StoreError(_("säkerhetskopian blev inte lika med databasen; försök igen"))
        ok, count, copy_head = facts.verify_audit_chain(cur, facts.audit_key(cur, dek))
        if not ok:
            # The copy holds exactly the store's rows (checked above): the store's own chain is broken, and a
            # retry would copy the same break. Say what to do instead.
            raise StoreCorrupt(_("granskningsloggen i databasen är bruten, så ingen säkerhetskopia kan verifieras; "
                                 "kör `stodapp audit verify` och kontakta systemförvaltningen (ett nytt försök "
                                 "hjälper inte)"))
        if count != audit_count or copy_head != head:
            raise StoreError(_("säkerhetskopians granskningslogg stämmer inte med databasen; försök igen"))
    finally:
        conn.close()


def create_backup(
    core: OpenStore, out: Path, secret: str, *, secret_kind: str = "passphrase", kdf: ks.KdfParams | None = None
) -> Manifest:
    """Write an encrypted, verified backup of the open store into the new or empty folder `out` (administrator)."""
    db, dek = core.backup_key_material()  # requires backup.manage
    secret = check_secret(core, secret, secret_kind)
    if kdf is None:
        try:
            kdf = core.keyring().kdf
        except AccessDenied:
            kdf = ks.KdfParams()
    out = Path(out)
    created_dir = _prepare_dir(out)
    partial = out / (DB_FILE + PARTIAL_SUFFIX)
    try:
        salt = os.urandom(16)
        keys = BackupKeys(secret, salt, kdf)
        now = core.clock.now().astimezone(UTC)
        counts, audit_count, head, version, own_audit_secret = _export(db, partial, keys.db_key)
        _check_copy(partial, keys, dek, counts, audit_count, head)
        try:
            os.replace(partial, out / DB_FILE)
        except OSError as err:
            raise disk_error(err, "säkerhetskopian") from None
        size, digest = file_sha256(out / DB_FILE)
        backup_id = facts.short_id(digest, now.isoformat(), salt.hex())
        manifest = keys.sign(
            Manifest(
                backup_id=backup_id,
                created_at=now.isoformat(timespec="seconds"),
                app_version=__version__,
                schema_version=version,
                store_kind=core.store_kind,
                db_size=size,
                db_sha256=digest,
                row_counts=counts,
                audit_count=audit_count,
                audit_head=head,
                secret_kind="recovery" if secret_kind == "recovery" else "passphrase",
                kdf=kdf,
                salt=salt.hex(),
                wrapped_dek="" if own_audit_secret else keys.wrap_dek(dek, backup_id),
                key_check=keys.check,
            )
        )
        atomic_write(out / MANIFEST_FILE, manifest.model_dump_json(indent=1).encode("utf-8"))
    except BaseException:
        _cleanup(out, created_dir)
        raise
    core.audit_event("backup.create", record_type="backup", record_id=manifest.backup_id)
    return manifest


def _cleanup(out: Path, created_dir: bool) -> None:
    if created_dir:
        shutil.rmtree(out, ignore_errors=True)
        return
    for name in (DB_FILE, DB_FILE + PARTIAL_SUFFIX, MANIFEST_FILE, f".{MANIFEST_FILE}.tmp"):
        try:
            (out / name).unlink(missing_ok=True)
        except OSError:
            pass


def stamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
