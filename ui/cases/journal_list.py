"""The open case's journal notes, one line each: number, time, author, and the text (a correction says which)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QListWidget, QWidget

from stodapp.calendar_se import local_stamp
from stodapp.cases.models import NoteView
from stodapp.i18n import _


class JournalList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Journalanteckningar"))
        self.setWordWrap(True)

    def show_notes(self, notes: Sequence[NoteView]) -> None:
        self.clear()
        for n in notes:
            prefix = _("Rättelse av #{id}: ").format(id=n.corrects_id) if n.corrects_id else ""
            self.addItem(f"#{n.id} {local_stamp(n.created_at)} {n.author}: {prefix}{n.body}")
