"""What the local and the server cases area share: a column with a search field, the hits line, the case table and
its count, the open case beside it, and how they work together (Enter searches, Esc and "Rensa" show all cases
again, a row made current opens its case once, the open case is what a view state keeps).

An area builds its own widgets into `_column` in its own order (the focus moves in that order), with `_add_list`
for the shared part, then `_place` puts the open case beside the column and `_connect_list` wires them up.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from stodapp.cases.models import CaseView
from stodapp.i18n import ngettext
from ui.cases.case_list_table import CaseListTable
from ui.cases.case_table_model import CaseTableModel
from ui.cases.search_hits_row import SearchHitsRow

#: At most this many cases in a filtered list; the filter line asks for a narrower search beyond it.
FILTER_LIMIT = 200


class OpenCase(Protocol):
    """The open-case view beside the list (local or server)."""

    case: CaseView | None

    def load(self, case_id: int) -> None: ...


class CaseBrowser(QWidget):
    sig_case_opened = Signal(int)
    """Emitted with the case id each time a case is opened."""

    search: QLineEdit
    model: CaseTableModel
    detail: OpenCase

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reselecting = False  # True while a refreshed list selects the case that is already open
        self._outer = QHBoxLayout(self)
        self._split = QSplitter(Qt.Orientation.Horizontal, self)
        self._left = QWidget(self._split)
        self._column = QVBoxLayout(self._left)
        self._column.setContentsMargins(0, 0, 0, 0)

    def _add_list(self) -> None:
        """The hits line (hidden until a search), the table over `self.model` and the count, in the column."""
        left, column = self._left, self._column
        self.filter_row = SearchHitsRow(left)
        self.filter_line, self.clear_search = self.filter_row.line, self.filter_row.clear
        column.addWidget(self.filter_row)
        self.table = CaseListTable(self.model, left)
        column.addWidget(self.table, 1)
        self.count = QLabel(left)
        column.addWidget(self.count)

    def _place(self, detail: QWidget) -> None:
        """The open case (`self.detail`) beside the list column, taking the larger share of the width."""
        split, left = self._split, self._left
        split.addWidget(left)
        split.addWidget(detail)
        split.setStretchFactor(1, 2)
        left.setMinimumWidth(400)
        split.setSizes([470, 730])
        self._outer.addWidget(split)

    def _connect_list(self) -> None:
        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(lambda t: self.show_all() if not t.strip() and self.filtered else None)
        self.clear_search.clicked.connect(self.show_all)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self._left)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # the search field and the table
        escape.activated.connect(lambda: self.show_all() if self.filtered else None)
        self.table.activated.connect(lambda idx: self.open_case(self.model.case_id(idx.row())))
        # A click or an arrow key makes a row current and opens it (once: each opening is an audited view).
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: (
                self.open_case(self.model.case_id(cur.row())) if cur.isValid() and not self._reselecting else None
            )
        )

    # ---- the list ---------------------------------------------------------------------------------------------
    @property
    def filtered(self) -> bool:
        """True while the table shows a search's hits instead of all cases."""
        return self.model.filter is not None

    def _update_count(self) -> None:
        n = self.model.total
        self.count.setText(ngettext("{n} ärende", "{n} ärenden", n).format(n=n))
        self.count.setVisible(not self.filtered)

    def _reselect(self, row: int) -> None:
        """A refreshed list selects the case that is already open, without opening (reading) it again."""
        self._reselecting = True
        try:
            self.table.selectRow(row)
        finally:
            self._reselecting = False

    # ---- search -----------------------------------------------------------------------------------------------
    def run_search(self) -> None:
        """Enter in the search field: the table shows only the hits (each area reads them its own way)."""
        raise NotImplementedError

    def show_all(self) -> None:
        """ "Rensa" / Esc: all cases again; the search text goes, the open case stays open."""
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self.filter_row.hide()
        self._show_all_cases()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_all_cases(self) -> None:
        """Read all cases into the table again (after the search is cleared)."""
        raise NotImplementedError

    # ---- the open case ----------------------------------------------------------------------------------------
    def open_case(self, case_id: int) -> None:
        self.detail.load(case_id)
        self.sig_case_opened.emit(case_id)

    # ---- coming back after a lock or a language switch (ids only; the search text is never kept)
    def view_state(self, keep_text: bool = False) -> dict[str, object]:
        case = self.detail.case
        return {"case_id": case.id if case is not None else None}
