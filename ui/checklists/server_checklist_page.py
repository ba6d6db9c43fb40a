"""The Checklistor area in server mode: her assigned cases on the unit's server, a shipped checklist, the case's
drafts and signed assessments, and the local runner for the open one.

Every read is a round trip to the server and runs off the GUI thread (`ScreenLoader`): the page (cases,
checklists, the first case's history) in one read, a case's history, an assessment. Starting one is a write on
`run_op`. The runner is the local one (`ui.checklists.runner.ChecklistRunner`), saving and signing on `run_op`
through the server's `RunnerService`, which names the version it read: a stale save is refused as a conflict, her
answers stay on screen, and "Ladda om" reads the assessment as it is saved now. Everything she types is encrypted
on this machine before it is sent (docs/server-mode.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from stodapp.checklists.store_views import AssessmentSummary
from stodapp.errors import Conflict, StodError
from stodapp.i18n import _
from stodapp.server.assessment_models import (
    ServerAssessmentScreen,
    ServerChecklistHistory,
    ServerChecklistPageScreen,
)
from ui.checklists.history_list import AssessmentHistoryList
from ui.checklists.page_text import checklist_tooltip, fill_definitions
from ui.checklists.runner import ChecklistRunner, _ask
from ui.checklists.runner_slot import RunnerSlot
from ui.tasks import ScreenLoader, error_text, run_op

if TYPE_CHECKING:
    from stodapp.server.checklist_screens import ServerChecklistScreens
    from ui.change_bus import ChangeBus


class ServerChecklistPage(QWidget):
    sig_opened = Signal(object)  # AssessmentView
    sig_loaded = Signal()  # the page's screen (or its error) is shown

    def __init__(self, screens: ServerChecklistScreens, parent: QWidget | None = None,
                 confirm: Callable[[QWidget, str], bool] = _ask) -> None:
        super().__init__(parent)
        self._screens = screens
        self.confirm = confirm
        self._page_loader = ScreenLoader(self)
        self._history_loader = ScreenLoader(self)
        self._open_loader = ScreenLoader(self)
        self._writing = False
        self._watched = False
        self._restoring: dict[str, object] | None = None  # a view state waiting for the page's read
        self._want_history: object = None  # the history row to select once the history is read
        self._start_op: tuple[tuple[int, str], str] | None = None  # a start not known to be saved, to retry
        self.setAccessibleName(_("Checklistor"))

        self.subjects = QListWidget()
        self.subjects.setAccessibleName(_("Ärenden"))
        self.checklist = QComboBox()
        self.checklist.setAccessibleName(_("Checklista"))
        self.start_button = QPushButton(_("Starta ny bedömning"))
        self.start_button.setAccessibleName(_("Starta ny bedömning med vald checklista"))
        self.broken = QLabel()
        self.broken.setWordWrap(True)
        self.broken.setAccessibleName(_("Checklistor som inte kunde läsas"))
        self.history = AssessmentHistoryList()
        self.open_button = QPushButton(_("Öppna"))
        self.open_button.setAccessibleName(_("Öppna vald bedömning"))
        self.reload_button = QPushButton(_("Ladda om"))
        self.reload_button.setAccessibleName(_("Ladda om bedömningen"))
        self.reload_button.setToolTip(_("Läs in bedömningen som den är sparad nu. Det du ändrat här utan att det "
                                        "sparades visas då inte längre."))
        self.reload_button.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Meddelande"))

        left = QWidget()
        lay = QVBoxLayout(left)
        lay.addWidget(QLabel(_("Ärende")))
        lay.addWidget(self.subjects, 1)
        lay.addWidget(QLabel(_("Checklista")))
        lay.addWidget(self.checklist)
        lay.addWidget(self.start_button)
        lay.addWidget(self.broken)
        lay.addWidget(QLabel(_("Tidigare bedömningar")))
        lay.addWidget(self.history, 1)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.reload_button)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addWidget(self.message)
        self.right = RunnerSlot()
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.right)
        split.setStretchFactor(1, 3)
        split.setSizes([360, 900])
        outer = QVBoxLayout(self)
        outer.addWidget(split)

        self.subjects.currentItemChanged.connect(lambda *_a: self.load_history())
        self.checklist.currentIndexChanged.connect(lambda _i: checklist_tooltip(self.checklist))
        self.history.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.history.itemActivated.connect(lambda *_a: self.open_selected())
        self.start_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_selected)
        self.reload_button.clicked.connect(self.reload_open)
        self._load_page()

    @property
    def runner(self) -> ChecklistRunner | None:
        return self.right.runner

    @property
    def loading(self) -> bool:
        """True while a read or a start runs (tests wait for it: tests.ui.helpers.settled)."""
        return (self._page_loader.loading or self._history_loader.loading or self._open_loader.loading
                or self._writing or (self.runner is not None and self.runner.writing))

    def watch_changes(self, bus: ChangeBus) -> None:
        """The history lists assessments: it follows this session's assessment writes."""
        self._watched = True
        bus.watch({"assessments"}, lambda _change: self.load_history(), self)

    # ---- messages ------------------------------------------------------------------------------------------
    def _fail(self, err: BaseException) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(error_text(err))

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    # ---- the page and a case's history ---------------------------------------------------------------------
    def _load_page(self, subject: int | None = None) -> None:
        self._history_loader.cancel()
        for w in (self.subjects, self.checklist, self.history):
            w.setEnabled(False)
        self._say(_("Läser in checklistsidan…"))
        self._update_buttons()
        screens = self._screens
        self._page_loader.load(lambda: screens.page(subject), self._page_loaded, self._page_failed)

    def _page_done(self) -> None:
        for w in (self.subjects, self.checklist, self.history):
            w.setEnabled(True)
        if self.message.text() == _("Läser in checklistsidan…"):
            self._say("")

    def _page_failed(self, err: BaseException) -> None:
        self._page_done()
        self._fail(err)
        self._update_buttons()
        self.sig_loaded.emit()

    def _page_loaded(self, page: ServerChecklistPageScreen) -> None:
        self._page_done()
        self.subjects.blockSignals(True)  # the history below comes from the same read
        self.subjects.clear()
        for case in page.subjects:
            label = case.case_no + ("" if case.status == "open" else " " + _("(avslutat)"))
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            self.subjects.addItem(item)
            if case.id == page.subject:
                self.subjects.setCurrentItem(item)
        self.subjects.blockSignals(False)
        fill_definitions(self.checklist, self.broken, page.definitions, "case")
        if not page.subjects:
            self._say(_("Du har inga ärenden på servern att göra en bedömning i."))
        self._show_history(list(page.history))
        self.sig_loaded.emit()
        if self._restoring is not None:
            state, self._restoring = self._restoring, None
            self.restore_view_state(state)

    def subject(self) -> int | None:
        item = self.subjects.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def load_history(self) -> None:
        """Read the chosen case's assessments again, off the GUI thread."""
        case_id = self.subject()
        self.history.clear()
        self._update_buttons()
        if case_id is None or self._page_loader.loading:  # the page's own read brings the history
            return
        self.history.setEnabled(False)
        screens = self._screens
        self._history_loader.load(lambda: screens.history(case_id), self._history_loaded, self._history_failed)

    def _history_loaded(self, found: ServerChecklistHistory) -> None:
        self.history.setEnabled(True)
        if found.case_id == self.subject():
            self._show_history(list(found.rows))

    def _history_failed(self, err: BaseException) -> None:
        self.history.setEnabled(True)
        self._fail(err)

    def _show_history(self, rows: list[AssessmentSummary]) -> None:
        chosen, self._want_history = self._want_history, None
        self.history.show_rows(rows, chosen)
        self._update_buttons()

    def selected(self) -> AssessmentSummary | None:
        return self.history.selected_row()

    def _update_buttons(self) -> None:
        idle = not self._page_loader.loading and not self._writing
        self.start_button.setEnabled(idle and self.checklist.count() > 0 and self.subject() is not None)
        self.open_button.setEnabled(idle and self.selected() is not None and not self._open_loader.loading)

    # ---- an assessment -------------------------------------------------------------------------------------
    def show_assessment(self, screen: ServerAssessmentScreen) -> ChecklistRunner:
        """The local runner for `screen`, saving and signing through the server (version-checked)."""
        runner = self.right.show_runner(self._screens.runner_service(screen), screen.view, self.confirm,
                                        background=True)  # each save is a round trip: off the GUI thread
        runner.sig_failed.connect(self._runner_failed)
        runner.sig_saved.connect(lambda _v: self.reload_button.hide())
        if not self._watched:  # without a change bus the page follows its own runner
            runner.sig_saved.connect(lambda _v: self.load_history())
            runner.sig_signed.connect(lambda _v: self.load_history())
        self.reload_button.hide()
        self.sig_opened.emit(screen.view)
        return runner

    def _runner_failed(self, err: BaseException) -> None:
        """A stale save or signature: nothing was saved, her answers stay; offer to read the saved one."""
        if isinstance(err, Conflict):
            self.reload_button.show()

    def _open(self, form_id: int) -> None:
        screens = self._screens
        self._update_buttons()
        self._open_loader.load(lambda: screens.open(form_id), self._opened, self._open_failed)

    def _opened(self, screen: ServerAssessmentScreen) -> None:
        self.show_assessment(screen)
        self._update_buttons()

    def _open_failed(self, err: BaseException) -> None:
        self._fail(err)
        self._update_buttons()

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self._open(int(row.id))

    def reload_open(self) -> None:
        """"Ladda om": the open assessment as it is saved on the server now."""
        if self.runner is not None:
            self._open(int(self.runner.view.id))

    def start(self) -> None:
        case_id, data = self.subject(), self.checklist.currentData()
        if case_id is None or not data or self._writing:
            self._fail(StodError(_("Välj ärende och checklista först.")))
            return
        definition_id = str(data).rsplit("@", 1)[0]
        key = (case_id, definition_id)
        op_id = self._start_op[1] if self._start_op and self._start_op[0] == key else self._screens.new_op_id()
        self._start_op = (key, op_id)  # kept until it is saved: trying the same start again saves it at most once
        screens = self._screens
        self._writing = True
        self._update_buttons()

        def done(screen: ServerAssessmentScreen) -> None:
            self._writing, self._start_op = False, None
            self._say(_("Ny bedömning startad."))
            self.show_assessment(screen)
            if not self._watched:
                self.load_history()
            self._update_buttons()

        def failed(err: BaseException) -> None:
            self._writing = False  # the op id stays: a refused start left no receipt, an unknown one may have
            self._fail(err)
            self._update_buttons()

        run_op(self, lambda: screens.start(case_id, definition_id, op_id=op_id), done, failed,
               indicator=lambda _on: None)  # the buttons are off meanwhile

    # ---- coming back after a lock or a language switch (ids only) ------------------------------------------
    def view_state(self, keep_text: bool = False) -> dict[str, object]:
        row = self.selected()
        return {"subject": self.subject(), "history": row.id if row is not None else None,
                "open": self.runner.view.id if self.runner is not None else None}

    def restore_view_state(self, state: dict[str, object]) -> None:
        """The same case, the same row in its history, the same assessment open (read again from the server)."""
        if self._page_loader.loading:
            self._restoring = state
            return
        subject = state.get("subject")
        self._want_history = state.get("history") or state.get("open")
        for i in range(self.subjects.count()):
            if self.subjects.item(i).data(Qt.ItemDataRole.UserRole) == subject and i != self.subjects.currentRow():
                self.subjects.setCurrentRow(i)  # reads its history, then selects the row
                break
        else:
            rows = [self.history.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(self.history.count())]
            self._show_history(rows)
        open_id = state.get("open")
        if isinstance(open_id, str) and open_id.isdigit():
            self._open(int(open_id))
