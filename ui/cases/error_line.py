"""A red one-line error label that screen readers announce; empty and hidden when there is no error."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from stodapp.i18n import _


class ErrorLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { color: #a30000; font-weight: bold; }")
        self.setAccessibleName(_("Felmeddelande"))
        self.hide()

    def show_error(self, message: str) -> None:
        self.setText(message)
        self.setAccessibleDescription(message)
        self.setVisible(bool(message))

    def clear_error(self) -> None:
        self.show_error("")
