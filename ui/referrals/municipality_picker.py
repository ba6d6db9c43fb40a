"""MunicipalityPicker: the local entries' municipality, searchable by any part of its name or its code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from stodapp.i18n import _
from stodapp.municipalities import load_municipalities


class MunicipalityPicker(QComboBox):
    """An empty first row (none chosen), then all municipalities as "Namn (kod)"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", None)
        for m in load_municipalities():
            self.addItem(m.label(), m.code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
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
