"""A green one-line confirmation in place ("Sparat: …"), announced to screen readers; hidden when empty."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from stodapp.i18n import _


class StatusLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("QLabel { color: #1d5e20; font-weight: bold; }")
        self.setAccessibleName(_("Bekräftelse"))
        self.hide()

    def show_status(self, message: str) -> None:
        self.setText(message)
        self.setToolTip(message)
        self.setAccessibleDescription(message)
        self.setVisible(bool(message))

    def clear_status(self) -> None:
        self.show_status("")
