"""ReportPreview: a read-only, keyboard-scrollable view of a report document (printing goes through its PDF)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from stodapp.i18n import _


class ReportPreview(QWidget):
    """Holds one QTextDocument built from published values."""

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
