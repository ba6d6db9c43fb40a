"""Passphrase policy (ASVS V6.2 style): length, any Unicode, no composition rules, a blocklist, and a strength
estimate by zxcvbn (frequency lists, keyboard patterns, dates, repeats) with common Swedish words and the user's
own name as its user dictionary: a phrase zxcvbn guesses in fewer than 10^11 tries is refused."""

from __future__ import annotations

from functools import lru_cache

from stodapp.errors import PassphrasePolicyError
from stodapp.i18n import _
from stodapp.paths import resource_dir

MIN_LENGTH = 12
MAX_LENGTH = 1024
CONTEXT_WORDS = ("stodapp",)


# 10^11 guesses: months for an offline attacker doing ~10^4 Argon2id (64 MiB) guesses a second; stricter than
# zxcvbn's score 3 (10^8), which let "sommar2024sommar" through. Ordinary 4-5 word sentences score 10^20 and more.
MIN_GUESSES_LOG10 = 11.0
ESTIMATE_CHARS = 72  # zxcvbn refuses longer input (and is superlinear); strong in 72 characters is strong


@lru_cache(maxsize=1)
def swedish_words() -> tuple[str, ...]:
    """The Swedish user dictionary for zxcvbn, most common first (resources/swedish-common-words.txt)."""
    path = resource_dir() / "swedish-common-words.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(dict.fromkeys(w.strip().casefold() for w in lines if w.strip() and not w.startswith("#")))


def strength(passphrase: str, username: str = "") -> float:
    """zxcvbn's estimate (log10 of guesses) with the Swedish words, the context words and the user name known."""
    from zxcvbn import zxcvbn

    inputs = [*swedish_words(), *CONTEXT_WORDS, *([username.casefold()] if username else [])]
    return float(zxcvbn(passphrase[:ESTIMATE_CHARS], user_inputs=inputs)["guesses_log10"])


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
    if strength(passphrase, username) < MIN_GUESSES_LOG10:
        raise PassphrasePolicyError(
            _("Lösenfrasen är för lätt att gissa (vanliga ord, mönster eller upprepningar). Skriv en längre mening "
              "med ord som inte hör ihop, som bara du känner till.")
        )
