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
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from stodapp.i18n import N_, _

if TYPE_CHECKING:
    from stodapp.concerns.model import ConcernReport

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
_TEXTS: dict[str, str] = {
    "acute": N_(
        "Akut läge: ring 112 om barnet är i fara nu. Utanför kontorstid: ring socialjouren i barnets "
        "hemkommun. Gör den skriftliga anmälan ändå."
    ),
    "honour": N_(
        "Hederskontext: kontakta inte vårdnadshavare och informera dem inte om anmälan. Kontakt kan "
        "utsätta barnet för fara; en risk- och säkerhetsbedömning ska göras först."
    ),
    "honour_pdf": N_(
        "Viktigt: anmälaren bedömer att barnet kan leva i en hederskontext. Kontakta inte vårdnadshavare "
        "och informera dem inte om anmälan innan en risk- och säkerhetsbedömning är gjord."
    ),
    "disability": N_(
        "Barnet har en funktionsnedsättning: den som ger omsorg (förälder, personlig assistent eller "
        "annan omsorgsperson) kan vara den som utövar våld. Var vaksam vid kontakt med dem."
    ),
    "disability_pdf": N_(
        "Barnet har en funktionsnedsättning. Observera att omsorgspersoner (förälder, assistent eller "
        "annan) kan vara de som utövar våld; var vaksam vid kontakt med dem."
    ),
    "multiple": N_(
        "Hederskontext och funktionsnedsättning: barnet löper flerfaldig risk. Beakta båda i bedömningen."
    ),
    "protected": N_(
        "Det finns skyddade personuppgifter i hushållet. De tas aldrig med i anmälan: vårdnadshavare "
        "och barnet kan få läsa den. Anmälan stoppas om texten innehåller skyddad adress eller identitet."
    ),
    "protected_pdf": N_(
        "Hantera med särskild försiktighet: skyddade personuppgifter förekommer i hushållet."
    ),
    "location": N_(
        "Barnet bor med en vuxen som har skyddade personuppgifter: mottagande kommun kan avslöja var de "
        "bor. Ring mottagande socialtjänst och kom överens om hur anmälan ska lämnas."
    ),
}


class Notice(BaseModel):
    """A safety message for the editor; `pdf_text` (if set) is the version printed for the receiving unit."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    level: str  # "warning" | "info"
    text: str
    pdf_text: str = ""


def notices(report: ConcernReport) -> tuple[Notice, ...]:
    """Safety warnings and guidance from the report's flags (honour, disability, urgency, protection)."""
    from stodapp.concerns.model import Urgency

    def note(code: str, key: str, level: str = "warning", pdf: str = "") -> Notice:
        return Notice(code=code, level=level, text=_(_TEXTS[key]), pdf_text=_(_TEXTS[pdf]) if pdf else "")

    out: list[Notice] = []
    child_disability = report.child is not None and report.child.has_disability
    if report.urgency is Urgency.ACUTE:
        out.append(note("acute", "acute"))
    if report.honour_context:
        out.append(note("honour_no_guardian_contact", "honour", pdf="honour_pdf"))
    if child_disability:
        out.append(note("disability_carers", "disability", pdf="disability_pdf"))
    if report.honour_context and child_disability:
        out.append(note("multiple_risk", "multiple"))
    if report.protected_fingerprints or report.lives_with_protected_adult:
        out.append(note("protected_adult", "protected", level="info", pdf="protected_pdf"))
    if report.lives_with_protected_adult:
        out.append(note("recipient_reveals_location", "location"))
    return tuple(out)
