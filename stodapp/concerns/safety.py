"""Protected-data fingerprints (salted, never the data itself) and the leak check the report model enforces.

A report of concern may be read by the guardians and the child, so the protected address and identity of an
adult in the household must never appear in it. The report carries keyed BLAKE2 fingerprints of those terms
(normalised: case-folded, only letters and digits) and every text field is scanned with a sliding window, so
"Solrosvägen 7", "SOLROSVÄGEN7" and "solrosvägen  7," are all caught. Terms shorter than MIN_LEN normalised
characters are too unspecific to fingerprint (a lone postcode, a first name); callers pass fuller terms.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

MIN_LEN = 6


class Fingerprint(BaseModel):
    """Keyed hash of one normalised protected term and its length (for the sliding window)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    length: int
    digest: str  # hex BLAKE2b-128 keyed with `salt`
    salt: str  # hex, per report


def normalise(text: str) -> str:
    """Case-folded letters and digits only (NFKC), so spacing, punctuation and case do not hide a match."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def _digest(salt: str, value: str) -> str:
    return hashlib.blake2b(value.encode("utf-8"), digest_size=16, key=bytes.fromhex(salt)).hexdigest()


def new_salt() -> str:
    return secrets.token_hex(16)


def _variants(term: str) -> set[str]:
    """The whole term, each comma/newline part, and number forms without trunk prefix (070… / +4670…)."""
    parts = {term}
    for sep in (",", "\n", ";"):
        for piece in term.split(sep):
            parts.add(piece)
    out: set[str] = set()
    for piece in parts:
        norm = normalise(piece)
        if norm.isdigit():
            if norm.startswith("46") and len(norm) >= 10:
                norm = norm[2:]
            norm = norm.lstrip("0")
            if (
                len(norm) == 12
            ):  # personnummer with century: the 10-digit form is a substring and catches both
                norm = norm[2:]
        if len(norm) >= MIN_LEN:
            out.add(norm)
    return out


def fingerprints_for(terms: Iterable[str], salt: str | None = None) -> tuple[Fingerprint, ...]:
    """Fingerprints of every usable variant of `terms` (empty and too-short terms are skipped)."""
    key = salt or new_salt()
    found: dict[str, Fingerprint] = {}
    for term in terms:
        if not term or not term.strip():
            continue
        for norm in _variants(term):
            fp = Fingerprint(length=len(norm), digest=_digest(key, norm), salt=key)
            found[fp.digest] = fp
    return tuple(sorted(found.values(), key=lambda f: (f.length, f.digest)))


def contains_protected(text: str, fingerprints: Iterable[Fingerprint]) -> bool:
    """True when any fingerprinted term occurs in `text` (after normalisation)."""
    norm = normalise(text)
    if not norm:
        return False
    groups: dict[tuple[str, int], set[str]] = {}
    for fp in fingerprints:
        groups.setdefault((fp.salt, fp.length), set()).add(fp.digest)
    for (salt, length), digests in groups.items():
        if length > len(norm):
            continue
        for start in range(len(norm) - length + 1):
            if _digest(salt, norm[start : start + length]) in digests:
                return True
    return False


def redact_if_protected(text: str, fingerprints: Iterable[Fingerprint], placeholder: str) -> tuple[str, bool]:
    """(text, False) when clean, else (placeholder, True): used by prefill so nothing protected is copied."""
    fps = tuple(fingerprints)
    if fps and contains_protected(text, fps):
        return placeholder, True
    return text, False


# Our own wording; translated where shown (N_ marks them for extraction).
