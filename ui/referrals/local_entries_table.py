"""LocalEntriesTable: the draft's local entries, one row each (contact type, name, phone, opening hours)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from stodapp.i18n import _
from stodapp.referrals.schema import Resource
from ui.referrals.local_entries_words import slot_label
from ui.referrals.local_entry_dialog import hours_to_text


class LocalEntriesTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([_("Kontakttyp"), _("Namn"), _("Telefon"), _("Öppettider")])
        self.setAccessibleName(_("Lokala poster"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setVisible(False)

    def show_entries(self, entries: Sequence[Resource]) -> None:
        self.setRowCount(len(entries))
        for r, res in enumerate(entries):
            phone = next((c for c in res.channels if c.kind == "phone"), None)
            values = [
                slot_label(res.slot or "annan"),
                res.name,
                phone.contact or "" if phone else "",
                hours_to_text(phone.hours) if phone and phone.hours else _("okänt"),
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, res.id)
                self.setItem(r, c, item)

    def selected_row(self) -> int:
        """The chosen row, -1 when none (or past the rows shown)."""
        return self.currentRow() if 0 <= self.currentRow() < self.rowCount() else -1
