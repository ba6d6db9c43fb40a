"""One client page in one language: shaped paragraphs, the "not reviewed" notice, visible Swedish fallbacks.

Every text on the page goes through `ClientPage.tr` (the catalog) and `para` (a ShapedParagraph in the page's
direction and script). A text the catalog lacks is printed in Swedish, left-to-right, grey and marked "†",
and the page ends with a note, in the page's language and in Swedish, that those texts exist only in Swedish.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stodapp.client_lang.catalog import ClientCatalog, Localized, load_catalog
from stodapp.client_lang.languages import LANGUAGES, NOT_REVIEWED, ONLY_SWEDISH, ClientLanguage
from stodapp.errors import UserInputError
from stodapp.i18n import _

FALLBACK_MARK = "† "


def _styles(large: bool) -> dict[str, Any]:
    from stodapp.pdf.shaping import TextStyle

    k = 1.4 if large else 1.0
    # Arabic and Ethiopic glyphs are taller than Latin ones: a little more leading than stodapp.pdf.base.
    return {
        "h1": TextStyle(size=16 * k, leading=23 * k, bold=True, space_after=8),
        "h2": TextStyle(size=12.5 * k, leading=18 * k, bold=True, space_before=8, space_after=4),
        "h3": TextStyle(size=10.5 * k, leading=15.5 * k, bold=True, space_before=4, space_after=1),
        "body": TextStyle(size=10 * k, leading=15 * k, space_after=3),
        "small": TextStyle(size=8 * k, leading=12 * k, space_after=3, grey=0.25),
    }


class ClientPage:
    """Builds the flowables of a page meant for the client, all in one language."""

    def __init__(self, lang: str, *, large: bool = False, pack_dir: Path | None = None,
                 catalog: ClientCatalog | None = None) -> None:
        if lang not in LANGUAGES:
            known = ", ".join(LANGUAGES)
            raise UserInputError(_("Okänt språk: {lang} (kända: {known}).").format(lang=lang, known=known))
        self.language: ClientLanguage = LANGUAGES[lang]
        self.catalog = catalog or load_catalog(lang, pack_dir)
        self.styles = _styles(large)
        self.fallbacks = 0

    @property
    def lang(self) -> str:
        return self.language.code

    def tr(self, swedish: str) -> Localized:
        return self.catalog.get(swedish)

    def para(self, text: str | Localized, kind: str = "body") -> Any:
        """A shaped paragraph; a Swedish fallback is marked, grey and left-to-right."""
        from dataclasses import replace

        from stodapp.pdf.shaping import ShapedParagraph

        item = text if isinstance(text, Localized) else Localized(text=text)
        style = self.styles[kind]
        if item.fallback:
            self.fallbacks += 1
            return ShapedParagraph(FALLBACK_MARK + item.text, replace(style, grey=0.35), rtl=False, script=None)
        return ShapedParagraph(item.text, style, rtl=self.language.rtl, script=self.language.script)

    def swedish_para(self, text: str, kind: str = "small") -> Any:
        from stodapp.pdf.shaping import ShapedParagraph

        return ShapedParagraph(text, self.styles[kind], rtl=False, script=None)

    def review_notice(self) -> list[Any]:
        """"Översättningen är inte granskad" in Swedish and in the language, until a reviewed pack replaces ours."""
        p = self.catalog.provenance
        if self.lang == "sv" or p.reviewed:
            return []
        out = [self.swedish_para(NOT_REVIEWED + ".", "small")]
        own = self.tr(NOT_REVIEWED)
        if not own.fallback:
            out.append(self.para(own.text + ("" if own.text.endswith((".", "።", "۔")) else "."), "small"))
        return out

    def closing_notes(self) -> list[Any]:
        """The note about Swedish-only texts (when any were printed)."""
        if not self.fallbacks:
            return []
        out = [self.swedish_para(FALLBACK_MARK + ONLY_SWEDISH + ".", "small")]
        own = self.tr(ONLY_SWEDISH)
        if not own.fallback:
            out.append(self.para(FALLBACK_MARK + own.text, "small"))
        return out


def build_client_pdf(page: ClientPage, story: list[Any], *, title: str) -> bytes:
    """Render a client page: no Swedish secrecy header, language-neutral page numbers ("1/2")."""
    from reportlab.platypus.doctemplate import LayoutError

    from stodapp.pdf.base import build_pdf
    from stodapp.pdf.shaping import TextOverflow

    try:
        return build_pdf(story, title=title, header=None, footer=None, page_label="{n}/{total}")
    except LayoutError as exc:
        raise TextOverflow(_("En text får inte plats på en sida; korta texten eller välj vanlig textstorlek.")) \
            from exc
