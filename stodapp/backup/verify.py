"""Verify a backup with its secret: manifest MAC, file size and hash, cipher + SQLite integrity, counts, audit chain.

Every failure is one clear line: another key (AuthError), an edited manifest, a truncated or altered copy
(StoreCorrupt). Verification opens the copy read-only and immutable, so it never changes the backup folder.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from stodapp.backup import facts
from stodapp.backup.manifest import BackupKeys, Manifest, file_sha256, keys_for, load_manifest
from stodapp.errors import StoreCorrupt
from stodapp.i18n import _
from stodapp.store import keyslots as ks


class BackupReport(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    ok: bool
    backup_id: str
    created_at: str
    schema_version: int
    store_kind: str
    tables: int
    rows: int
    audit_count: int
    audit_head: str


def open_verified(folder: Path, secret: str) -> tuple[Manifest, BackupKeys, bytes | None]:
    """Check everything and return (manifest, keys, DEK or None). Raises on the first problem."""
    folder = Path(folder)
    manifest = load_manifest(folder)
    if manifest.secret_kind == "recovery":
        secret = ks.normalise_recovery_key(secret)
    keys = keys_for(secret, manifest)
    keys.check_manifest(manifest)
    # Only a store whose audit chain is keyed by its data key carries that key (wrapped) in the manifest.
    dek = keys.unwrap_dek(manifest.wrapped_dek, manifest.backup_id) if manifest.wrapped_dek else None
    path = folder / manifest.db_file
    if not path.is_file():
        raise StoreCorrupt(_("säkerhetskopians databasfil saknas"))
    size, digest = file_sha256(path)
    if size < manifest.db_size:
        raise StoreCorrupt(
            _("säkerhetskopian är avkortad ({size} av {db_size} byte)").format(size=size, db_size=manifest.db_size)
        )
    if size != manifest.db_size or digest != manifest.db_sha256:
        raise StoreCorrupt(_("säkerhetskopians databasfil har ändrats efter att kopian skapades"))
    conn = facts.open_copy(path, keys.db_key)
    try:
        cur = conn.cursor()
        problems = facts.integrity_problems(cur)
        if problems:
            raise StoreCorrupt(_("säkerhetskopian klarar inte integritetskontrollen ({n} fel)").format(n=len(problems)))
        counts = facts.row_counts(cur)
        if counts != manifest.row_counts:
            diff = sorted(
                t for t in set(counts) | set(manifest.row_counts) if counts.get(t) != manifest.row_counts.get(t)
            )
            raise StoreCorrupt(
                _("säkerhetskopians antal rader stämmer inte med manifestet (t.ex. {table})").format(table=diff[0])
            )
        if facts.schema_version(cur) != manifest.schema_version:
            raise StoreCorrupt(_("säkerhetskopians schemaversion stämmer inte med manifestet"))
        ok, count, head = facts.verify_audit_chain(cur, facts.audit_key(cur, dek))
        if not ok:
            raise StoreCorrupt(_("säkerhetskopians granskningslogg är bruten vid rad {count}").format(count=count))
        if count != manifest.audit_count or head != manifest.audit_head:
            raise StoreCorrupt(_("säkerhetskopians granskningslogg stämmer inte med manifestet (antal eller huvud)"))
    finally:
        conn.close()
    return manifest, keys, dek


def verify_backup(folder: Path, secret: str) -> BackupReport:
    manifest, _keys, _dek = open_verified(folder, secret)
    return BackupReport(
        ok=True,
        backup_id=manifest.backup_id,
        created_at=manifest.created_at,
        schema_version=manifest.schema_version,
        store_kind=manifest.store_kind,
        tables=len(manifest.row_counts),
        rows=sum(manifest.row_counts.values()),
        audit_count=manifest.audit_count,
        audit_head=manifest.audit_head,
    )
