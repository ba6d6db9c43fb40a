"""The persons of the open case, one row each: name, role, personnummer, age band and address."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from stodapp.cases.models import ROLES, PersonView
from stodapp.i18n import _


class CasePersonsTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setAccessibleName(_("Personer i ärendet"))
        self.setHorizontalHeaderLabels([_("Namn"), _("Roll"), _("Personnummer"), _("Ålder"), _("Adress")])
        # Name and address share what is left after the short columns and elide (the tooltip says them whole),
        # so the table never scrolls sideways in a narrow case view.
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for col in (0, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setMaximumHeight(150)

    def show_persons(self, persons: Sequence[PersonView]) -> None:
        self.setRowCount(len(persons))
        for r, p in enumerate(persons):
            values = (
                p.name,
                _(ROLES.get(p.role, p.role)),
                p.personnummer or p.reserve_number or "",
                p.age_band,
                p.address,
            )
            for c, v in enumerate(values):
                self.setItem(r, c, _cell(v))

    def show_address(self, row: int, address: str) -> None:
        """A revealed protected address, in this table only until the persons are shown again."""
        self.setItem(row, 4, _cell(address))


def _cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)  # the column may elide it
    return item
