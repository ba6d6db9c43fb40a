"""The cases area: a virtualised list of the caseworker's cases that a search filters in place, and the open case
beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QWidget

from stodapp.errors import StodError
from stodapp.i18n import _
from ui.cases.case_browser import FILTER_LIMIT, CaseBrowser
from ui.cases.case_detail import CaseDetail
from ui.cases.case_table_model import CaseTableModel
from ui.cases.error_line import ErrorLine
from ui.cases.new_case_dialog import NewCaseDialog

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService
    from stodapp.changes import Change
    from stodapp.referrals.service import ReferralService
    from ui.change_bus import ChangeBus


class CasesArea(CaseBrowser):
    detail: CaseDetail

    def __init__(self, service: CaseService, parent: QWidget | None = None, *,
                 referrals: ReferralService | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._watched = False  # True once a change bus drives the refreshes (see watch_changes)
        left, ll = self._left, self._column
        top = QHBoxLayout()
        self.search = QLineEdit(left)
        self.search.setPlaceholderText(_("Sök ärende, namn, personnr, anteckning"))
        self.search.setToolTip(_("Sök på ärendenummer, namn, personnummer eller text i en anteckning och tryck "
                                 "Enter: listan visar bara träffarna. Esc visar alla ärenden igen."))
        self.search.setAccessibleName(_("Sök ärenden"))
        self.new_case = QPushButton(_("Nytt ärende…"), left)
        self.new_case.setAccessibleName(_("Nytt ärende"))
        top.addWidget(self.search, 1)
        top.addWidget(self.new_case)
        ll.addLayout(top)
        self.model = CaseTableModel(service, self)
        self._add_list()
        self.overdue_title = QLabel(_("Försenade omprövningar"), left)
        self.overdue_title.setStyleSheet("font-weight: bold; color: #8a4b00;")
        self.overdue = QListWidget(left)
        self.overdue.setAccessibleName(_("Försenade omprövningar"))
        self.overdue.setMaximumHeight(110)
        self.overdue.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.overdue.setTextElideMode(Qt.TextElideMode.ElideRight)
        ll.addWidget(self.overdue_title)
        ll.addWidget(self.overdue)
        self.error = ErrorLine(left)
        ll.addWidget(self.error)
        self.detail = CaseDetail(service, self._split, referrals=referrals)
        self._place(self.detail)
        self._connect_list()
        self.new_case.clicked.connect(self.new_case_dialog)
        self.overdue.itemActivated.connect(self._open_hit)
        self.overdue.itemClicked.connect(self._open_hit)
        self.detail.sig_changed.connect(lambda _id: None if self._watched else self._reload_list())
        self._update_count()

    def load_overdue(self) -> None:
        from stodapp.cases.followup_models import TRIGGERS

        self.overdue.clear()
        for r in self._service.followup.overdue():
            kind = _("Riskbedömning") if r.kind == "riskbedomning" else _("Säkerhetsplan")
            # The date first: it is what the list is about, and a narrow list must never cut it off.
            label = f"{r.due_on.isoformat()} · {r.case_no} – {kind} ({_(TRIGGERS.get(r.trigger, r.trigger))})"
            item = QListWidgetItem(label, self.overdue)
            item.setToolTip(label)
            item.setData(Qt.ItemDataRole.UserRole, r.case_id)
        has = self.overdue.count() > 0
        self.overdue.setVisible(has)
        self.overdue_title.setVisible(has)

    def _update_count(self) -> None:
        self.load_overdue()
        super()._update_count()

    def watch_changes(self, bus: ChangeBus) -> None:
        """The case list follows every case write; the open case follows its assessments and concerns."""
        self._watched = True
        bus.watch({"cases"}, lambda _change: self._reload_list(), self)
        bus.watch({"assessments", "concerns"}, self._case_content_changed, self)

    def _case_content_changed(self, change: Change) -> None:
        case = self.detail.case
        if case is not None and str(case.id) in change.ids:
            self.detail.refresh()

    def _reload_list(self) -> None:
        """After a write: a filtered list runs its search again (the hits may have changed), else all cases."""
        if self.filtered and self.model.filter is not None:
            self._filter(self.model.filter.query, focus=False)
            return
        self.model.reload()
        self._update_count()

    def new_case_dialog(self) -> NewCaseDialog:
        """"Nytt ärende…": ask who the case is about; the case is created (and opened) only on "Skapa ärendet"."""
        dialog = NewCaseDialog(self._service.create_with_person, self)
        dialog.accepted.connect(lambda: self._created(dialog.change) if dialog.change is not None else None)
        dialog.open()
        return dialog

    def create_case(self) -> int | None:
        """A case with no person yet (scripts and tests; the button asks through NewCaseDialog)."""
        try:
            change = self._service.create_case()
        except StodError as err:
            self.error.show_error(str(err))
            return None
        return self._created(change)

    def _created(self, change: Change) -> int:
        case_id = int(change.ids[0])
        if not self._watched:
            self._reload_list()
        self.open_case(case_id)
        return case_id

    # ---- Coming back after a lock or a language switch (ids only; the search text is never kept)
    def restore_view_state(self, state: dict[str, object]) -> None:
        """Open the case that was open again, selected in the list when it is among the rows loaded."""
        case_id = state.get("case_id")
        if not isinstance(case_id, int):
            return
        for row in range(self.model.rowCount()):
            if self.model.case_id(row) == case_id:
                self.table.selectRow(row)  # the current-row change opens it (one audited view)
                self.table.scrollTo(self.model.index(row, 0))
                break
        if self.detail.case is None or self.detail.case.id != case_id:
            self.open_case(case_id)

    def _open_hit(self, item: QListWidgetItem) -> None:
        case_id = item.data(Qt.ItemDataRole.UserRole)
        if case_id is not None:
            self.open_case(int(case_id))

    # ---- search: the table itself shows only the hits ----------------------------------------------------
    def run_search(self) -> None:
        """Enter in the search field: filter the table to the cases that match; the first hit is selected (and
        so opened) and takes the focus. The case list reads on the GUI thread, and so does its search."""
        self._filter(self.search.text(), focus=True)

    def _filter(self, text: str, *, focus: bool) -> None:
        keep = self.detail.case.id if self.detail.case is not None else None
        try:
            found = self._service.filter_cases(text, limit=FILTER_LIMIT)
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.error.clear_error()
        self.model.show_filter(found)
        n = len(found.rows)
        self.filter_row.show_hits(found)
        self._update_count()
        if n == 0:
            return
        rows = [self.model.case_id(r) for r in range(n)]
        row = rows.index(keep) if not focus and keep in rows else 0
        if focus:
            self.table.selectRow(row)  # a new current row opens that case (one audited view)
        elif keep in rows:  # a refresh after a write: the open case stays selected, not opened again
            self._reselect(row)
        self.table.scrollTo(self.model.index(row, 0))
        if focus:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_all_cases(self) -> None:
        self.model.reload()
        self._update_count()
