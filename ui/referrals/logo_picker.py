"""LogoPicker: the municipality's logo on the client handouts, shown small, with "Välj logotyp…" and "Ta bort"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from stodapp.i18n import _
from stodapp.referrals.local_entries import Logo


class LogoPicker(QWidget):
    """Shows `logo`; the buttons only ask (the tab reads the file and owns the draft)."""

    sig_choose = Signal()
    """"Välj logotyp…" was pressed."""
    sig_remove = Signal()
    """"Ta bort logotyp" was pressed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.view = QLabel(_("Ingen logotyp"), self)
        self.view.setAccessibleName(_("Logotyp"))
        self.view.setMinimumHeight(48)
        row.addWidget(self.view, 1)
        self.choose_button = QPushButton(_("Välj &logotyp…"), self)
        self.choose_button.setAccessibleName(_("Välj logotyp (PNG eller JPEG)"))
        self.choose_button.clicked.connect(self.sig_choose.emit)
        row.addWidget(self.choose_button)
        self.remove_button = QPushButton(_("Ta bort logotyp"), self)
        self.remove_button.setAccessibleName(_("Ta bort logotypen"))
        self.remove_button.clicked.connect(self.sig_remove.emit)
        row.addWidget(self.remove_button)

    def show_logo(self, logo: Logo | None) -> None:
        if logo is None:
            self.view.setPixmap(QPixmap())
            self.view.setText(_("Ingen logotyp"))
            self.remove_button.setEnabled(False)
            return
        pix = QPixmap()
        pix.loadFromData(logo.raw())
        self.view.setPixmap(pix.scaledToHeight(48, Qt.TransformationMode.SmoothTransformation))
        self.remove_button.setEnabled(True)
