"""The backup manifest (manifest.json beside the encrypted copy): facts about the copy, never content.

The backup key is Argon2id(secret, salt, kdf) with the parameters and salt stored here. Sub-keys (HKDF) key the
copy, authenticate the manifest (MAC) and give a key check value that tells "wrong secret" apart from "edited
manifest". Only for an older store whose audit chain is keyed by its data key is that key carried, wrapped, so the
chain stays verifiable; a store with its own audit secret is restored under a new data key and carries none.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from stodapp.errors import AuthError, StoreCorrupt, UserInputError
from stodapp.i18n import _
from stodapp.store import keyslots as ks
from stodapp.store.database import derive_subkey
from stodapp.store.files import JsonFileErrors, load_json_model

FORMAT_VERSION = 1
DB_FILE = "stodapp-backup.db"
MANIFEST_FILE = "manifest.json"
PARTIAL_SUFFIX = ".partial"
# Bounds for parameters read from a manifest: a crafted file must not make us allocate 100 GiB.
_MAX_MEMORY_KIB = 4 * 1024 * 1024
_MAX_ITERATIONS = 64
_MAX_PARALLELISM = 64


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int = FORMAT_VERSION
    kind: Literal["stodapp-backup"] = "stodapp-backup"
    backup_id: str
    created_at: str  # ISO-8601 UTC
    app_version: str
    schema_version: int
    store_kind: str
    db_file: str = DB_FILE
    db_size: int
    db_sha256: str
    row_counts: dict[str, int]
    audit_count: int
    audit_head: str
    secret_kind: Literal["passphrase", "recovery"]
    kdf: ks.KdfParams
    salt: str
    wrapped_dek: str  # AES-256-GCM nonce | ciphertext+tag, hex; "" when the store keeps its own audit secret
    key_check: str
    mac: str = ""

    def body(self) -> bytes:
        data = self.model_dump(mode="json", exclude={"mac"})
        return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")


class BackupKeys:
    """The keys derived from one backup secret (Argon2id once, HKDF sub-keys)."""

    def __init__(self, secret: str, salt: bytes, kdf: ks.KdfParams) -> None:
        root = ks.derive_kek(secret, salt, kdf)
        self.db_key = derive_subkey(root, b"backup:db")
        self._wrap = derive_subkey(root, b"backup:wrap")
        self._mac = derive_subkey(root, b"backup:manifest")
        self.check = hmac.new(derive_subkey(root, b"backup:check"), b"stodapp-backup-key-check", hashlib.sha256
                              ).hexdigest()

    def wrap_dek(self, dek: bytes, backup_id: str) -> str:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(12)
        return (nonce + AESGCM(self._wrap).encrypt(nonce, dek, f"stodapp-backup-dek|{backup_id}".encode())).hex()

    def unwrap_dek(self, wrapped: str, backup_id: str) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            blob = bytes.fromhex(wrapped)
            dek = AESGCM(self._wrap).decrypt(blob[:12], blob[12:], f"stodapp-backup-dek|{backup_id}".encode())
        except (InvalidTag, ValueError):
            raise StoreCorrupt(_("säkerhetskopians manifest har ändrats (nyckeln går inte att packa upp)")) from None
        if len(dek) != ks.DEK_BYTES:
            raise StoreCorrupt(_("säkerhetskopians manifest har ändrats"))
        return dek

    def sign(self, manifest: Manifest) -> Manifest:
        return manifest.model_copy(update={"mac": hmac.new(self._mac, manifest.body(), hashlib.sha256).hexdigest()})

    def check_manifest(self, manifest: Manifest) -> None:
        """AuthError for another secret, StoreCorrupt for an edited manifest."""
        if not hmac.compare_digest(self.check, manifest.key_check):
            raise AuthError(_("säkerhetskopian hör till en annan nyckel (fel lösenfras eller återställningsnyckel)"))
        expected = hmac.new(self._mac, manifest.body(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, manifest.mac):
            raise StoreCorrupt(_("säkerhetskopians manifest har ändrats efter att kopian skapades"))


def keys_for(secret: str, manifest: Manifest) -> BackupKeys:
    try:
        salt = bytes.fromhex(manifest.salt)
    except ValueError:
        raise StoreCorrupt(_("säkerhetskopians manifest är skadat (salt)")) from None
    return BackupKeys(secret, salt, manifest.kdf)


_MANIFEST_ERRORS = JsonFileErrors(
    missing=lambda: StoreCorrupt(_("säkerhetskopian saknar manifest.json (ofullständig eller inte en säkerhetskopia)")),
    unreadable=lambda why: UserInputError(_("manifestet kan inte läsas: {why}").format(why=why)),
    too_big=lambda: StoreCorrupt(_("säkerhetskopians manifest är orimligt stort")),
    broken=lambda: StoreCorrupt(_("säkerhetskopians manifest är skadat eller har fel format")),
)


def load_manifest(folder: Path) -> Manifest:
    """Read and shape-check manifest.json (not yet authenticated: call BackupKeys.check_manifest)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserInputError(_("säkerhetskopian finns inte: {folder}").format(folder=folder))
    manifest = load_json_model(folder / MANIFEST_FILE, Manifest, _MANIFEST_ERRORS)
    if manifest.format > FORMAT_VERSION:
        raise StoreCorrupt(_("säkerhetskopian är gjord av en nyare version av stodapp"))
    k = manifest.kdf
    if (k.algorithm != "argon2id" or not 8 <= k.memory_kib <= _MAX_MEMORY_KIB
            or not 1 <= k.iterations <= _MAX_ITERATIONS or not 1 <= k.parallelism <= _MAX_PARALLELISM):
        raise StoreCorrupt(_("säkerhetskopians manifest anger orimliga nyckelparametrar"))
    if manifest.db_file != DB_FILE:
        raise StoreCorrupt(_("säkerhetskopians manifest pekar på en okänd fil"))
    return manifest


def file_sha256(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()
