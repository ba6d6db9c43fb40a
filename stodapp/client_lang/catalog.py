"""Client-text catalogs: gettext `client` domain, msgid = the Swedish text, provenance in the header.

Shipped drafts live in resources/translations/<lang>/LC_MESSAGES/client.po. A municipality's reviewed
translation is a pack (`stodapp.client_lang.packs`) that replaces the shipped catalog for its language.
A text missing from the catalog falls back to Swedish, and the caller shows that (`Localized.fallback`).
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from stodapp.client_lang.languages import LANGUAGES
from stodapp.errors import ValidationFailed
from stodapp.i18n import _
from stodapp.paths import resource_dir

DOMAIN = "client"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
MAX_PO_BYTES = 2_000_000


class Provenance(BaseModel):
    """Who translated a catalog, when, whether a qualified translator reviewed it, and which version it is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    translator: str
    translated_on: date | None
    reviewed: bool
    reviewed_by: str = ""
    version: str
    source: str  # "levererad" (shipped draft) or "paket" (imported pack)


class Localized(BaseModel):
    """One text in the client's language, or the Swedish text with `fallback` set when none exists."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    fallback: bool = False


class ClientCatalog(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: str
    messages: dict[str, str]
    provenance: Provenance

    def get(self, swedish: str) -> Localized:
        if self.lang == "sv" or not swedish:
            return Localized(text=swedish)
        found = self.messages.get(swedish)
        return Localized(text=found) if found else Localized(text=swedish, fallback=True)

    def text(self, swedish: str) -> str:
        return self.get(swedish).text


def shipped_path(lang: str) -> Path:
    return resource_dir() / "translations" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def parse_po(data: bytes, origin: str, *, source: str) -> ClientCatalog:
    """Validate and read one client .po: known language, placeholders intact, no fuzzy entries, a version.

    Raises ValidationFailed listing every problem; `origin` names the file in the messages.
    """
    from babel.messages.pofile import PoFileError, read_po

    if len(data) > MAX_PO_BYTES:
        raise ValidationFailed(_("{source}: filen är för stor för en översättning").format(source=origin))
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise ValidationFailed(_("{source}: inte en läsbar .po-fil").format(source=origin), [str(exc)[:200]]) from exc
    headers = dict(catalog.mime_headers) | _x_headers(data)
    problems: list[str] = []
    lang = str(headers.get("Language", "")).strip()
    if lang not in LANGUAGES or lang == "sv":
        known = ", ".join(code for code in LANGUAGES if code != "sv")
        problems.append(_("Language: okänd språkkod {lang!r} (kända: {known})").format(lang=lang, known=known))
    version = str(headers.get("X-Pack-Version", "")).strip()
    if not version:
        problems.append(_("X-Pack-Version saknas (varje översättning har en version)"))
    reviewed_raw = str(headers.get("X-Reviewed", "")).strip().lower()
    if reviewed_raw not in ("yes", "no"):
        problems.append(_("X-Reviewed ska vara yes eller no"))
    messages: dict[str, str] = {}
    for m in catalog:
        if not m.id or not isinstance(m.id, str):
            continue
        if m.fuzzy:
            problems.append(_("osäker (fuzzy) översättning: {msgid!r}").format(msgid=m.id[:60]))
            continue
        target = m.string if isinstance(m.string, str) else ""
        if not target:
            continue
        if sorted(_PLACEHOLDER.findall(m.id)) != sorted(_PLACEHOLDER.findall(target)):
            problems.append(_("platshållarna stämmer inte: {msgid!r}").format(msgid=m.id[:60]))
            continue
        messages[m.id] = target
    if problems:
        raise ValidationFailed(_("{source}: översättningen kan inte användas").format(source=origin), problems)
    revised = catalog.revision_date
    revised_on = revised.date() if isinstance(revised, datetime) and revised.year > 1970 else None
    return ClientCatalog(
        lang=lang,
        messages=messages,
        provenance=Provenance(
            translator=str(headers.get("Last-Translator", "")).strip() or _("okänd"),
            translated_on=revised_on,
            reviewed=reviewed_raw == "yes",
            reviewed_by=str(headers.get("X-Reviewed-By", "")).strip(),
            version=version,
            source=source,
        ),
    )


def _x_headers(data: bytes) -> dict[str, str]:
    """The header entry's X- fields (Babel keeps only the standard ones)."""
    import ast

    text = data.decode("utf-8", errors="replace")
    start = text.find('msgid ""\nmsgstr ""\n')
    if start < 0:
        return {}
    header = ""
    for line in text[start:].split("\n")[2:]:
        if not line.startswith('"'):
            break
        try:
            header += str(ast.literal_eval(line))
        except (ValueError, SyntaxError):
            break
    out: dict[str, str] = {}
    for field in header.split("\n"):
        name, sep, value = field.partition(":")
        if sep and name.strip().startswith("X-"):
            out[name.strip()] = value.strip()
    return out


def swedish() -> ClientCatalog:
    return ClientCatalog(lang="sv", messages={}, provenance=Provenance(
        translator="", translated_on=None, reviewed=True, version="källtext", source="levererad"))


@lru_cache(maxsize=32)
def _shipped(lang: str) -> ClientCatalog:
    path = shipped_path(lang)
    if not path.exists():
        return ClientCatalog(lang=lang, messages={}, provenance=Provenance(
            translator="", translated_on=None, reviewed=False, version="saknas", source="levererad"))
    return parse_po(path.read_bytes(), path.name, source="levererad")


def load_catalog(lang: str, pack_dir: Path | None = None) -> ClientCatalog:
    """The catalog for `lang`: an imported pack in `pack_dir` when there is one, else the shipped draft.

    KeyError for a language we do not know; Swedish gives the identity catalog.
    """
    if lang not in LANGUAGES:
        raise KeyError(lang)
    if lang == "sv":
        return swedish()
    if pack_dir is not None:
        pack = installed_pack(pack_dir, lang)
        if pack is not None:
            return pack
    return _shipped(lang)


def pack_path(pack_dir: Path, lang: str) -> Path:
    return pack_dir / f"{lang}.po"


def installed_pack(pack_dir: Path, lang: str) -> ClientCatalog | None:
    """The installed pack for `lang`, or None. A pack that no longer validates is an error, not silence."""
    path = pack_path(pack_dir, lang)
    if not path.exists():
        return None
    catalog = parse_po(path.read_bytes(), path.name, source="paket")
    if catalog.lang != lang:
        raise ValidationFailed(_("{source}: paketet gäller ett annat språk").format(source=path.name))
    return catalog
