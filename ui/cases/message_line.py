"""A coloured one-line message label that screen readers announce; hidden when empty (base of the error and
confirmation lines)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget


class MessageLine(QLabel):
    def __init__(self, colour: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}")
        self.setAccessibleName(accessible_name)
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(message)
        self.setAccessibleDescription(message)
        self.setVisible(bool(message))
