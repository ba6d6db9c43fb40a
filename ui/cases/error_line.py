"""A red one-line error label that screen readers announce; empty and hidden when there is no error."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from stodapp.i18n import _
from ui.cases.message_line import MessageLine


class ErrorLine(MessageLine):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("#a30000", _("Felmeddelande"), parent)

    def show_error(self, message: str) -> None:
        self.show_message(message)

    def clear_error(self) -> None:
        self.show_message("")
