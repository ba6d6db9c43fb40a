"""The case list model in server mode: the local `CaseTableModel`, but every page is read off the GUI thread.

Scrolling to the end asks for the next page with `sig_more_wanted` (once per page) instead of reading it on the
GUI thread; the area reads it with its background loader and hands it back with `append_page`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal

from stodapp.cases.models import CasePage
from ui.cases.case_table_model import CasePages, CaseTableModel, Index


class ServerCaseTableModel(CaseTableModel):
    sig_more_wanted = Signal(int)
    """Emitted with the keyset cursor of the next page when the view scrolls to the end of those shown."""

    def __init__(self, service: CasePages, parent: Any = None, page_size: int = 100) -> None:
        super().__init__(service, parent, page_size, load=False)
        self._asked: int | None = None  # the cursor already asked for (one request per page)

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        cursor = self.next_after
        if parent.isValid() or not self.canFetchMore(parent) or cursor is None or self._asked == cursor:
            return
        self._asked = cursor
        self.sig_more_wanted.emit(cursor)

    def show_page(self, page: CasePage) -> None:
        self._asked = None
        super().show_page(page)
