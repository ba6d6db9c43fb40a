"""The open store's key material: the key-slot file, the DEK while unlocked, and the operations on slots."""

from __future__ import annotations

from stodapp.errors import AuthError, KeySlotError, StoreError
from stodapp.i18n import _
from stodapp.store import keyslots as ks
from stodapp.store.layout import StoreFiles


class KeyRing:
    def __init__(self, files: StoreFiles, slots: ks.KeySlotFile, dek: bytes, kdf: ks.KdfParams) -> None:
        self._files = files
        self.slots = slots
        self._dek: bytes | None = dek
        self.kdf = kdf  # parameters for new slots (benchmarked at init, or the admin slot's)

    @property
    def dek(self) -> bytes:
        if self._dek is None:
            raise StoreError(_("databasen är låst"))
        return self._dek

    def drop(self) -> None:
        self._dek = None

    def _save(self, slots: ks.KeySlotFile) -> None:
        ks.save(self._files.keyslots, slots)
        self.slots = slots

    def save_audit_anchor(self, anchor: ks.AuditAnchor) -> None:
        """Seal the audit head into the key file (re-read first so a concurrent slot change is kept)."""
        current = ks.load(self._files.keyslots)
        self._save(current.model_copy(update={"audit_anchor": anchor}))

    def add_user(self, user_id: int, name: str, passphrase: str) -> None:
        slot = ks.make_slot(self.dek, passphrase, self.slots.store_id, f"user:{user_id}", name, self.kdf)
        self._save(self.slots.with_slot(slot))

    def remove_user(self, user_id: int) -> None:
        self._save(self.slots.without_slot(f"user:{user_id}"))

    def change_own(self, user_id: int, old: str, new: str) -> None:
        slot = self.slots.slot(f"user:{user_id}")
        if slot is None:
            raise KeySlotError(_("användaren saknar nyckelplats"))
        self._save(self.slots.with_slot(ks.rewrap(slot, old, new, self.slots.store_id, self.kdf)))

    def reset_user(self, user_id: int, name: str, new: str) -> None:
        """Administrator reset: a fresh key pair for the user (the old passphrase is not needed)."""
        self.add_user(user_id, name, new)

    def new_recovery(self) -> str:
        key = ks.new_recovery_key()
        slot = ks.make_slot(self.dek, key, self.slots.store_id, "recovery", "\x00recovery", self.kdf)
        self._save(self.slots.with_slot(slot))
        return key

    def rekey(self, raw_connection: object, new_dek: bytes) -> None:
        """Seal the new DEK to every slot, rekey the database, then switch the slot file (crash-tolerant order)."""
        resealed = ks.reseal_all(self.slots, new_dek)
        ks.save(self._files.pending_keyslots, resealed)  # open() tries this if the swap below never happened
        cur = raw_connection.cursor()  # type: ignore[attr-defined]
        cur.execute(f"PRAGMA rekey = \"x'{new_dek.hex()}'\"")
        cur.close()
        self._files.pending_keyslots.replace(self._files.keyslots)
        self.slots = resealed
        self._dek = new_dek


def _dummy_unwrap(slots: ks.KeySlotFile, secret: str) -> None:
    import secrets as _secrets

    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    model = next((s for s in slots.slots if s.slot_id.startswith("user:")), None) or slots.slot("recovery")
    params = model.kdf if model is not None else ks.KdfParams()
    kek = ks.derive_kek(secret, _secrets.token_bytes(16), params)
    try:
        AESGCM(kek).decrypt(_secrets.token_bytes(12), _secrets.token_bytes(64), b"dummy")
    except InvalidTag:
        pass


def unlock_dek(files: StoreFiles, name: str, secret: str, *, recovery: bool = False) -> tuple[ks.KeySlotFile, bytes,
                                                                                               ks.Slot]:
    """Find the slot for `name` (or the recovery slot) and unwrap the DEK. AuthError on any mismatch."""
    slots = ks.load(files.keyslots)
    slot = slots.slot("recovery") if recovery else slots.find(ks.lookup(slots.store_id, name))
    if slot is None:
        # Same message and the same cost as a wrong passphrase: a dummy Argon2id with a user slot's parameters,
        # so neither the answer nor its timing tells which user names exist.
        _dummy_unwrap(slots, secret)
        raise AuthError(_("Fel användarnamn eller lösenfras."))
    if recovery:
        secret = ks.normalise_recovery_key(secret)
    return slots, ks.unwrap(slot, secret, slots.store_id), slot
