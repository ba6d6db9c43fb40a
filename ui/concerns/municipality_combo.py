"""A searchable picker of all 290 municipalities with their official codes ("Göteborg (1480)")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from stodapp import municipalities
from stodapp.i18n import _
from ui.widgets.municipality_box import MunicipalityBox


class MunicipalityCombo(MunicipalityBox):
    """Type part of a name or a code to filter; `code()` is "" until a listed municipality is chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Välj kommun…"), "", parent)
        self.setAccessibleName(_("Barnets hemkommun"))
        self.setToolTip(_("Skriv namn eller kommunkod, t.ex. Göteborg eller 1480"))
        line = self.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("Skriv namn eller kommunkod"))
            line.setAccessibleName(_("Sök kommun"))
            line.editingFinished.connect(self._match_typed)

    def code(self) -> str:
        """The chosen code; text typed that matches no municipality gives ""."""
        self._match_typed()
        if self.currentText().strip() != self.itemText(self.currentIndex()):
            return ""
        return str(self.currentData() or "")

    def unmatched_text(self) -> str:
        """What the user typed when it names no municipality ("" when a listed one is chosen or none)."""
        text = self.currentText().strip()
        return "" if not text or self.code() or self.currentIndex() == 0 and text == self.itemText(0) else text

    def set_code(self, code: str) -> None:
        index = self.findData(code) if code else 0
        self.setCurrentIndex(max(index, 0))

    def _match_typed(self) -> None:
        text = self.currentText().strip()
        if not text:
            self.setCurrentIndex(0)
            return
        exact = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if exact >= 0:
            self.setCurrentIndex(exact)
            return
        by_code = self.findData(text.zfill(4)) if text.isdigit() else -1
        if by_code >= 0:
            self.setCurrentIndex(by_code)
            return
        hits = municipalities.search(text, limit=2)
        if len(hits) == 1 or (hits and hits[0].name.casefold() == text.casefold()):
            self.setCurrentIndex(self.findData(hits[0].code))
