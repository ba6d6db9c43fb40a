"""MunicipalityPicker: the local entries' municipality, searchable by any part of its name or its code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from stodapp.i18n import _
from ui.widgets.municipality_box import MunicipalityBox


class MunicipalityPicker(MunicipalityBox):
    """An empty first row (none chosen), then all municipalities as "Namn (kod)"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", None, parent)
        self.setAccessibleName(_("Kommun (sök på namn eller kod)"))

    def code(self) -> str | None:
        """The chosen municipality's code; None when none is chosen or the text typed names none exactly."""
        code = self.currentData()
        text = self.currentText().strip()
        if code is not None and self.itemText(self.currentIndex()) == text:
            return str(code)
        found = self.findText(text, Qt.MatchFlag.MatchFixedString)
        return str(self.itemData(found)) if found > 0 else None

    def set_code(self, code: str | None) -> None:
        """Choose `code` (None: none) without telling listeners (a document shown, not an edit)."""
        self.blockSignals(True)
        self.setCurrentIndex(max(0, self.findData(code)) if code else 0)
        self.blockSignals(False)
