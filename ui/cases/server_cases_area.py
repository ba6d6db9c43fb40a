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
from PySide6.QtWidgets import QLineEdit, QWidget

from stodapp.cases.models import CaseFilter, CasePage
from stodapp.i18n import _
from ui.cases.case_browser import FILTER_LIMIT, CaseBrowser
from ui.cases.error_line import ErrorLine
from ui.cases.server_case_detail import ServerCaseDetail
from ui.cases.server_case_table_model import ServerCaseTableModel
from ui.tasks import ScreenLoader, error_text

if TYPE_CHECKING:
    from stodapp.server.case_screens import ServerCaseScreens
    from ui.change_bus import ChangeBus

class ServerCasesArea(CaseBrowser):
    sig_list_loaded = Signal()
    """Emitted (GUI thread) when the list or a search's hits are shown, or their error."""

    model: ServerCaseTableModel
    detail: ServerCaseDetail

    def __init__(self, screens: ServerCaseScreens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._screens = screens
        self._loader = ScreenLoader(self)  # the list's first page and the searches: the newest one wins
        self._more = ScreenLoader(self)  # further pages as the list scrolls
        self._query: str | None = None  # the search shown (None: all cases)
        left, ll = self._left, self._column
        self.search = QLineEdit(left)
        self.search.setPlaceholderText(_("Sök ärendenummer, namn eller helt personnummer"))
        self.search.setToolTip(_("Sök på ärendenummer, namn (början av ett ord räcker) eller hela personnumret "
                                 "och tryck Enter. Esc visar alla ärenden igen. Anteckningar går inte att söka "
                                 "i på servern."))
        self.search.setAccessibleName(_("Sök ärenden"))
        ll.addWidget(self.search)
        self.model = ServerCaseTableModel(screens, self)
        self._add_list()
        self.error = ErrorLine(left)
        ll.addWidget(self.error)
        self.detail = ServerCaseDetail(screens, self._split)
        self._place(self.detail)
        self._connect_list()
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
            self._reselect(rows.index(keep))

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
        self.filter_row.show_hits(found)
        self._show_rows(lambda: self.model.show_filter(found), focus=focus)
        self.sig_list_loaded.emit()

    def _show_all_cases(self) -> None:
        self._query = None
        self.reload_list()

    # ---- the open case ------------------------------------------------------------------------------------
    def restore_view_state(self, state: dict[str, object]) -> None:
        """Open the case that was open again (the list selects it when its rows arrive)."""
        case_id = state.get("case_id")
        if isinstance(case_id, int):
            self.open_case(case_id)
