"""A table model over the caseworker's cases that fetches keyset pages as the view scrolls (100k stays fast), or
holds the cases a search found (`show_filter`) until the search is cleared."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from stodapp.calendar_se import local_date
from stodapp.cases.models import CaseFilter, CaseListItem, CasePage
from stodapp.i18n import N_, _


class CasePages(Protocol):
    """What the model reads pages from: the local `CaseService` (or the server's case screens)."""

    def list_cases(self, after: int | None = ..., limit: int = ...) -> CasePage: ...


Index = QModelIndex | QPersistentModelIndex

MATCHED = {"arendenummer": N_("ärendenummer"), "namn": N_("namn"), "personnummer": N_("personnummer"),
           "anteckning": N_("anteckning")}


class CaseTableModel(QAbstractTableModel):
    def __init__(self, service: CasePages, parent: Any = None, page_size: int = 100, *, load: bool = True) -> None:
        super().__init__(parent)
        self._service = service
        self._page_size = page_size
        self._rows: list[CaseListItem] = []
        self._next: int | None = None
        self.total = 0
        self.filter: CaseFilter | None = None  # the search shown instead of all cases, None when showing all
        self._done = not load  # load=False: empty until `show_page` (a caller reading off the GUI thread)
        if load:
            self.reload()

    def reload(self) -> None:
        """All the caseworker's cases again (first page), without any search filter."""
        self.show_page(self._service.list_cases(limit=self._page_size))

    def show_page(self, page: CasePage) -> None:
        """The first page of all the caseworker's cases, read by the caller; the search filter goes."""
        self.beginResetModel()
        self.filter = None
        self._rows = list(page.rows)
        self._next, self.total = page.next_after, page.total
        self._done = page.next_after is None
        self.endResetModel()

    def show_filter(self, found: CaseFilter) -> None:
        """Only the cases a search found (all of them: a filter has no further pages)."""
        self.beginResetModel()
        self.filter = found
        self._rows = list(found.rows)
        self._next, self._done = None, True
        self.endResetModel()

    def headers(self) -> list[str]:
        return [_("Ärendenummer"), _("Status"), _("Öppnat"), _("Stödsökande")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 4

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        return not parent.isValid() and not self._done

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        if parent.isValid() or self._done:
            return
        self.append_page(self._service.list_cases(after=self._next, limit=self._page_size))

    @property
    def next_after(self) -> int | None:
        """The keyset cursor of the next page (None once the last page is in)."""
        return self._next

    @property
    def page_size(self) -> int:
        return self._page_size

    def append_page(self, page: CasePage) -> None:
        """The next page of all cases, after those shown."""
        if self.filter is not None:
            return  # a search replaced the list meanwhile
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._next = page.next_after
        self._done = page.next_after is None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        shown = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole, Qt.ItemDataRole.ToolTipRole)
        if not index.isValid() or role not in shown:
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        # ToolTipRole: the whole text of a cell the view elides (a long name in a narrow person column); in a
        # search, the case number's tooltip also says what matched.
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0 and row.matched:
            what = ", ".join(_(MATCHED[m]) for m in row.matched)
            return _("{no} – träff på {what}").format(no=row.case_no, what=what)
        status = _("Öppet") if row.status == "open" else _("Avslutat")
        return (row.case_no, status, local_date(row.opened_at).isoformat(), row.main_person)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (Qt.ItemDataRole.DisplayRole,
                                                                 Qt.ItemDataRole.ToolTipRole):
            return self.headers()[section]
        return None

    def case_id(self, row: int) -> int:
        return self._rows[row].id
