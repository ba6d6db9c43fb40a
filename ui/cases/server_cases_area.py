"""The cases area in server mode: the caseworker's cases on the unit's server, a search over them, the open case.

The list and the search are the local area's (the same `CaseListItem` rows, the same filter line), but every read
is a round trip to the server and runs off the GUI thread (`ScreenLoader`; a newer read supersedes an older one).
The search runs on the server's blind indexes: case number, name words (the last one as a prefix) and the whole
personnummer; note text is not searchable on the server (docs/server-mode.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.models import CaseFilter, CasePage
from stodapp.i18n import _, ngettext
from ui.cases.error_line import ErrorLine
from ui.cases.server_case_detail import ServerCaseDetail
from ui.cases.server_case_table_model import ServerCaseTableModel
from ui.tasks import ScreenLoader, error_text

if TYPE_CHECKING:
    from stodapp.server.case_screens import ServerCaseScreens
    from ui.change_bus import ChangeBus

#: At most this many cases in a filtered list; the filter line asks for a narrower search beyond it.
FILTER_LIMIT = 200


class ServerCasesArea(QWidget):
    sig_case_opened = Signal(int)
    sig_list_loaded = Signal()
    """Emitted (GUI thread) when the list or a search's hits are shown, or their error."""

    def __init__(self, screens: ServerCaseScreens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._screens = screens
        self._loader = ScreenLoader(self)  # the list's first page and the searches: the newest one wins
        self._more = ScreenLoader(self)  # further pages as the list scrolls
        self._query: str | None = None  # the search shown (None: all cases)
        self._reselecting = False
        outer = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(left)
        self.search.setPlaceholderText(_("Sök ärendenummer, namn eller helt personnummer"))
        self.search.setToolTip(_("Sök på ärendenummer, namn (början av ett ord räcker) eller hela personnumret "
                                 "och tryck Enter. Esc visar alla ärenden igen. Anteckningar går inte att söka "
                                 "i på servern."))
        self.search.setAccessibleName(_("Sök ärenden"))
        ll.addWidget(self.search)
        self.filter_row = QWidget(left)
        fl = QHBoxLayout(self.filter_row)
        fl.setContentsMargins(0, 0, 0, 0)
        self.filter_line = QLabel(self.filter_row)
        self.filter_line.setAccessibleName(_("Sökresultat"))
        self.filter_line.setWordWrap(True)
        self.filter_line.setStyleSheet("font-weight: bold;")
        self.clear_search = QPushButton(_("Rensa"), self.filter_row)
        self.clear_search.setAccessibleName(_("Rensa sökningen"))
        self.clear_search.setToolTip(_("Visa alla ärenden igen (Esc)"))
        fl.addWidget(self.filter_line, 1)
        fl.addWidget(self.clear_search)
        self.filter_row.hide()
        ll.addWidget(self.filter_row)
        self.model = ServerCaseTableModel(screens, self)
        self.table = QTableView(left)
        self.table.setAccessibleName(_("Mina ärenden"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().hide()
        ll.addWidget(self.table, 1)
        self.count = QLabel(left)
        ll.addWidget(self.count)
        self.error = ErrorLine(left)
        ll.addWidget(self.error)
        self.detail = ServerCaseDetail(screens, split)
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(1, 2)
        left.setMinimumWidth(400)
        split.setSizes([470, 730])
        outer.addWidget(split)
        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(lambda t: self.show_all() if not t.strip() and self.filtered else None)
        self.clear_search.clicked.connect(self.show_all)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), left)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(lambda: self.show_all() if self.filtered else None)
        self.table.activated.connect(lambda idx: self.open_case(self.model.case_id(idx.row())))
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.open_case(self.model.case_id(cur.row()))
            if cur.isValid() and not self._reselecting else None)
        self.model.sig_more_wanted.connect(self._load_more)
        self.reload_list()

    @property
    def filtered(self) -> bool:
        """True while the table shows a search's hits instead of all cases."""
        return self._query is not None

    @property
    def loading(self) -> bool:
        """True while the list, a search or the open case is being read (tests wait on it)."""
        return self._loader.loading or self._more.loading or self.detail.loading

    def watch_changes(self, bus: ChangeBus) -> None:
        """The list follows this session's case writes (a closed case, a new note's last-entry time)."""
        bus.watch({"cases"}, lambda _change: self.reload_list(), self)

    # ---- the list -----------------------------------------------------------------------------------------
    def reload_list(self) -> None:
        """All cases again, or the search shown run again (its hits may have changed)."""
        if self._query is not None:
            self._filter(self._query, focus=False)
            return
        self._more.cancel()
        if self.model.rowCount() == 0:
            self.count.setText(_("Läser in ärenden…"))
        size = self.model.page_size
        self._loader.load(lambda: self._screens.list_cases(limit=size), self._page_loaded, self._list_failed)

    def _page_loaded(self, page: CasePage) -> None:
        self.error.clear_error()
        self.filter_row.hide()
        self._query = None
        self._show_rows(lambda: self.model.show_page(page), focus=False)
        self.sig_list_loaded.emit()

    def _load_more(self, cursor: int) -> None:
        size = self.model.page_size

        def more(page: CasePage) -> None:
            if self.model.filter is None and self.model.next_after == cursor:  # still the list it continues
                self.model.append_page(page)

        self._more.load(lambda: self._screens.list_cases(after=cursor, limit=size), more, self._list_failed)

    def _list_failed(self, err: BaseException) -> None:
        self.error.show_error(error_text(err))
        self._update_count()
        self.sig_list_loaded.emit()

    def _update_count(self) -> None:
        n = self.model.total
        self.count.setText(ngettext("{n} ärende", "{n} ärenden", n).format(n=n))
        self.count.setVisible(not self.filtered)

    def _show_rows(self, fill: Callable[[], None], *, focus: bool) -> None:
        """Replace the rows (`fill()`); the open case stays selected without being opened (read) again."""
        keep = self.detail.case.id if self.detail.case is not None else None
        fill()
        self._update_count()
        rows = [self.model.case_id(r) for r in range(self.model.rowCount())]
        if focus and rows:
            self.table.selectRow(0)  # a new current row opens that case (one audited view)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        elif keep in rows:
            self._reselecting = True
            try:
                self.table.selectRow(rows.index(keep))
            finally:
                self._reselecting = False

    # ---- search -------------------------------------------------------------------------------------------
    def run_search(self) -> None:
        """Enter in the search field: the table shows only the hits; the first is opened and takes the focus."""
        if not self.search.text().strip():
            self.show_all()
            return
        self._filter(self.search.text(), focus=True)

    def _filter(self, text: str, *, focus: bool) -> None:
        self._more.cancel()
        self._loader.load(lambda: self._screens.filter_cases(text, limit=FILTER_LIMIT),
                          lambda found: self._filtered(found, focus), self._list_failed)

    def _filtered(self, found: CaseFilter, focus: bool) -> None:
        self.error.clear_error()
        self._query = found.query
        n = len(found.rows)
        if n == 0:
            line = _("Inga träffar för ”{q}” bland dina ärenden.").format(q=found.query)
        elif found.truncated:
            line = _("Visar de första {n} träffarna för ”{q}” – skriv mer för färre träffar.").format(
                n=n, q=found.query)
        else:
            line = ngettext("{n} träff för ”{q}”", "{n} träffar för ”{q}”", n).format(n=n, q=found.query)
        self.filter_line.setText(line)
        self.filter_line.setToolTip(line)
        self.filter_row.show()
        self._show_rows(lambda: self.model.show_filter(found), focus=focus)
        self.sig_list_loaded.emit()

    def show_all(self) -> None:
        """"Rensa" / Esc: all cases again; the search text goes, the open case stays open."""
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self._query = None
        self.filter_row.hide()
        self.reload_list()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- the open case ------------------------------------------------------------------------------------
    def open_case(self, case_id: int) -> None:
        self.detail.load(case_id)
        self.sig_case_opened.emit(case_id)

    def view_state(self, keep_text: bool = False) -> dict[str, object]:
        case = self.detail.case
        return {"case_id": case.id if case is not None else None}

    def restore_view_state(self, state: dict[str, object]) -> None:
        """Open the case that was open again (the list selects it when its rows arrive)."""
        case_id = state.get("case_id")
        if isinstance(case_id, int):
            self.open_case(case_id)
