"""Interpreter view data: each question of a checklist in Swedish beside another locale of the same checklist."""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from stodapp.checklists.schema import ChecklistDefinition
from stodapp.errors import NotFound, UserInputError
from stodapp.i18n import _


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
        if others:
            out[cid] = others
    return out


def checklist_title(checklist_id: str) -> str:
    """The Swedish title of a shipped checklist (for pickers), or its id when unknown."""
    definition = _definitions().get(checklist_id)
    return definition.title.sv if definition is not None else checklist_id


def language_name(code: str, in_language: str = "sv") -> str:
    """"engelska" for "en" (babel's CLDR names), the code itself when babel does not know it."""
    from babel import Locale, UnknownLocaleError

    if code == "swl":  # Swedish Sign Language: not in CLDR's language names
        return "svenskt teckenspråk" if in_language == "sv" else "Swedish Sign Language"
    try:
        name = Locale.parse(in_language).languages.get(code)
    except (ValueError, UnknownLocaleError):
        name = None
    return name or code


def side_by_side(checklist_id: str, locale: str) -> InterpreterSheet:
    from stodapp.checklists.index import DefinitionIndex

    definition = _definitions().get(checklist_id)
    if definition is None:
        raise NotFound(_("Okänd checklista: {id}.").format(id=checklist_id))
    if locale == "sv" or locale not in [str(loc) for loc in definition.locales]:
        raise UserInputError(_("Checklistan finns inte på språket {lang}.").format(lang=locale))
    rows = []
    for ref in DefinitionIndex.build(definition).iter_items():
        text = ref.item.text
        rows.append(InterpreterRow(item_id=ref.item.id, swedish=text.sv, other=text.translated(locale) or ""))
    title = definition.title
    return InterpreterSheet(checklist_id=checklist_id, locale=locale, swedish_title=title.sv,
                            other_title=title.translated(locale) or "", rows=tuple(rows))
