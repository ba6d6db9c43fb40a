"""gettext for core and UI: `_`, `N_`, `ngettext`; Swedish source strings are the fallback.

Source strings in code are Swedish (the primary UI language); each other language has ONE catalog,
resources/translations/<lang>/LC_MESSAGES/stodapp.po, refreshed from the code by `python -m stodapp.i18n_extract`
(Babel extract + update, see babel.cfg) and compiled to .mo at first use if missing or older.
A missing or damaged catalog falls back to the Swedish source strings, never to an error.
"""

from __future__ import annotations

import gettext as _gettext
import io
from pathlib import Path

from stodapp.paths import resource_dir

DOMAIN = "stodapp"
LANGUAGES = ("sv", "en")
_state: dict[str, _gettext.NullTranslations] = {"t": _gettext.NullTranslations()}
_current = {"lang": "sv"}


def _catalog_dir() -> Path:
    return resource_dir() / "translations"


def _load(lang: str) -> _gettext.NullTranslations:
    """The language's one catalog (stodapp.po); Swedish, a missing or a damaged catalog give the source strings.

    The .po is compiled to a sibling .mo when that is missing or older; where the folder is read-only the
    catalog is compiled in memory instead.
    """
    if lang == "sv":
        return _gettext.NullTranslations()
    return _one(_catalog_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po") or _gettext.NullTranslations()


def _one(po: Path) -> _gettext.GNUTranslations | None:
    mo = po.with_suffix(".mo")
    try:
        if not mo.exists() or (po.exists() and mo.stat().st_mtime < po.stat().st_mtime):
            data = _compile(po)
            try:
                mo.write_bytes(data)
            except OSError:
                return _gettext.GNUTranslations(io.BytesIO(data))  # read-only install: in memory
        with open(mo, "rb") as fh:
            return _gettext.GNUTranslations(fh)
    except (OSError, ValueError, UnicodeDecodeError, KeyError, IndexError, SyntaxError):
        return None


def _compile(po: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(po, "rb") as fh:
        catalog = read_po(fh)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


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
