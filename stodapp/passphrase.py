"""Passphrase policy (ASVS V6.2 style): length only, any Unicode, no composition rules, blocklists."""

from __future__ import annotations

from functools import lru_cache

from stodapp.errors import PassphrasePolicyError
from stodapp.i18n import _
from stodapp.paths import resource_dir

MIN_LENGTH = 12
MAX_LENGTH = 1024
CONTEXT_WORDS = ("stodapp",)


@lru_cache(maxsize=1)
def _blocklist() -> frozenset[str]:
    path = resource_dir() / "common-passphrases.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def check(passphrase: str, username: str = "") -> None:
    """Raise PassphrasePolicyError with one reason, or return None when the passphrase is acceptable."""
    if "\x00" in passphrase:
        raise PassphrasePolicyError(_("Lösenfrasen får inte innehålla NUL-tecken."))
    if len(passphrase) < MIN_LENGTH:
        raise PassphrasePolicyError(_("Lösenfrasen måste ha minst {n} tecken.").format(n=MIN_LENGTH))
    if len(passphrase) > MAX_LENGTH:
        raise PassphrasePolicyError(_("Lösenfrasen får ha högst {n} tecken.").format(n=MAX_LENGTH))
    folded = passphrase.casefold()
    if folded in _blocklist() or folded.strip() in _blocklist():
        raise PassphrasePolicyError(_("Lösenfrasen är för vanlig. Välj en längre mening som bara du känner till."))
    if username and username.casefold() in folded:
        raise PassphrasePolicyError(_("Lösenfrasen får inte innehålla användarnamnet."))
    for word in CONTEXT_WORDS:
        if word in folded:
            raise PassphrasePolicyError(_("Lösenfrasen får inte innehålla ordet ”{w}”.").format(w=word))
