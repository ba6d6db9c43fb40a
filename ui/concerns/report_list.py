"""The case's reports of concern with their status (tracking facts only, no names or free text)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

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
        self._heads = [_("Nr"), _("Datum"), _("Status"), _("Hemkommun"), _("Skickad"), _("Utfall")]
        self.setHorizontalHeaderLabels(self._heads)
        self.setAccessibleName(_("Orosanmälningar i ärendet"))
        for col in range(self.columnCount()):  # an elided header says itself whole as a tooltip
            head = self.horizontalHeaderItem(col)
            if head is not None:
                head.setToolTip(head.text())
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        # A narrow list beside the form: number, date, status and home municipality are columns (status and
        # municipality elided), sent and outcome live in each row's tooltip with the rest; no side scrolling.
        self.setWordWrap(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalHeader().setStretchLastSection(False)
        self.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)  # "Hemkom…", not "emkommu"
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
            tip = "\n".join(f"{head}: {t}" for head, t in zip(self._heads, cells, strict=True))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, it.id)
                item.setToolTip(tip)
                self.setItem(row, col, item)
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for col in (2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        for col in (4, 5):
            self.setColumnHidden(col, True)
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
