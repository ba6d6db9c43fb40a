"""The cases area: search, a virtualised list of the caseworker's cases, and the open case beside it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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
from stodapp.i18n import N_, _, ngettext
from ui.cases.case_detail import CaseDetail
from ui.cases.case_table_model import CaseTableModel
from ui.cases.error_line import ErrorLine
from ui.cases.new_case_dialog import NewCaseDialog

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService
    from stodapp.changes import Change
    from stodapp.referrals.service import ReferralService
    from ui.change_bus import ChangeBus

MATCHED = {"arendenummer": N_("ärendenummer"), "namn": N_("namn"), "personnummer": N_("personnummer"),
           "anteckning": N_("anteckning")}


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
        self.search.setToolTip(_("Sök på ärendenummer, namn, personnummer eller text i en anteckning"))
        self.search.setAccessibleName(_("Sök ärenden"))
        self.new_case = QPushButton(_("Nytt ärende…"), left)
        self.new_case.setAccessibleName(_("Nytt ärende"))
        top.addWidget(self.search, 1)
        top.addWidget(self.new_case)
        ll.addLayout(top)
        self.hits = QListWidget(left)
        self.hits.setAccessibleName(_("Sökträffar"))
        self.hits.setMaximumHeight(140)
        self.hits.hide()
        ll.addWidget(self.hits)
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
        self.search.textChanged.connect(lambda t: self.hits.setVisible(bool(t.strip()) and self.hits.count() > 0))
        self.hits.itemActivated.connect(self._open_hit)
        self.hits.itemClicked.connect(self._open_hit)
        self.table.activated.connect(lambda idx: self.open_case(self.model.case_id(idx.row())))
        # A click or an arrow key makes a row current and opens it (once: each opening is an audited view).
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.open_case(self.model.case_id(cur.row())) if cur.isValid() else None)
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

    def run_search(self) -> None:
        self.hits.clear()
        try:
            hits = self._service.search(self.search.text())
        except StodError as err:
            self.error.show_error(str(err))
            self.hits.hide()
            return
        self.error.clear_error()
        for h in hits:
            label = f"{h.case_no} – {_(MATCHED[h.matched])}" + (f": {h.person}" if h.person else "")
            item = QListWidgetItem(label, self.hits)
            item.setData(Qt.ItemDataRole.UserRole, h.case_id)
        if not hits:
            self.hits.addItem(_("Inga träffar bland dina ärenden."))
        self.hits.show()
