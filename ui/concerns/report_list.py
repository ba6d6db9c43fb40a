"""The case's reports of concern with their status (tracking facts only, no names or free text)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QTableWidgetItem, QWidget

from stodapp import municipalities
from stodapp.concerns.tracking import OUTCOME_LABELS, STATUS_LABELS, ConcernListItem
from stodapp.errors import StodError
from stodapp.i18n import _


def _municipality(code: str) -> str:
    if not code:
        return "–"
    try:
        return municipalities.by_code(code).label()
    except StodError:
        return code


class ConcernListWidget(QTableWidget):
    sig_selected = Signal(int)  # report id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setHorizontalHeaderLabels(
            [_("Nr"), _("Datum"), _("Status"), _("Hemkommun"), _("Skickad"), _("Utfall")]
        )
        self.setAccessibleName(_("Orosanmälningar i ärendet"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.itemSelectionChanged.connect(self._selected)
        self.rows: list[ConcernListItem] = []

    def show_items(self, items: list[ConcernListItem], select_id: int | None = None) -> None:
        self.blockSignals(True)
        self.rows = list(items)
        self.setRowCount(len(items))
        for row, it in enumerate(items):
            status = _(STATUS_LABELS[it.status])
            if it.acute:
                status = _("AKUT") + " · " + status
            if it.supersedes_id:
                status += " · " + _("rättar nr {id}").format(id=it.supersedes_id)
            cells = (
                str(it.id),
                it.report_date.isoformat(),
                status,
                _municipality(it.home_municipality_code),
                it.sent_on.isoformat() if it.sent_on else "–",
                _(OUTCOME_LABELS[it.outcome]) if it.outcome else "–",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, it.id)
                self.setItem(row, col, item)
        self.resizeColumnsToContents()
        self.blockSignals(False)
        if select_id is not None:
            self.select_id(select_id)

    def select_id(self, report_id: int) -> None:
        for row, it in enumerate(self.rows):
            if it.id == report_id:
                self.selectRow(row)
                return

    def current_id(self) -> int | None:
        row = self.currentRow()
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def _selected(self) -> None:
        rid = self.current_id()
        if rid is not None:
            self.sig_selected.emit(rid)
