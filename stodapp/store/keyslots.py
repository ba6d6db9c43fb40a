"""Key slots: the random data key (DEK) wrapped per user with AES-256-GCM under an Argon2id-derived key.

File `keyslots.json` beside the database (format version 1):
  {"format": 1, "store_id": hex, "throttle_mac_key": hex, "slots": [Slot, ...]}
Each slot stores its own KDF parameters and salt; the associated data binds the slot to the store, its id (user id or
"recovery") and its parameters, so editing any of them makes unwrapping fail (InvalidTag -> KeySlotError/AuthError).
"""

from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from stodapp.errors import AuthError, KeySlotError
from stodapp.i18n import _
from stodapp.store.files import JsonFileErrors, load_json_model

FORMAT_VERSION = 1
DEK_BYTES = 32
# Production floor: m >= 64 MiB (security.md B2); tests may use KdfParams.for_tests() explicitly.
MIN_MEMORY_KIB = 64 * 1024


class KdfParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    algorithm: str = "argon2id"
    memory_kib: int = 256 * 1024
    iterations: int = 3
    parallelism: int = 4

    @classmethod
    def for_tests(cls) -> KdfParams:
        """Cheap parameters so the test suite stays fast. Never used by the app itself."""
        return cls(memory_kib=8 * 1024, iterations=1, parallelism=1)

    def aad(self) -> str:
        return f"{self.algorithm}:m={self.memory_kib}:t={self.iterations}:p={self.parallelism}"


class Slot(BaseModel):
    """One user's (or the recovery key's) way in.

    The slot holds an X25519 key pair: the private key is wrapped (AES-256-GCM) under the Argon2id key derived from
    the passphrase; the DEK is sealed to the public key. A passphrase change re-wraps only the private key; `rekey`
    seals a new DEK to every public key without needing anyone's passphrase.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    slot_id: str  # "user:<id>" or "recovery"
    lookup: str  # sha256(store_id | casefolded user name) so the name itself is not in the file
    version: int = 1
    kdf: KdfParams
    salt: str
    nonce: str
    wrapped_private: str
    public_key: str
    sealed_dek: str  # ephemeral public key (32) | nonce (12) | ciphertext+tag, hex


class AuditAnchor(BaseModel):
    """Count and head MAC of the audit chain as last seen, MACed (stodapp.audit_anchor)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    count: int
    head: str
    mac: str


class KeySlotFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: int
    store_id: str
    throttle_mac_key: str
    slots: tuple[Slot, ...] = ()
    audit_anchor: AuditAnchor | None = None

    def find(self, lookup_value: str) -> Slot | None:
        return next((s for s in self.slots if s.lookup == lookup_value), None)

    def slot(self, slot_id: str) -> Slot | None:
        return next((s for s in self.slots if s.slot_id == slot_id), None)

    def with_slot(self, slot: Slot) -> KeySlotFile:
        others = tuple(s for s in self.slots if s.slot_id != slot.slot_id)
        return self.model_copy(update={"slots": (*others, slot)})

    def without_slot(self, slot_id: str) -> KeySlotFile:
        return self.model_copy(update={"slots": tuple(s for s in self.slots if s.slot_id != slot_id)})


def new_dek() -> bytes:
    return secrets.token_bytes(DEK_BYTES)


def new_file() -> KeySlotFile:
    return KeySlotFile(
        format=FORMAT_VERSION, store_id=secrets.token_hex(16), throttle_mac_key=secrets.token_hex(32)
    )


def lookup(store_id: str, name: str) -> str:
    import hashlib

    return hashlib.sha256(f"{store_id}|{name.casefold()}".encode()).hexdigest()


def derive_kek(secret: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    if params.algorithm != "argon2id":
        raise KeySlotError(_("nyckelfilen anger en okänd nyckelhärledning"))
    data = bytearray(secret.encode("utf-8"))
    try:
        return hash_secret_raw(
            bytes(data),
            salt,
            time_cost=params.iterations,
            memory_cost=params.memory_kib,
            parallelism=params.parallelism,
            hash_len=32,
            type=Type.ID,
        )
    finally:
        data[:] = b"\0" * len(data)  # best effort: Python str copies cannot be wiped (DPIA residual risk)


def _aad(store_id: str, slot_id: str, version: int, params: KdfParams, public_key: str) -> bytes:
    return f"stodapp-keyslot|{store_id}|{slot_id}|v{version}|{params.aad()}|{public_key}".encode()


def _seal_key(shared: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(shared)


def seal_dek(dek: bytes, public_hex: str, store_id: str, slot_id: str) -> str:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    eph = X25519PrivateKey.generate()
    shared = eph.exchange(X25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)))
    info = f"stodapp-dek|{store_id}|{slot_id}|{public_hex}".encode()
    nonce = os.urandom(12)
    ct = AESGCM(_seal_key(shared, info)).encrypt(nonce, dek, info)
    eph_pub = eph.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return (eph_pub + nonce + ct).hex()


def _open_sealed(private_raw: bytes, slot: Slot, store_id: str, sealed_hex: str | None = None) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    blob = bytes.fromhex(sealed_hex or slot.sealed_dek)
    eph_pub, nonce, ct = blob[:32], blob[32:44], blob[44:]
    shared = X25519PrivateKey.from_private_bytes(private_raw).exchange(X25519PublicKey.from_public_bytes(eph_pub))
    info = f"stodapp-dek|{store_id}|{slot.slot_id}|{slot.public_key}".encode()
    return AESGCM(_seal_key(shared, info)).decrypt(nonce, ct, info)


