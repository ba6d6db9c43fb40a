"""Common PDF frame: fonts, styles, secrecy header, page numbers, FIKTIVT watermark. Output is bytes only.

Nothing is written to disk here: callers hand the bytes to a path the user chose (G1 in security.md).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from stodapp.calendar_se import local_today
from stodapp.paths import resource_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
_registered = {"done": False}


def register_fonts() -> None:
    if _registered["done"]:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    fonts = resource_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(fonts / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(fonts / "DejaVuSans-Bold.ttf")))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT)
    addMapping(FONT, 1, 1, FONT_BOLD)
    _registered["done"] = True


def styles(large: bool = False) -> dict[str, Any]:
    """Paragraph styles: body, small, h1, h2, h3, cell. `large` is the large-type option for handouts."""
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    k = 1.4 if large else 1.0
    body = ParagraphStyle("body", fontName=FONT, fontSize=10 * k, leading=13.5 * k, spaceAfter=4)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8 * k, leading=10.5 * k),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9 * k, leading=11.5 * k, spaceAfter=0),
        "h1": ParagraphStyle("h1", parent=body, fontName=FONT_BOLD, fontSize=16 * k, leading=20 * k, spaceAfter=8),
        "h2": ParagraphStyle(
            "h2", parent=body, fontName=FONT_BOLD, fontSize=12.5 * k, leading=16 * k, spaceBefore=8, spaceAfter=4
        ),
        "h3": ParagraphStyle("h3", parent=body, fontName=FONT_BOLD, fontSize=10.5 * k, leading=14 * k, spaceBefore=4),
    }


def secrecy_header(on: date | None = None) -> str:
    from stodapp.legal import applicable

    return applicable("secrecy_header", on or local_today()).title.sv


def build_pdf(
    story: Sequence[Any],
    *,
    title: str,
    header: str | None = None,
    watermark: str | None = None,
    footer: str | None = None,
    landscape_mode: bool = False,
    page_label: str = "Sida {n} av {total}",
) -> bytes:
    """Render flowables into PDF bytes: header line on every page, "Sida N av M", optional diagonal watermark.

    `header` is usually `secrecy_header()`; pass None for documents without case content (handouts).
    `watermark` is e.g. "FIKTIVT" for training prints. `page_label` ("{n}/{total}" on client pages in another
    language) keeps a Swedish "Sida" off a page that is all in the client's language.
    """
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import SimpleDocTemplate

    register_fonts()
    pagesize = landscape(A4) if landscape_mode else A4

    class _NumberedCanvas(Canvas):  # type: ignore[misc]
        # Two-pass page numbering ("Sida 2 av 5") the reportlab-documented way: defer pages, then stamp.
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab API)
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            width, height = pagesize
            self.saveState()
            if header:
                self.setFont(FONT_BOLD, 8.5)
                self.setFillColorRGB(0.55, 0.05, 0.05)
                self.drawString(18 * mm, height - 11 * mm, header)
            self.setFillColorRGB(0.3, 0.3, 0.3)
            self.setFont(FONT, 8)
            self.drawRightString(width - 18 * mm, 10 * mm, page_label.format(n=self._pageNumber, total=total))
            if footer:
                self.drawString(18 * mm, 10 * mm, footer)
            if watermark:
                self.setFillColorRGB(0.85, 0.2, 0.2, alpha=0.18)
                self.setFont(FONT_BOLD, 72)
                self.translate(width / 2, height / 2)
                self.rotate(40)
                self.drawCentredString(0, 0, watermark)
            self.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=pagesize,
        title=title,
        author="stodapp",
        creator="stodapp",
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    doc.build(list(story), canvasmaker=_NumberedCanvas)
    return buf.getvalue()


def escape(text: str) -> str:
    """Escape user text for reportlab Paragraph mini-markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")
