"""A green one-line confirmation in place ("Sparat: …"), announced to screen readers; hidden when empty."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from stodapp.i18n import _
from ui.cases.message_line import MessageLine


class StatusLine(MessageLine):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("#1d5e20", _("Bekräftelse"), parent)

    def show_status(self, message: str) -> None:
        self.setToolTip(message)
        self.show_message(message)

    def clear_status(self) -> None:
        self.show_status("")
