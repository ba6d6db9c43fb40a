"""The built-in user guide's pages: one bundled HTML file per area and language under resources/guide/<lang>/."""

from __future__ import annotations

from pathlib import Path

from stodapp.i18n import current_language
from stodapp.paths import resource_dir

#: The page that lists every other page.
INDEX = "index"
#: Signing in, locking, hiding the screen, backups: the page for a window with no area shown.
START = "start"
#: Every page in reading order (the guide's contents list). An area's page has the area's id as its name.
PAGES: tuple[str, ...] = (INDEX, START, "cases", "checklists", "concerns", "referrals", "training", "summary",
                          "admin")
#: The languages the guide is written in; any other UI language reads the Swedish guide.
GUIDE_LANGUAGES: tuple[str, ...] = ("sv", "en")


def guide_root() -> Path:
    return resource_dir() / "guide"


def guide_language(lang: str | None = None) -> str:
    """The guide language for a UI language (the current one by default)."""
    lang = lang or current_language()
    return lang if lang in GUIDE_LANGUAGES else "sv"


def guide_dir(lang: str | None = None) -> Path:
    return guide_root() / guide_language(lang)


def page_for_area(area_id: str) -> str:
    """The page that explains an area; the start page for an area the guide does not know (yet)."""
    return area_id if area_id in PAGES else START


def page_path(page: str, lang: str | None = None) -> Path:
    """The file of `page` in the guide language; the Swedish one when a translation is missing."""
    path = guide_dir(lang) / f"{page}.html"
    return path if path.is_file() else guide_root() / "sv" / f"{page}.html"


def page_of(path: Path) -> str:
    """The page name of a guide file ("cases" for …/sv/cases.html)."""
    return path.stem
