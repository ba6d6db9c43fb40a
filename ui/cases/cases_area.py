"""The cases area: a virtualised list of the caseworker's cases that a search filters in place, and the open case
beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from stodapp.errors import StodError
from stodapp.i18n import _, ngettext
from ui.cases.case_detail import CaseDetail
from ui.cases.case_table_model import CaseTableModel
from ui.cases.error_line import ErrorLine
from ui.cases.new_case_dialog import NewCaseDialog

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService
    from stodapp.changes import Change
    from stodapp.referrals.service import ReferralService
    from ui.change_bus import ChangeBus

#: At most this many cases in a filtered list; the filter line asks for a narrower search beyond it.
FILTER_LIMIT = 200


class CasesArea(QWidget):
    sig_case_opened = Signal(int)

    def __init__(self, service: CaseService, parent: QWidget | None = None, *,
                 referrals: ReferralService | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._watched = False  # True once a change bus drives the refreshes (see watch_changes)
        outer = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(split)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
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
        # Shown while the table holds a search's hits only: "3 träffar för ”öberg”" and the way back to all.
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
        self.model = CaseTableModel(service, self)
        self.table = QTableView(left)
        self.table.setAccessibleName(_("Mina ärenden"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # One line per case: a long name is elided ("…") in the person column and shown whole as a tooltip; the
        # number, status and date columns take what they need and the person column the rest (no side scrolling).
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
        self.detail = CaseDetail(service, split, referrals=referrals)
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
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # the search field and the table
        escape.activated.connect(lambda: self.show_all() if self.filtered else None)
        self.table.activated.connect(lambda idx: self.open_case(self.model.case_id(idx.row())))
        # A click or an arrow key makes a row current and opens it (once: each opening is an audited view).
        self._reselecting = False  # True while a refreshed list selects the case that is already open
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.open_case(self.model.case_id(cur.row()))
            if cur.isValid() and not self._reselecting else None)
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
        n = self.model.total
        self.count.setText(ngettext("{n} ärende", "{n} ärenden", n).format(n=n))
        self.count.setVisible(not self.filtered)

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

    def open_case(self, case_id: int) -> None:
        self.detail.load(case_id)
        self.sig_case_opened.emit(case_id)

    # ---- Coming back after a lock or a language switch (ids only; the search text is never kept)
    def view_state(self, keep_text: bool = False) -> dict[str, object]:
        case = self.detail.case
        return {"case_id": case.id if case is not None else None}

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
    @property
    def filtered(self) -> bool:
        """True while the table shows a search's hits instead of all cases."""
        return self.model.filter is not None

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
        self._update_count()
        if n == 0:
            return
        rows = [self.model.case_id(r) for r in range(n)]
        row = rows.index(keep) if not focus and keep in rows else 0
        if focus:
            self.table.selectRow(row)  # a new current row opens that case (one audited view)
        elif keep in rows:  # a refresh after a write: the open case stays selected, not opened again
            self._reselecting = True
            try:
                self.table.selectRow(row)
            finally:
                self._reselecting = False
        self.table.scrollTo(self.model.index(row, 0))
        if focus:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_all(self) -> None:
        """"Rensa" / Esc: all cases again; the search text goes, the open case stays open."""
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
        self.filter_row.hide()
        self.model.reload()
        self._update_count()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