def make_slot(dek: bytes, secret: str, store_id: str, slot_id: str, name: str, params: KdfParams) -> Slot:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    private = X25519PrivateKey.generate()
    private_raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public_hex = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    return _wrap_private(private_raw, public_hex, secret, store_id, slot_id, lookup(store_id, name), params,
                         seal_dek(dek, public_hex, store_id, slot_id))


def _wrap_private(private_raw: bytes, public_hex: str, secret: str, store_id: str, slot_id: str, lookup_value: str,
                  params: KdfParams, sealed: str) -> Slot:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    kek = derive_kek(secret, salt, params)
    wrapped = AESGCM(kek).encrypt(nonce, private_raw, _aad(store_id, slot_id, 1, params, public_hex))
    return Slot(slot_id=slot_id, lookup=lookup_value, kdf=params, salt=salt.hex(), nonce=nonce.hex(),
                wrapped_private=wrapped.hex(), public_key=public_hex, sealed_dek=sealed)


def _unwrap_private(slot: Slot, secret: str, store_id: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        kek = derive_kek(secret, bytes.fromhex(slot.salt), slot.kdf)
        return AESGCM(kek).decrypt(
            bytes.fromhex(slot.nonce), bytes.fromhex(slot.wrapped_private),
            _aad(store_id, slot.slot_id, slot.version, slot.kdf, slot.public_key),
        )
    except (InvalidTag, ValueError):
        raise AuthError(_("Fel användarnamn eller lösenfras.")) from None


def unwrap(slot: Slot, secret: str, store_id: str, sealed_hex: str | None = None) -> bytes:
    """The DEK, or AuthError when the secret is wrong or the slot was edited (both look the same, by design)."""
    from cryptography.exceptions import InvalidTag

    private_raw = _unwrap_private(slot, secret, store_id)
    try:
        dek = _open_sealed(private_raw, slot, store_id, sealed_hex)
    except (InvalidTag, ValueError):
        raise KeySlotError(_("nyckelfilen är skadad eller har ändrats")) from None
    if len(dek) != DEK_BYTES:
        raise KeySlotError(_("nyckelfilen är skadad"))
    return dek


def rewrap(slot: Slot, old_secret: str, new_secret: str, store_id: str, params: KdfParams) -> Slot:
    """Passphrase change: same key pair and sealed DEK, new wrapping of the private key."""
    private_raw = _unwrap_private(slot, old_secret, store_id)
    return _wrap_private(private_raw, slot.public_key, new_secret, store_id, slot.slot_id, slot.lookup, params,
                         slot.sealed_dek)


def reseal_all(data: KeySlotFile, new_dek_value: bytes) -> KeySlotFile:
    """rekey: seal a new DEK to every slot's public key (no passphrases needed)."""
    slots = tuple(
        s.model_copy(update={"sealed_dek": seal_dek(new_dek_value, s.public_key, data.store_id, s.slot_id)})
        for s in data.slots
    )
    return data.model_copy(update={"slots": slots})


def new_recovery_key() -> str:
    """Printable recovery key: 32 base32 characters in groups of four (160 bits)."""
    import base64

    raw = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_key(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


_SLOT_FILE_ERRORS = JsonFileErrors(
    missing=lambda: KeySlotError(_("nyckelfilen (keyslots.json) saknas")),
    unreadable=lambda why: KeySlotError(_("nyckelfilen kan inte läsas: {why}").format(why=why)),
    too_big=lambda: KeySlotError(_("nyckelfilen är orimligt stor")),
    broken=lambda: KeySlotError(_("nyckelfilen är skadad eller har ändrats")),
)


def load(path: Path) -> KeySlotFile:
    from stodapp.store.file_protection import unseal

    data = load_json_model(path, KeySlotFile, _SLOT_FILE_ERRORS, decode=unseal)
    if data.format > FORMAT_VERSION:
        raise KeySlotError(_("nyckelfilen är från en nyare version av stodapp"))
    return data


def save(path: Path, data: KeySlotFile) -> None:
    """Atomic replace: write a sibling temp file, fsync, rename (never a half-written key file)."""
    from stodapp.store.file_protection import seal
    from stodapp.store.files import atomic_write

    atomic_write(path, seal(json.dumps(data.model_dump(), indent=1).encode("utf-8")))  # DPAPI on Windows


def benchmark(target_s: tuple[float, float] = (0.3, 1.0), memory_kib: int = 256 * 1024) -> KdfParams:
    """Pick Argon2id parameters taking 0.3–1.0 s here (KeePassXC approach), never below m=64 MiB, t=3."""
    parallelism = max(1, min(4, os.cpu_count() or 1))
    iterations = 3
    while True:
        params = KdfParams(memory_kib=memory_kib, iterations=iterations, parallelism=parallelism)
        start = time.perf_counter()
        derive_kek("benchmark passphrase", b"0" * 16, params)
        took = time.perf_counter() - start
        if took >= target_s[0] or iterations >= 12:
            break
        iterations += 1 if took > target_s[0] / 2 else 2
    # Too slow on a weak laptop: halve memory but keep the floor.
    while took > target_s[1] and params.memory_kib > MIN_MEMORY_KIB:
        params = params.model_copy(update={"memory_kib": max(MIN_MEMORY_KIB, params.memory_kib // 2)})
        start = time.perf_counter()
        derive_kek("benchmark passphrase", b"0" * 16, params)
        took = time.perf_counter() - start
    return params
