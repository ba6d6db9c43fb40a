"""ReportPreview: a read-only, keyboard-scrollable view of a report document; it is also what gets printed."""

from __future__ import annotations

from PySide6.QtCore import QSizeF, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from stodapp.i18n import _


class ReportPreview(QWidget):
    """Holds one QTextDocument built from published values; `print_to` paginates that same document."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setAccessibleName(accessible_name)
        self.view.setAccessibleDescription(_("Förhandsvisning. Bläddra med piltangenterna eller Page Down."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.clear()

    def clear(self) -> None:
        self._has_content = False
        doc = QTextDocument(self.view)
        doc.setPlainText(_("Ingen förhandsvisning ännu."))
        self.view.setDocument(doc)

    @property
    def has_content(self) -> bool:
        return self._has_content

    def set_content(self, html: str, images: dict[str, bytes]) -> None:
        """Show `html`; `images` maps names used as `img:<name>` in the HTML to PNG/JPEG bytes."""
        doc = QTextDocument(self.view)
        for name, data in images.items():
            image = QImage.fromData(data)
            if not image.isNull():
                doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"img:{name}"), image)
        doc.setHtml(html)
        self.view.setDocument(doc)
        self._has_content = True

    def document(self) -> QTextDocument:
        return self.view.document()

    def text(self) -> str:
        return self.view.document().toPlainText()

    def _paged(self, printer: QPrinter) -> QTextDocument:
        """A copy of the shown document laid out on the printer's printable area (points), so that the page
        count we report is the one printed."""
        doc = self.view.document().clone(self)
        rect = printer.pageLayout().paintRectPoints()
        doc.setPageSize(QSizeF(rect.width(), rect.height()))
        return doc

    def page_count(self, printer: QPrinter) -> int:
        """How many pages the printout will have on `printer`'s paper."""
        doc = self._paged(printer)
        try:
            return int(doc.pageCount())
        finally:
            doc.deleteLater()

    def print_to(self, printer: QPrinter) -> int:
        """Print the shown document on the paper the print dialog chose; returns the number of pages."""
        doc = self._paged(printer)
        try:
            pages = int(doc.pageCount())
            doc.print_(printer)
        finally:
            doc.deleteLater()
        return pages
