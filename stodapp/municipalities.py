"""Sweden's 290 municipalities with official codes and counties (resources/kommuner.csv)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from stodapp.errors import NotFound, UserInputError, ValidationFailed
from stodapp.i18n import _
from stodapp.paths import resource_dir

EXPECTED_COUNT = 290
_HEADER = ["kommunkod", "kommun", "lan", "lanskod"]


class Municipality(BaseModel):
    """One municipality: four-digit official code (first two digits = county code), name and county."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str  # e.g. "0180"
    name: str  # e.g. "Stockholm"
    county: str  # e.g. "Stockholms län"
    county_code: str  # e.g. "01"

    def label(self) -> str:
        """Display text for pickers: "Stockholm (0180)"."""
        return f"{self.name} ({self.code})"


def default_path() -> Path:
    return resource_dir() / "kommuner.csv"


def load_municipalities(path: Path | None = None) -> tuple[Municipality, ...]:
    """All municipalities sorted by code; raises ValidationFailed naming every bad line."""
    return _load_cached(str(path or default_path()))


@lru_cache(maxsize=4)
def _load_cached(path_str: str) -> tuple[Municipality, ...]:
    path = Path(path_str)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise ValidationFailed(
            _("{name}: kan inte läsas").format(name=path.name), [f"{path.name}: {type(err).__name__}"]
        ) from None
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    problems: list[str] = []
    if not rows or [c.strip() for c in rows[0]] != _HEADER:
        raise ValidationFailed(
            _("{name}: fel rubrikrad").format(name=path.name), [f"{path.name}:1: förväntade {';'.join(_HEADER)}"]
        )
    out: list[Municipality] = []
    seen_codes: set[str] = set()
    for lineno, row in enumerate(rows[1:], start=2):
        if not row or all(not c.strip() for c in row):
            continue
        where = f"{path.name}:{lineno}"
        if len(row) != 4:
            problems.append(f"{where}: förväntade 4 fält, fick {len(row)}")
            continue
        code, name, county, county_code = (unicodedata.normalize("NFC", c.strip()) for c in row)
        if not (len(code) == 4 and code.isascii() and code.isdigit()):
            problems.append(f"{where}: kommunkod måste vara fyra siffror")
            continue
        if not (len(county_code) == 2 and county_code.isascii() and county_code.isdigit()):
            problems.append(f"{where}: länskod måste vara två siffror")
            continue
        if code[:2] != county_code:
            problems.append(f"{where}: kommunkod {code} hör inte till län {county_code}")
            continue
        if not name or not county:
            problems.append(f"{where}: namn saknas")
            continue
        if code in seen_codes:
            problems.append(f"{where}: kommunkod {code} förekommer två gånger")
            continue
        seen_codes.add(code)
        out.append(Municipality(code=code, name=name, county=county, county_code=county_code))
    if problems:
        raise ValidationFailed(_("{name}: {n} fel").format(name=path.name, n=len(problems)), problems)
    return tuple(sorted(out, key=lambda m: m.code))


@lru_cache(maxsize=4)
def _by_code(path_str: str) -> dict[str, Municipality]:
    return {m.code: m for m in _load_cached(path_str)}


def normalise_code(code: str | int) -> str:
    """Accept "180", 180 or "0180" and return the four-digit form; raises UserInputError for non-codes."""
    text = str(code).strip()
    if not text.isascii() or not text.isdigit() or not 1 <= len(text) <= 4:
        raise UserInputError(_("Ogiltig kommunkod: ange fyra siffror, t.ex. 0180."))
    return text.zfill(4)


def by_code(code: str | int, path: Path | None = None) -> Municipality:
    """The municipality with this official code; raises NotFound for a well-formed but unknown code."""
    norm = normalise_code(code)
    found = _by_code(str(path or default_path())).get(norm)
    if found is None:
        raise NotFound(_("Okänd kommunkod: {code}.").format(code=norm))
    return found


def is_known(code: str | int, path: Path | None = None) -> bool:
    try:
        by_code(code, path)
    except (NotFound, UserInputError):
        return False
    return True


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def search(query: str, path: Path | None = None, limit: int = 20) -> list[Municipality]:
    """Municipalities whose name or code matches `query`: exact, then prefix, then substring matches."""
    q = _fold(query)
    items = load_municipalities(path)
    if not q:
        return list(items[:limit])
    exact = [m for m in items if _fold(m.name) == q or (q.isdigit() and m.code == q.zfill(4))]
    prefix = [m for m in items if m not in exact and (_fold(m.name).startswith(q) or m.code.startswith(q))]
    inner = [m for m in items if m not in exact and m not in prefix and q in _fold(m.name)]
    return (exact + prefix + inner)[:limit]


def by_name(name: str, path: Path | None = None) -> Municipality:
    """Exact (case-insensitive) name lookup; raises NotFound otherwise."""
    q = _fold(name)
    for m in load_municipalities(path):
        if _fold(m.name) == q:
            return m
    raise NotFound(_("Okänd kommun: {name}.").format(name=name.strip()[:60]))


def fold_name(text: str) -> str:
    """A name for matching what a person types: case-folded and without accents ("Göteborg" -> "goteborg")."""
    decomposed = unicodedata.normalize("NFKD", text.strip())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


_LABEL = re.compile(r"^(?P<name>.+?)\s*\((?P<code>\d{4})\)$")


def resolve(text: str, path: Path | None = None) -> Municipality:
    """The municipality a person typed: a code ("136", "0136"), a name in any case ("haninge"), a name typed
    without å/ä/ö ("Goteborg") or a picker label ("Haninge (0136)"). Raises UserInputError with one line."""
    typed = unicodedata.normalize("NFC", text).strip()
    label = _LABEL.match(typed)
    if label:
        typed = label.group("code")
    if not typed:
        raise UserInputError(_("Skriv en kommun: namn eller kommunkod, t.ex. Haninge eller 0136."))
    if typed.isascii() and typed.isdigit():
        try:
            return by_code(typed, path)
        except (NotFound, UserInputError):
            raise UserInputError(
                _("Okänd kommunkod: {code}. Skriv kommunens namn eller en kod med fyra siffror, t.ex. 0136.")
                .format(code=typed[:8])
            ) from None
    items = load_municipalities(path)
    exact = [m for m in items if _fold(m.name) == _fold(typed)]
    if exact:
        return exact[0]
    loose = [m for m in items if fold_name(m.name) == fold_name(typed)]
    if len(loose) == 1:
        return loose[0]
    if len(loose) > 1:
        raise UserInputError(_("Flera kommuner heter nästan så: {names}. Skriv namnet exakt eller kommunkoden.")
                             .format(names=", ".join(m.label() for m in loose)))
    raise UserInputError(_("Okänd kommun: {name}. Skriv kommunens namn (t.ex. Haninge) eller kommunkod (t.ex. 0136).")
                         .format(name=typed[:60]))


def counties(path: Path | None = None) -> list[tuple[str, str]]:
    """(county code, county name) pairs in code order."""
    seen: dict[str, str] = {}
    for m in load_municipalities(path):
        seen.setdefault(m.county_code, m.county)
    return sorted(seen.items())
