"""gettext for core and UI: `_`, `N_`, `ngettext`; Swedish source strings are the fallback.

Source strings in code are Swedish (the primary UI language); the English catalog lives in
resources/translations/en/LC_MESSAGES/stodapp.po and is compiled to .mo at first use if missing.
A missing or damaged catalog falls back to the Swedish source strings, never to an error.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

from stodapp.paths import resource_dir

DOMAIN = "stodapp"
LANGUAGES = ("sv", "en")
_state: dict[str, _gettext.NullTranslations] = {"t": _gettext.NullTranslations()}
_current = {"lang": "sv"}


def _catalog_dir() -> Path:
    return resource_dir() / "translations"


def _load(lang: str) -> _gettext.NullTranslations:
    if lang == "sv":
        return _gettext.NullTranslations()
    base = _catalog_dir() / lang / "LC_MESSAGES"
    mo = base / f"{DOMAIN}.mo"
    po = base / f"{DOMAIN}.po"
    try:
        if po.exists() and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
            mo = _compile_to_memory_or_file(po, mo)
        with open(mo, "rb") as fh:
            return _gettext.GNUTranslations(fh)
    except (OSError, ValueError, UnicodeDecodeError, KeyError, IndexError):  # gettext raises OSError subclasses
        return _gettext.NullTranslations()


def _compile_to_memory_or_file(po: Path, mo: Path) -> Path:
    # babel compiles the .po; if the resource dir is read-only (installed app) we still fall back cleanly.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po, "rb") as fh:
        catalog = read_po(fh)
    with open(mo, "wb") as out:
        write_mo(out, catalog)
    return mo


def set_language(lang: str) -> str:
    """Switch the process language; unknown languages fall back to Swedish. Returns the active language."""
    lang = lang if lang in LANGUAGES else "sv"
    _state["t"] = _load(lang)
    _current["lang"] = lang
    return lang


def current_language() -> str:
    return _current["lang"]


def _(message: str) -> str:
    return _state["t"].gettext(message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (translated where shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _state["t"].ngettext(singular, plural, n)
