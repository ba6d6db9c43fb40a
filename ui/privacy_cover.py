"""PrivacyCover: the neutral screen that instantly hides all case content (F12 or the "Dölj" button)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from stodapp.i18n import _


class PrivacyCover(QWidget):
    sig_reveal = Signal()
    """Emitted when the user asks to show the content again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PrivacyCover")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#PrivacyCover { background: #d9dde3; }")
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        hint = QLabel(_("Innehållet är dolt. Tryck F12 för att visa det igen."), self)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: #333;")
        lay.addWidget(hint)
        self.reveal_button = QPushButton(_("Visa innehållet"), self)
        self.reveal_button.setAccessibleName(_("Visa innehållet"))
        self.reveal_button.clicked.connect(self.sig_reveal.emit)
        lay.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignCenter)
        lay.addStretch(2)
