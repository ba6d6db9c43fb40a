"""The key-slot file sealed by the OS (DPAPI on Windows), run here with a fake protector bound to an 'account'."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from stodapp.core import Core
from stodapp.errors import KeySlotError
from stodapp.store import file_protection as fp
from stodapp.store.keyslots import KdfParams
from tests.conftest import ADMIN_PASS


class FakeDpapi:
    """Seals to one account: a keyed XOR stream and a tag; another account's key fails like DPAPI does."""

    name = "fake-dpapi"

    def __init__(self, account: str) -> None:
        self._key = hashlib.sha256(account.encode()).digest()

    def _stream(self, n: int) -> bytes:
        out = b""
        counter = 0
        while len(out) < n:
            out += hashlib.sha256(self._key + counter.to_bytes(4, "big")).digest()
            counter += 1
        return out[:n]

    def protect(self, data: bytes) -> bytes:
        body = bytes(a ^ b for a, b in zip(data, self._stream(len(data)), strict=True))
        return hashlib.sha256(self._key + body).digest() + body

    def unprotect(self, blob: bytes) -> bytes:
        tag, body = blob[:32], blob[32:]
        if hashlib.sha256(self._key + body).digest() != tag:
            raise OSError(13, "CryptUnprotectData")
        return bytes(a ^ b for a, b in zip(body, self._stream(len(body)), strict=True))


@pytest.fixture
def as_account() -> Iterator[object]:
    def use(account: str | None) -> None:
        fp.set_protector(FakeDpapi(account) if account else None)

    yield use
    fp.set_protector(None)


def test_sealed_key_file_opens_only_for_its_account(tmp_path: Path, as_account) -> None:  # type: ignore[no-untyped-def]
    as_account("kommunen\\anna")
    data = tmp_path / "data"
    core, _recovery = Core.initialize(data, "admin", ADMIN_PASS, kdf=KdfParams.for_tests())
    core.close()
    raw = (data / "keyslots.json").read_bytes()
    assert raw.startswith(fp.MAGIC) and b"slots" not in raw and b"throttle_mac_key" not in raw
    Core.unlock(data, "admin", ADMIN_PASS).close()  # the same account opens it
    raw = (data / "keyslots.json").read_bytes()

    as_account("kommunen\\mallory")  # the file copied to another account or machine
    with pytest.raises(KeySlotError, match="annat Windows-konto"):
        Core.unlock(data, "admin", ADMIN_PASS)
    assert (data / "keyslots.json").read_bytes() == raw  # nothing changed
    as_account(None)  # a system without DPAPI cannot open it either, and says why
    with pytest.raises(KeySlotError, match="DPAPI"):
        Core.unlock(data, "admin", ADMIN_PASS)


def test_plain_key_file_is_read_and_sealed_at_its_next_save(tmp_path: Path, as_account) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    core, _recovery = Core.initialize(data, "admin", ADMIN_PASS, kdf=KdfParams.for_tests())
    core.close()
    json.loads((data / "keyslots.json").read_bytes())  # no protector here: plain JSON, as on Linux
    as_account("kommunen\\anna")
    core = Core.unlock(data, "admin", ADMIN_PASS)  # an older, unsealed store still opens
    core.close()  # the lock saves the audit anchor into the key file: now sealed
    assert (data / "keyslots.json").read_bytes().startswith(fp.MAGIC)
    Core.unlock(data, "admin", ADMIN_PASS).close()
