"""The Checklistor area: choose a case (or the organisation), a checklist, start or open an assessment."""

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

from stodapp.checklists.store_views import (
    AssessmentSummary,
    AssessmentView,
    ChecklistPageScreen,
    DefinitionList,
)
from stodapp.errors import StodError
from stodapp.i18n import _, current_language
from stodapp.roles import Role
from ui.checklists.history_list import AssessmentHistoryList
from ui.checklists.page_text import checklist_tooltip, fill_definitions
from ui.checklists.runner import ChecklistRunner, _ask
from ui.checklists.runner_slot import RunnerSlot
from ui.tasks import ScreenLoader, error_text
from ui.widgets.paper_actions import EXPORT_WARNING, PaperActions, PdfJob

if TYPE_CHECKING:
    from stodapp.core import Core
    from ui.change_bus import ChangeBus

ORG = "organisation"


class ChecklistPage(QWidget):
    """Caseworkers see their assigned cases; supervisors see the organisation self-assessment.

    The page (subjects, checklists, the first subject's history) is one screen read (`page_screen`), and a
    subject's history one read, both off the GUI thread (`ui.tasks.ScreenLoader`): meanwhile the page says it is
    loading and what would act on it is off."""

    sig_opened = Signal(object)  # AssessmentView
    sig_loaded = Signal()  # the page's screen (or its error) is shown

    def __init__(self, core: Core, parent: QWidget | None = None,
                 confirm: Callable[[QWidget, str], bool] = _ask) -> None:
        super().__init__(parent)
        self.core = core
        self.service = core.checklists
        self._watched = False  # True once a change bus drives the history (see watch_changes)
        self.confirm = confirm
        self.runner: ChecklistRunner | None = None
        self._page_loader = ScreenLoader(self)
        self._history_loader = ScreenLoader(self)
        self._restoring: dict[str, object] | None = None  # a view state waiting for the page's read
        self._want_history: object = None  # the history row to select once the history is read
        self._loading_text = ""
        self.org_mode = core.principal.role == Role.SUPERVISOR
        self.setAccessibleName(_("Checklistor"))

        self.subjects = QListWidget()
        self.subjects.setAccessibleName(_("Ärenden") if not self.org_mode else _("Organisationen"))
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
        self.supersede_button = QPushButton(_("Ersätt med ny…"))
        self.supersede_button.setAccessibleName(_("Gör en ny bedömning som ersätter den valda"))
        self.pdf_button = PaperActions(self._pdf_job, self._pdf_name, what=_("bedömningen"),
                                       warning=_(EXPORT_WARNING), menu_text=_("Utskrift…"))
        self.pdf_button.sig_failed.connect(lambda text: self._fail(StodError(text)))
        self.pdf_button.sig_saved.connect(lambda path: self._say(_("PDF:en sparades: {path}").format(path=path)))
        self.pdf_button.sig_printed.connect(
            lambda n: self._say(_("Skickad till skrivaren ({n} sidor).").format(n=n)))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Meddelande"))

        left = QWidget()
        lay = QVBoxLayout(left)
        lay.addWidget(QLabel(_("Ärende") if not self.org_mode else _("Självskattning för")))
        lay.addWidget(self.subjects, 1)
        lay.addWidget(QLabel(_("Checklista")))
        lay.addWidget(self.checklist)
        lay.addWidget(self.start_button)
        lay.addWidget(self.broken)
        lay.addWidget(QLabel(_("Tidigare bedömningar")))
        lay.addWidget(self.history, 1)
        row = QHBoxLayout()
        for b in (self.open_button, self.supersede_button, self.pdf_button):
            row.addWidget(b)
        lay.addLayout(row)
        lay.addWidget(self.message)
        self.right = RunnerSlot()
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.right)
        split.setStretchFactor(1, 3)
        split.setSizes([360, 900])  # room for a checklist's whole name in its combo box
        outer = QVBoxLayout(self)
        outer.addWidget(split)

        self.subjects.currentItemChanged.connect(lambda *_a: self.load_history())
        self.checklist.currentIndexChanged.connect(lambda _i: checklist_tooltip(self.checklist))
        self.history.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.history.itemActivated.connect(lambda *_a: self.open_selected())
        self.start_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_selected)
        self.supersede_button.clicked.connect(self.supersede_selected)
        self._load_page()
        self._update_buttons()

    # ---- lists ---------------------------------------------------------------------------------------------
    def _fail(self, err: StodError) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(str(err))

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    @property
    def loading(self) -> bool:
        """True while the page or a history is being read (tests wait for it: tests.ui.helpers.settled)."""
        return self._page_loader.loading or self._history_loader.loading

    def _load_page(self) -> None:
        """The subjects, the definitions and the first subject's history: one screen read, one transaction, off
        the GUI thread."""
        service, cases = self.service, None if self.org_mode else self.core.cases
        self._history_loader.cancel()
        self._page_loader.load(lambda: service.page_screen(cases), self._page_loaded, self._page_failed)
        self._show_loading(_("Läser in checklistsidan…"))

    def _show_loading(self, text: str) -> None:
        self._loading_text = text
        self._say(text)
        for w in (self.subjects, self.checklist, self.start_button, self.history):
            w.setEnabled(False)
        self._update_buttons()

    def _loading_done(self) -> None:
        for w in (self.subjects, self.checklist, self.history):
            w.setEnabled(True)
        if self.message.text() == self._loading_text:
            self._say("")

    def _page_failed(self, err: BaseException) -> None:
        self._loading_done()
        self._fail(StodError(error_text(err)))
        self.sig_loaded.emit()

    def _page_loaded(self, screen: ChecklistPageScreen) -> None:
        self._loading_done()
        self.subjects.blockSignals(True)  # the history below comes from the same read
        self.subjects.clear()
        if self.org_mode:
            item = QListWidgetItem(_("Organisationen (självskattning)"))
            item.setData(Qt.ItemDataRole.UserRole, ORG)
            self.subjects.addItem(item)
        for case in screen.subjects:
            label = f"{case.case_no}" + ("" if case.status == "open" else " " + _("(avslutat)"))
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            self.subjects.addItem(item)
        if self.subjects.count():
            self.subjects.setCurrentRow(0)
        self.subjects.blockSignals(False)
        self._show_definitions(screen.definitions)
        self._show_history(list(screen.history))
        self.sig_loaded.emit()
        if self._restoring is not None:
            state, self._restoring = self._restoring, None
            self.restore_view_state(state)

    def _load_definitions(self) -> None:
        """Read the definitions again (after a training was recorded or a pack imported)."""
        try:
            listing = self.service.list_definitions()
        except StodError as err:
            self._fail(err)
            return
        self._show_definitions(listing)

    def _show_definitions(self, listing: DefinitionList) -> None:
        fill_definitions(self.checklist, self.broken, listing, ORG if self.org_mode else "case")
        self.start_button.setEnabled(self.checklist.count() > 0)

    def subject(self) -> int | str | None:
        item = self.subjects.currentItem()
        if item is None:
            return None
        value: int | str = item.data(Qt.ItemDataRole.UserRole)
        return value

    def watch_changes(self, bus: ChangeBus) -> None:
        """The history lists assessments: it follows assessment writes from any view."""
        self._watched = True
        bus.watch({"assessments"}, lambda _change: self.load_history(), self)

    def load_history(self) -> None:
        """Read the chosen subject's history again, off the GUI thread."""
        subject = self.subject()
        if subject is None or self._page_loader.loading:  # the page's own read brings the history
            self.history.clear()
            self._update_buttons()
            return
        service = self.service
        op = service.org_history if subject == ORG else (lambda: service.history(int(subject)))
        self.history.clear()
        self.history.setEnabled(False)
        self._update_buttons()
        self._history_loader.load(op, self._history_loaded, self._history_failed)

    def _history_loaded(self, rows: list[AssessmentSummary]) -> None:
        self.history.setEnabled(True)
        self._show_history(rows)

    def _history_failed(self, err: BaseException) -> None:
        self.history.setEnabled(True)
        self._fail(StodError(error_text(err)))

    def _show_history(self, rows: list[AssessmentSummary]) -> None:
        chosen, self._want_history = self._want_history, None
        self.history.show_rows(rows, chosen)
        self._update_buttons()

    def selected(self) -> AssessmentSummary | None:
        return self.history.selected_row()

    def _update_buttons(self) -> None:
        row = self.selected()
        self.start_button.setEnabled(not self._page_loader.loading and self.checklist.count() > 0)
        self.open_button.setEnabled(row is not None)
        self.pdf_button.setEnabled(row is not None)
        self.supersede_button.setEnabled(row is not None and row.status == "signed" and not row.superseded_by)

    # ---- actions -------------------------------------------------------------------------------------------
    def show_assessment(self, view: AssessmentView) -> ChecklistRunner:
        self.runner = self.right.show_runner(self.service, view, self.confirm)
        if not self._watched:  # without a change bus the page follows its own runner
            self.runner.sig_saved.connect(lambda _v: self.load_history())
            self.runner.sig_signed.connect(lambda _v: self.load_history())
        self.sig_opened.emit(view)
        return self.runner

    def start(self) -> ChecklistRunner | None:
        subject, data = self.subject(), self.checklist.currentData()
        choice = str(data).rsplit("@", 1) if data else None
        if subject is None or choice is None:
            self._fail(StodError(_("Välj ärende och checklista först.")))
            return None
        try:
            view = self.service.start(choice[0], None if subject == ORG else int(subject), choice[1])
        except StodError as err:
            self._fail(err)
            return None
        self._say(_("Ny bedömning startad."))
        self.load_history()
        return self.show_assessment(view)

    def open_selected(self) -> ChecklistRunner | None:
        row = self.selected()
        if row is None:
            return None
        try:
            view = self.service.get(row.id)
        except StodError as err:
            self._fail(err)
            return None
        return self.show_assessment(view)

    # ---- Coming back after a lock or a language switch (ids only) ---------------------------------------
    def view_state(self, keep_text: bool = False) -> dict[str, object]:
        row = self.selected()
        return {"subject": self.subject(), "history": row.id if row is not None else None,
                "open": self.runner.view.id if self.runner is not None else None}

    def restore_view_state(self, state: dict[str, object]) -> None:
        """The same case (or self-assessment), the same row in its history, the same assessment open (once the
        page's read has come back)."""
        if self._page_loader.loading:
            self._restoring = state
            return
        self._want_history = state.get("history") or state.get("open")  # else the open one is marked
        for row in range(self.subjects.count()):
            if self.subjects.item(row).data(Qt.ItemDataRole.UserRole) == state.get("subject"):
                if row != self.subjects.currentRow():
                    self.subjects.setCurrentRow(row)  # reads its history, then selects the row
                break
        if not self._history_loader.loading:  # the history shown is the subject's already
            rows = [self.history.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(self.history.count())]
            self._show_history(rows)
        open_id = state.get("open")
        if isinstance(open_id, str) and open_id:
            try:
                self.show_assessment(self.service.get(open_id))
            except StodError as err:
                self._fail(err)

    def supersede_selected(self) -> ChecklistRunner | None:
        row = self.selected()
        if row is None:
            return None
        try:
            view = self.service.supersede(row.id)
        except StodError as err:
            self._fail(err)
            return None
        self._say(_("En ny bedömning som ersätter den valda är startad med svaren från den."))
        self.load_history()
        return self.show_assessment(view)

    def _pdf_job(self) -> PdfJob | None:
        row = self.selected()
        if row is None:
            return None
        service, assessment_id, lang = self.service, row.id, current_language()
        return lambda: service.pdf(assessment_id, lang)

    def _pdf_name(self) -> str:
        row = self.selected()
        return f"bedomning-{row.id}.pdf" if row is not None else "bedomning.pdf"
