"""The concerns area: pick a case, see its reports with status, start "Ny orosanmälan", edit in place."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from stodapp.errors import StodError
from stodapp.i18n import _, ngettext
from ui.concerns.case_source import snapshot_from_case
from ui.concerns.child_dialog import ChildDialog
from ui.concerns.editor import ConcernEditor
from ui.concerns.report_list import ConcernListWidget
from ui.tasks import error_text

if TYPE_CHECKING:
    from stodapp.concerns.service import ConcernService
    from stodapp.concerns.tracking import ConcernListItem
    from ui.concerns.case_source import CaseSource


class ConcernsPanel(QWidget):
    """`service` is a ConcernService; `cases` a CaseSource (cases(), open(id), children(view))."""

    def __init__(self, service: ConcernService, cases: CaseSource, today: Callable[[], date],
                 parent: QWidget | None = None, *, reporter_name: str = "") -> None:
        super().__init__(parent)
        self._svc = service
        self._cases = cases
        self.setAccessibleName(_("Orosanmälningar"))
        self.case_combo = QComboBox()
        self.case_combo.setAccessibleName(_("Ärende"))
        self.case_combo.setMinimumContentsLength(24)
        self.new_button = QPushButton(_("Ny orosanmälan"))
        self.new_button.setAccessibleName(_("Ny orosanmälan med uppgifter från ärendet"))
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status för orosanmälningar"))
        self.list = ConcernListWidget()
        self.editor = ConcernEditor(service, today)
        self.editor.form.reporter_defaults = {"name": reporter_name}

        top = QHBoxLayout()
        case_label = QLabel(_("Ärende"))
        case_label.setBuddy(self.case_combo)
        top.addWidget(case_label)
        top.addWidget(self.case_combo, 1)
        top.addWidget(self.new_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(_("Anmälningar i ärendet")))
        left_layout.addWidget(self.list, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setSizes([300, 1100])
        self.list.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)

        self.case_combo.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_report)
        self.list.sig_selected.connect(lambda rid: self.editor.open_report(rid))
        self.editor.sig_changed.connect(self._changed)
        self.load_cases()

    def load_cases(self) -> None:
        """The user's cases and the chosen case's reports: one screen read, one transaction."""
        try:
            screen = self._svc.list_screen(self._cases.service, self.case_id())
        except StodError as err:
            screen = None
            self.status.setText(error_text(err))
        cases = screen.cases if screen is not None else ()
        self.case_combo.blockSignals(True)  # the chosen case's reports come from the same read
        self.case_combo.clear()
        for case in cases:
            self.case_combo.addItem(f"{case.case_no} – {case.main_person}" if case.main_person else case.case_no,
                                    case.id)
        if screen is not None and screen.case_id is not None:
            self.case_combo.setCurrentIndex(max(self.case_combo.findData(screen.case_id), 0))
        self.case_combo.blockSignals(False)
        self.new_button.setEnabled(bool(cases))
        if screen is None:
            return
        if not cases:
            self.status.setText(_("Du har inga ärenden. En orosanmälan skapas från ett ärende."))
        self._show_items(list(screen.items))

    def case_id(self) -> int | None:
        data = self.case_combo.currentData()
        return int(data) if data is not None else None

    def refresh(self, select_id: int | None = None) -> None:
        case_id = self.case_id()
        if case_id is None:
            self._show_items([])
            return
        try:
            items = self._svc.list(case_id)
        except StodError as err:
            self.status.setText(error_text(err))
            return
        self._show_items(items, select_id)

    def _show_items(self, items: list[ConcernListItem], select_id: int | None = None) -> None:
        case_id = self.case_id()
        self.list.show_items(items)
        if case_id is None:
            self.editor.clear()
            return
        if select_id is not None:
            self.list.select_id(select_id)
        elif self.editor.view is None or self.editor.view.case_id != case_id:
            self.editor.clear()
        if not items:
            self.status.setText(_("Inga orosanmälningar i ärendet ännu."))
        else:
            self.status.setText(
                ngettext("{n} orosanmälan i ärendet.", "{n} orosanmälningar i ärendet.", len(items)).format(
                    n=len(items)
                )
            )

    # ---- Coming back after a lock or a language switch (ids only) ---------------------------------------
    def view_state(self, keep_text: bool = False) -> dict[str, object]:
        view = self.editor.view
        return {"case_id": self.case_id(), "report_id": view.id if view is not None else None}

    def restore_view_state(self, state: dict[str, object]) -> None:
        """The same case chosen and the same report open (unsaved edits are not kept over a lock)."""
        index = self.case_combo.findData(state.get("case_id"))
        if index < 0:
            return
        self.case_combo.setCurrentIndex(index)  # refreshes the list of its reports
        report_id = state.get("report_id")
        if isinstance(report_id, int):
            self.list.blockSignals(True)
            self.list.select_id(report_id)
            self.list.blockSignals(False)
            self.editor.open_report(report_id)

    def _changed(self, report_id: int) -> None:
        self.list.blockSignals(True)
        self.refresh()
        self.list.select_id(report_id)
        self.list.blockSignals(False)

    def new_report(self) -> None:
        """Prefill a draft from the case (a child chosen if there are several) and open it."""
        case_id = self.case_id()
        if case_id is None:
            return
        try:
            case = self._cases.open(case_id)
            children = self._cases.children(case)
            if not children:
                self.status.setText(_("Ärendet har inget barn registrerat: lägg till barnet i ärendet först."))
                return
            child_id = children[0].id
            if len(children) > 1:
                dialog = ChildDialog(children, self)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return
                child_id = dialog.child_id()
            snapshot = snapshot_from_case(case, child_id)
            self.editor.form.reporter_defaults["unit"] = case.unit
            omitted = self._svc.prefill(snapshot).omitted
            new_id = int(self._svc.create_from_case(snapshot).ids[0])
        except StodError as err:
            self.status.setText(error_text(err))
            return
        message = _("Nytt utkast med uppgifter från ärendet. Granska och komplettera alla uppgifter.")
        if omitted:
            message += " " + _("Utelämnat eftersom det innehöll skyddade uppgifter: {fields}.").format(
                fields=", ".join(omitted)
            )
        self.refresh(select_id=None)
        self.list.blockSignals(True)
        self.list.select_id(new_id)
        self.list.blockSignals(False)
        self.editor.open_report(new_id, message)
