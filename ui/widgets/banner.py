"""A coloured one-line banner (demo mode, training store) that is also announced to screen readers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class Banner(QLabel):
    def __init__(self, text: str, parent: QWidget | None = None, *, background: str = "#ffd24d") -> None:
        super().__init__(text, parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAccessibleName(text)
        self.setStyleSheet(f"QLabel {{ background: {background}; color: #000; font-weight: bold; "
                           "padding: 4px; }")
