"""MunicipalityBox: an editable combo box of all 290 municipalities as "Namn (kod)", after one first row that stands
for none chosen; typing any part of a name or a code filters the list (case-insensitive)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from stodapp.municipalities import load_municipalities


class MunicipalityBox(QComboBox):
    def __init__(self, first_text: str, first_data: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem(first_text, first_data)
        for m in load_municipalities():
            self.addItem(m.label(), m.code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
