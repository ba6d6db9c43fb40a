"""Interpreter view data: each question of a checklist in Swedish beside another locale of the same checklist."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from stodapp.cases.asking_models import SCREENING_ID
from stodapp.checklists.schema import ChecklistDefinition
from stodapp.client_lang.catalog import load_catalog
from stodapp.client_lang.languages import LANGUAGES, NOT_REVIEWED, TRANSLATED
from stodapp.errors import NotFound, UserInputError
from stodapp.i18n import _
from stodapp.localized_text import LocalizedText


class InterpreterRow(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    item_id: str
    swedish: str
    other: str  # "" when this item has no text in the other locale


class InterpreterSheet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    checklist_id: str
    locale: str
    swedish_title: str
    other_title: str  # "" when the checklist has no title in the other locale
    rows: tuple[InterpreterRow, ...]
    rtl: bool = False  # the other language runs right to left (Arabic, Persian)
    reviewed: bool = True  # False: a draft client-language translation, say so beside it
    notice: str = ""  # "Översättningen är inte granskad" in the other language, when not reviewed


@lru_cache(maxsize=1)
def _definitions() -> dict[str, ChecklistDefinition]:
    from stodapp.checklists.loader import load_folder
    from stodapp.paths import checklist_dir

    return {e.definition.id: e.definition for e in load_folder(checklist_dir()).loaded}


def checklists_with_locales() -> dict[str, tuple[str, ...]]:
    """Checklist id -> its locales other than Swedish (only checklists that have at least one)."""
    out: dict[str, tuple[str, ...]] = {}
    for cid, d in _definitions().items():
        others = tuple(str(loc) for loc in d.locales if str(loc) != "sv")
        if cid == SCREENING_ID:  # the screening questions are also in every client language
            others += tuple(code for code in TRANSLATED if code not in others)
        if others:
            out[cid] = others
    return out


def screening_texts() -> tuple[str, ...]:
    """The Swedish title and questions of the screening checklist: what a client catalog translates."""
    from stodapp.checklists.index import DefinitionIndex

    definition = _definitions()[SCREENING_ID]
    return (definition.title.sv, *(ref.item.text.sv for ref in DefinitionIndex.build(definition).iter_items()))


def checklist_title(checklist_id: str) -> str:
    """The Swedish title of a shipped checklist (for pickers), or its id when unknown."""
    definition = _definitions().get(checklist_id)
    return definition.title.sv if definition is not None else checklist_id


def language_name(code: str, in_language: str = "sv") -> str:
    """"engelska" for "en" (babel's CLDR names), the code itself when babel does not know it."""
    from babel import Locale, UnknownLocaleError

    if code in LANGUAGES:
        return LANGUAGES[code].swedish_name if in_language == "sv" else LANGUAGES[code].endonym
    if code == "swl":  # Swedish Sign Language: not in CLDR's language names
        return "svenskt teckenspråk" if in_language == "sv" else "Swedish Sign Language"
    try:
        name = Locale.parse(in_language).languages.get(code)
    except (ValueError, UnknownLocaleError):
        name = None
    return name or code


def side_by_side(checklist_id: str, locale: str, pack_dir: Path | None = None) -> InterpreterSheet:
    """Swedish beside `locale`: the checklist's own locale, or for the screening a client-language catalog."""
    from stodapp.checklists.index import DefinitionIndex

    definition = _definitions().get(checklist_id)
    if definition is None:
        raise NotFound(_("Okänd checklista: {id}.").format(id=checklist_id))
    own = [str(loc) for loc in definition.locales]
    client = checklist_id == SCREENING_ID and locale in TRANSLATED and locale not in own
    if locale == "sv" or (locale not in own and not client):
        raise UserInputError(_("Checklistan finns inte på språket {lang}.").format(lang=locale))
    catalog = load_catalog(locale, pack_dir) if client else None

    def other(text: LocalizedText) -> str:
        if catalog is None:
            return text.translated(locale) or ""
        found = catalog.get(text.sv)
        return "" if found.fallback else found.text

    rows = [InterpreterRow(item_id=ref.item.id, swedish=ref.item.text.sv, other=other(ref.item.text))
            for ref in DefinitionIndex.build(definition).iter_items()]
    reviewed = catalog is None or catalog.provenance.reviewed
    notice = "" if reviewed or catalog is None else catalog.get(NOT_REVIEWED).text
    return InterpreterSheet(checklist_id=checklist_id, locale=locale, swedish_title=definition.title.sv,
                            other_title=other(definition.title), rows=tuple(rows),
                            rtl=locale in LANGUAGES and LANGUAGES[locale].rtl, reviewed=reviewed, notice=notice)
