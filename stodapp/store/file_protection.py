"""OS-level wrapping of the key-slot file: DPAPI on Windows (CryptProtectData, bound to the Windows account),
nothing elsewhere. Behind a small interface so Linux tests can run the same code path with a fake.

A sealed file is `MAGIC` + the protector's blob; a plain JSON file (older stores, other systems) is still read
and is sealed at its next save. What DPAPI adds: a copied keyslots.json is useless on another account or machine
without also breaking the Windows login. What it costs: if the Windows profile is lost, the key file cannot be
opened even with the recovery key; restore from a backup then (backups carry their own secret, not DPAPI).
"""

from __future__ import annotations

import sys
from typing import Protocol

from stodapp.errors import KeySlotError
from stodapp.i18n import _

MAGIC = b"STODAPP-OSPROTECT-1\n"
ENTROPY = b"stodapp keyslots v1"


class Protector(Protocol):
    name: str

    def protect(self, data: bytes) -> bytes: ...

    def unprotect(self, blob: bytes) -> bytes:
        """The data, or OSError when this account/machine cannot open the blob."""
        ...


class NoProtection:
    name = "none"

    def protect(self, data: bytes) -> bytes:
        return data

    def unprotect(self, blob: bytes) -> bytes:
        return blob


class Dpapi:  # pragma: no cover - Windows only; the logic around it is tested with a fake
    """CryptProtectData / CryptUnprotectData for the current user, no UI, with our own entropy."""

    name = "dpapi"

    def _call(self, fn_name: str, data: bytes) -> bytes:
        import ctypes
        from ctypes import wintypes

        class Blob(ctypes.Structure):
            _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

        def blob(raw: bytes) -> Blob:
            buf = ctypes.create_string_buffer(raw, len(raw))
            return Blob(len(raw), ctypes.cast(buf, ctypes.POINTER(ctypes.c_char)))

        crypt32 = ctypes.windll.crypt32  # type: ignore[attr-defined]
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        source, entropy, out = blob(data), blob(ENTROPY), Blob()
        ui_forbidden = 0x1
        fn = getattr(crypt32, fn_name)
        # (data in, description, entropy, reserved, prompt, flags, data out): the same shape for both calls
        if not fn(ctypes.byref(source), None, ctypes.byref(entropy), None, None, ui_forbidden, ctypes.byref(out)):
            raise OSError(ctypes.get_last_error(), fn_name)  # type: ignore[attr-defined]
        try:
            return ctypes.string_at(out.pbData, out.cbData)
        finally:
            kernel32.LocalFree(out.pbData)

    def protect(self, data: bytes) -> bytes:
        return self._call("CryptProtectData", data)

    def unprotect(self, blob: bytes) -> bytes:
        return self._call("CryptUnprotectData", blob)


_override: Protector | None = None


def current() -> Protector:
    """DPAPI on Windows, nothing elsewhere (or what a test set)."""
    if _override is not None:
        return _override
    return Dpapi() if sys.platform == "win32" else NoProtection()


def set_protector(protector: Protector | None) -> None:
    """Tests: run the sealing code path with a fake protector (None restores the platform's own)."""
    global _override  # noqa: PLW0603 - one protector per process
    _override = protector


def seal(data: bytes) -> bytes:
    """What goes on disk for `data`: sealed when the platform protects files, else `data` itself."""
    protector = current()
    if isinstance(protector, NoProtection):
        return data
    try:
        return MAGIC + protector.protect(data)
    except OSError:
        raise KeySlotError(_("nyckelfilen kunde inte skyddas av Windows (DPAPI); inget har ändrats")) from None


def unseal(raw: bytes) -> bytes:
    """The file's JSON bytes: unsealed, or as it is when it was never sealed (older stores, other systems)."""
    if not raw.startswith(MAGIC):
        return raw
    protector = current()
    if isinstance(protector, NoProtection):
        raise KeySlotError(_("nyckelfilen är skyddad av Windows (DPAPI) och kan bara öppnas där den skapades"))
    try:
        return protector.unprotect(raw[len(MAGIC):])
    except OSError:
        raise KeySlotError(
            _("nyckelfilen är låst till ett annat Windows-konto eller en annan dator; logga in som den användare "
              "som skapade databasen, eller återställ från en säkerhetskopia")
        ) from None
