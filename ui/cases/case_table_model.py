"""A table model over the caseworker's cases that fetches keyset pages as the view scrolls (100k stays fast), or
holds the cases a search found (`show_filter`) until the search is cleared."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from stodapp.calendar_se import local_date
from stodapp.cases.models import CaseFilter, CaseListItem
from stodapp.i18n import N_, _

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService

Index = QModelIndex | QPersistentModelIndex

MATCHED = {"arendenummer": N_("ärendenummer"), "namn": N_("namn"), "personnummer": N_("personnummer"),
           "anteckning": N_("anteckning")}


class CaseTableModel(QAbstractTableModel):
    def __init__(self, service: CaseService, parent: Any = None, page_size: int = 100) -> None:
        super().__init__(parent)
        self._service = service
        self._page_size = page_size
        self._rows: list[CaseListItem] = []
        self._next: int | None = None
        self._done = False
        self.total = 0
        self.filter: CaseFilter | None = None  # the search shown instead of all cases, None when showing all
        self.reload()

    def reload(self) -> None:
        """All the caseworker's cases again (first page), without any search filter."""
        self.beginResetModel()
        self.filter = None
        page = self._service.list_cases(limit=self._page_size)
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
        page = self._service.list_cases(after=self._next, limit=self._page_size)
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
