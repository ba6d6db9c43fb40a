"""Where a new journal note for the open case is typed (a few lines high; the journal above takes the rest)."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from stodapp.i18n import _


class NoteEdit(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Ny anteckning"))
        self.setMaximumHeight(80)
