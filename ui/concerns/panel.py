"""The concerns area: pick a case, see its reports with status, start "Ny orosanmälan", edit in place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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

from stodapp.calendar_se import local_date
from stodapp.errors import StodError
from stodapp.i18n import _, ngettext
from ui.concerns.case_source import CaseSource, snapshot_from_case
from ui.concerns.child_dialog import ChildDialog
from ui.concerns.editor import ConcernEditor
from ui.concerns.report_list import ConcernListWidget
from ui.tasks import ScreenLoader, error_text, run_op

if TYPE_CHECKING:
    from stodapp.cases.models import CaseView
    from stodapp.changes import Change
    from stodapp.concerns.tracking import ConcernListItem, ConcernListScreen
    from stodapp.core import Core
    from ui.change_bus import ChangeBus

#: Case writes that change what the case picker lists (a new or reassigned case, its number or main person).
_CASE_LIST_CHANGES = frozenset({"created", "assigned", "updated", "person_added"})


class ConcernsPanel(QWidget):
    """The page (the user's cases, the chosen case's reports) is one screen read (`ConcernService.page_screen`)
    and a case's reports one read, both off the GUI thread (`ui.tasks.ScreenLoader`): meanwhile the page says it
    is loading and what would act on it is off; a slower read for a case chosen earlier is dropped."""

    sig_loaded = Signal()  # the page's screen or a case's reports (or the error) is shown

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._svc = core.concerns
        self._cases = CaseSource(core)
        self._page_loader = ScreenLoader(self)
        self._reports_loader = ScreenLoader(self)
        self._restoring: dict[str, object] | None = None  # a view state waiting for the page's read
        self._loading_text = ""
        self._editor_busy = False  # the editor is writing: no other case or report is chosen meanwhile
        self._new_busy = False  # a new draft is being prefilled and written
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
        self.editor = ConcernEditor(self._svc, lambda: local_date(core.clock.now()))
        self.editor.form.reporter_defaults = {"name": core.principal.display_name or ""}

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

        self.case_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button.clicked.connect(self.new_report)
        self.list.sig_selected.connect(lambda rid: self.editor.open_report(rid))
        self.editor.sig_changed.connect(lambda rid: self.refresh(select_id=rid))
        self.editor.sig_writing.connect(self._editor_writing)
        self.load_cases()

    @property
    def loading(self) -> bool:
        """True while the page, a case's reports or the open report are being read, or a write runs (tests wait:
        tests.ui.helpers.settled)."""
        return self._page_loader.loading or self._reports_loader.loading or self.editor.loading or self._new_busy

    def watch_changes(self, bus: ChangeBus) -> None:
        """The case picker follows case writes that change what it lists (from the Ärenden area too)."""
        bus.watch({"cases"}, self._case_changed, self)

    def _case_changed(self, change: Change) -> None:
        if change.action in _CASE_LIST_CHANGES:
            self.load_cases()

    def load_cases(self) -> None:
        """The user's cases and the chosen case's reports: one screen read, one transaction, off the GUI thread."""
        service, cases, wanted = self._svc, self._cases.service, self.case_id()
        self._reports_loader.cancel()
        self._page_loader.load(lambda: service.page_screen(cases, wanted), self._page_loaded, self._failed)
        self._show_loading(_("Läser in orosanmälningar…"))

    def _show_loading(self, text: str) -> None:
        self._loading_text = text
        self.status.setText(text)
        for w in (self.case_combo, self.new_button, self.list):
            w.setEnabled(False)

    def _loading_done(self) -> None:
        choosing = not self._editor_busy
        self.case_combo.setEnabled(choosing)
        self.list.setEnabled(choosing)
        self.new_button.setEnabled(choosing and self.case_id() is not None)
        if self.status.text() == self._loading_text:
            self.status.setText("")

    def _editor_writing(self, writing: bool) -> None:
        """While the editor writes, no other case or report is chosen (its result belongs to the one shown)."""
        self._editor_busy = writing
        if writing:
            for w in (self.case_combo, self.new_button, self.list):
                w.setEnabled(False)
        elif not (self._page_loader.loading or self._reports_loader.loading):
            self._loading_done()

    def _failed(self, err: BaseException) -> None:
        self._loading_done()
        self.status.setText(error_text(err))
        self.sig_loaded.emit()

    def _page_loaded(self, screen: ConcernListScreen) -> None:
        self.case_combo.blockSignals(True)  # the chosen case's reports come from the same read
        self.case_combo.clear()
        for case in screen.cases:
            self.case_combo.addItem(f"{case.case_no} – {case.main_person}" if case.main_person else case.case_no,
                                    case.id)
        if screen.case_id is not None:
            self.case_combo.setCurrentIndex(max(self.case_combo.findData(screen.case_id), 0))
        self.case_combo.blockSignals(False)
        self._loading_done()
        if not screen.cases:
            self.editor.clear()
            self.list.show_items([])
            self.status.setText(_("Du har inga ärenden. En orosanmälan skapas från ett ärende."))
        else:
            self._show_items(list(screen.items), None)
        self.sig_loaded.emit()
        if self._restoring is not None:
            state, self._restoring = self._restoring, None
            self.restore_view_state(state)

    def case_id(self) -> int | None:
        data = self.case_combo.currentData()
        return int(data) if data is not None else None

    def refresh(self, select_id: int | None = None) -> None:
        """Read the chosen case's reports again, off the GUI thread; then select `select_id` (the report the
        editor already shows, so selecting it opens nothing)."""
        case_id = self.case_id()
        if self._page_loader.loading:
            return  # the page's own read brings the reports
        if case_id is None:
            self._reports_loader.cancel()
            self._show_items([], None)
            return
        if self.editor.view is not None and self.editor.view.case_id != case_id:
            self.editor.clear()  # nothing of the case chosen before stays open while this one loads
        service = self._svc
        self._reports_loader.load(lambda: service.list(case_id),
                                  lambda items: self._reports_loaded(case_id, items, select_id), self._failed)
        self._show_loading(_("Läser in anmälningarna i ärendet…"))

    def _reports_loaded(self, case_id: int, items: list[ConcernListItem], select_id: int | None) -> None:
        self._loading_done()
        if case_id == self.case_id():
            self._show_items(items, select_id)
        self.sig_loaded.emit()

    def _show_items(self, items: list[ConcernListItem], select_id: int | None) -> None:
        case_id = self.case_id()
        self.list.show_items(items)
        if case_id is None:
            self.editor.clear()
            return
        if select_id is not None:
            self.list.blockSignals(True)
            self.list.select_id(select_id)
            self.list.blockSignals(False)
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
        """The same case chosen and the same report open (unsaved edits are not kept over a lock); given while
        the page is still being read, once it is read."""
        if self._page_loader.loading:
            self._restoring = state
            return
        index = self.case_combo.findData(state.get("case_id"))
        if index < 0:
            return
        report_id = state.get("report_id")
        select = report_id if isinstance(report_id, int) else None
        if select is not None:
            self.editor.open_report(select)
        self.case_combo.blockSignals(True)
        self.case_combo.setCurrentIndex(index)
        self.case_combo.blockSignals(False)
        self.refresh(select_id=select)

    def new_report(self) -> None:
        """Prefill a draft from the case (a child chosen if there are several) and open it: the case is read and
        the draft written on the background helper; meanwhile the page says so and takes no other choice."""
        case_id = self.case_id()
        if case_id is None or self.loading:
            return
        cases = self._cases
        self._creating(True)
        run_op(self, lambda: cases.open(case_id), self._case_read, self._create_failed,
               indicator=lambda on: self.status.setText(_("Läser in ärendet…") if on else ""))  # fmt: skip

    def _creating(self, busy: bool) -> None:
        self._new_busy = busy
        self._editor_writing(busy)

    def _create_failed(self, err: BaseException) -> None:
        self._creating(False)
        self.status.setText(error_text(err))

    def _case_read(self, case: CaseView) -> None:
        children = self._cases.children(case)
        if not children:
            self._creating(False)
            self.status.setText(_("Ärendet har inget barn registrerat: lägg till barnet i ärendet först."))
            return
        child_id = children[0].id
        if len(children) > 1:
            dialog = ChildDialog(children, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self._creating(False)
                return
            child_id = dialog.child_id()
        try:
            snapshot = snapshot_from_case(case, child_id)
        except StodError as err:
            self._create_failed(err)
            return
        self.editor.form.reporter_defaults["unit"] = case.unit
        svc = self._svc

        def create() -> tuple[tuple[str, ...], int]:
            omitted = svc.prefill(snapshot).omitted
            return tuple(omitted), int(svc.create_from_case(snapshot).ids[0])

        run_op(self, create, lambda result: self._created(*result), self._create_failed,
               indicator=lambda on: self.status.setText(_("Skapar utkastet…") if on else ""))  # fmt: skip

    def _created(self, omitted: tuple[str, ...], new_id: int) -> None:
        self._creating(False)
        message = _("Nytt utkast med uppgifter från ärendet. Granska och komplettera alla uppgifter.")
        if omitted:
            message += " " + _("Utelämnat eftersom det innehöll skyddade uppgifter: {fields}.").format(
                fields=", ".join(omitted)
            )
        self.editor.open_report(new_id, message)
        self.refresh(select_id=new_id)  # the list shows the new draft selected once it is read
