"""ServerPlaceholder: what an area not yet offered in server mode shows instead of failing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from stodapp.i18n import _


def placeholder_text() -> str:
    return _("Finns inte i serverläge ännu")


class ServerPlaceholder(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ServerPlaceholder")
        lay = QVBoxLayout(self)
        self.label = QLabel(placeholder_text(), self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setAccessibleName(placeholder_text())
        lay.addWidget(self.label)
