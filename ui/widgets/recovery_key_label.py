"""RecoveryKeyLabel: the recovery key as she must copy it by hand: fixed-width, framed, selectable, never copied
to the clipboard for her (another program could read it there)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QWidget

from stodapp.i18n import _


class RecoveryKeyLabel(QLabel):
    def __init__(self, key: str = "", parent: QWidget | None = None) -> None:
        super().__init__(key, parent)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWordWrap(True)
        self.setAccessibleName(_("Återställningsnyckeln"))
        self.setStyleSheet("QLabel { border: 1px solid palette(mid); padding: 8px; }")
