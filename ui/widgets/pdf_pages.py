"""Put the pages of a PDF the domain made onto a QPrinter, so paper shows exactly what "Spara som PDF" saves.

Each page is rasterised with PDFium (pypdfium2) at the printer's resolution, capped at PRINT_DPI, and drawn
onto the whole sheet (the PDF carries its own margins). Nothing is written to disk here: the pages go straight to
the printer (or, in tests and for "Skriv ut till fil", to the file the print dialog names).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter

from stodapp.errors import StodError
from stodapp.i18n import _

#: Enough for crisp 9-point text and table rules; a higher printer resolution is not worth the spool size.
PRINT_DPI = 300

_FORMATS = {
    "RGB": QImage.Format.Format_RGB888,
    "RGBA": QImage.Format.Format_RGBA8888,
    "RGBX": QImage.Format.Format_RGBX8888,
    "L": QImage.Format.Format_Grayscale8,
}


def page_count(data: bytes) -> int:
    doc = _open(data)
    try:
        return len(doc)
    finally:
        doc.close()


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise StodError(_("Dokumentet kunde inte läsas för utskrift.")) from None


def _page_image(page: Any, scale: float, gray: bool) -> QImage:
    bitmap = page.render(scale=scale, rev_byteorder=True, grayscale=gray)
    try:
        fmt = _FORMATS.get(str(bitmap.mode))
        if fmt is None:
            raise StodError(_("Dokumentet kunde inte läsas för utskrift."))
        # bytes(): QImage must not point into PDFium's buffer after the bitmap is closed; copy() detaches.
        return QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
    finally:
        bitmap.close()


def _pages_to_print(printer: QPrinter, total: int) -> list[int]:
    """0-based page numbers the print dialog asked for (all, or a 1-based from/to range)."""
    first, last = printer.fromPage(), printer.toPage()
    if first <= 0 and last <= 0:
        return list(range(total))
    first = max(first, 1)
    last = total if last <= 0 else min(last, total)
    return list(range(first - 1, last))


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Draw the PDF's pages on `printer` (its page range and colour mode respected). Returns pages printed."""
    doc = _open(data)
    try:
        pages = _pages_to_print(printer, len(doc))
        if not pages:
            return 0
        printer.setFullPage(True)
        gray = printer.colorMode() == QPrinter.ColorMode.GrayScale
        painter = QPainter()
        if not painter.begin(printer):
            raise StodError(_("Skrivaren kunde inte startas."))
        try:
            dpi = min(printer.resolution(), PRINT_DPI)
            for n, index in enumerate(pages):
                if n:
                    printer.newPage()
                page = doc[index]
                try:
                    width, height = page.get_size()  # points
                    sheet = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
                    image = _page_image(page, dpi / 72.0, gray)
                finally:
                    page.close()
                painter.drawImage(_fit(sheet, width, height), image)
        finally:
            painter.end()
        return len(pages)
    finally:
        doc.close()


def _fit(sheet: QRectF, width: float, height: float) -> QRectF:
    """The largest rectangle of the page's aspect ratio inside the sheet, centred (A4 on A4 fills it)."""
    scale = min(sheet.width() / width, sheet.height() / height)
    w, h = width * scale, height * scale
    return QRectF(sheet.x() + (sheet.width() - w) / 2, sheet.y() + (sheet.height() - h) / 2, w, h)


def a4_portrait(printer: QPrinter) -> None:
    """The documents are A4 portrait; start the dialog there (the user may still change it)."""
    from PySide6.QtGui import QPageSize

    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
