"""One case in server mode: its persons and journal, a new note, closing or reopening it, and its safety plan
(a new version in the local safety-plan dialog, the file copy and the client's copy as PDF).

The case is read off the GUI thread (`ScreenLoader`, one `case.view` audit row per opening) and so is every write
(`run_op`: it is a round trip to the server). A write carries an operation id: pressing "Spara anteckning" again
after a dropped connection, with the same text, retries that very write, so the note is saved at most once.
A stale write (someone else closed the case since it was read) is refused whole; the line says so and
"Ladda om" reads the case again. Typed note text is kept until the note is saved.

"Ny säkerhetsplan…" reads the latest version off the GUI thread, then opens the local `SafetyPlanDialog` with it;
the dialog saves through `ServerPlanSaver` (off the GUI thread, naming the version it showed). The two papers
are built on a worker thread by `PaperActions`; a print asks for the passphrase again after the step-up window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.followup_models import SafetyPlanView
from stodapp.cases.models import CaseJournal, CaseView
from stodapp.cases.safety_prompts import PromptList
from stodapp.errors import Conflict
from stodapp.i18n import _
from ui.cases.case_persons_table import CasePersonsTable
from ui.cases.case_title import CaseTitle
from ui.cases.error_line import ErrorLine
from ui.cases.journal_list import JournalList
from ui.cases.note_edit import NoteEdit
from ui.cases.safety_plan_dialog import SafetyPlanDialog
from ui.cases.server_plan_saver import ServerPlanSaver
from ui.cases.status_line import StatusLine
from ui.tasks import ScreenLoader, error_text, run_op
from ui.widgets.client_language import client_language_combo
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.paper_actions import EXPORT_WARNING, PaperActions, PdfJob

if TYPE_CHECKING:
    from stodapp.changes import Change
    from stodapp.server.case_screens import ServerCaseScreens


class ServerCaseDetail(QWidget):
    sig_changed = Signal(int)  # case id: a write of this view committed
    sig_loaded = Signal(int)  # case id: its journal is shown (or its error)

    def __init__(self, screens: ServerCaseScreens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._screens = screens
        self._plans = screens.safety_plans
        self.case: CaseView | None = None
        self.plan_dialog: SafetyPlanDialog | None = None  # the one open (tests reach it here)
        self._loader = ScreenLoader(self)
        self._writing = False
        self._note_op: tuple[int, str, str] | None = None  # (case id, text, op id) of a note not known saved
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        self.title = CaseTitle(self)
        self.title.setWordWrap(True)
        head.addWidget(self.title, 1)
        self.status_button = QPushButton(_("Avsluta ärendet"), self)
        self.status_button.setAccessibleName(_("Avsluta eller öppna ärendet igen"))
        head.addWidget(self.status_button)
        lay.addLayout(head)
        actions = QWidget(self)
        row = FlowLayout(actions)
        self.new_plan = QPushButton(_("Ny säkerhetsplan…"), actions)
        self.new_plan.setAccessibleName(_("Ny säkerhetsplan"))
        row.addWidget(self.new_plan)
        self.plan_pdf = self._paper(self._plan_job, "sakerhetsplan.pdf", _("säkerhetsplanen"), _("Säkerhetsplan…"),
                                    row)
        self.client_lang = client_language_combo(actions, allow_unset=True,
                                                 unset_text=_("Klientens språk: inte angivet"))
        self.client_lang.setAccessibleName(_("Klientens språk för utskrifter"))
        self.client_lang.setToolTip(_("Språket som klientens kopia av säkerhetsplanen skrivs ut på"))
        row.addWidget(self.client_lang)
        self.client_plan_pdf = self._paper(self._client_plan_job, "min-sakerhetsplan.pdf",
                                           _("klientens kopia av säkerhetsplanen"), _("Klientens kopia…"), row)
        lay.addWidget(actions)
        self.persons = CasePersonsTable(self)
        lay.addWidget(self.persons)
        lay.addWidget(QLabel(_("Journalanteckningar"), self))
        self.notes = JournalList(self)
        lay.addWidget(self.notes, 1)
        self.note_edit = NoteEdit(self)
        lay.addWidget(self.note_edit)
        self.add_note = QPushButton(_("Spara anteckning"), self)
        self.add_note.setAccessibleName(_("Spara anteckning"))
        lay.addWidget(self.add_note)
        self.status = StatusLine(self)
        lay.addWidget(self.status)
        problem = QHBoxLayout()
        self.error = ErrorLine(self)
        problem.addWidget(self.error, 1)
        self.reload_button = QPushButton(_("Ladda om"), self)
        self.reload_button.setAccessibleName(_("Läs in ärendet igen"))
        self.reload_button.hide()
        problem.addWidget(self.reload_button)
        lay.addLayout(problem)
        self.add_note.clicked.connect(self.save_note)
        self.status_button.clicked.connect(self.toggle_status)
        self.reload_button.clicked.connect(self.refresh)
        self.new_plan.clicked.connect(self.open_plan_dialog)
        self._enable(False)

    def _paper(self, job: Callable[[], PdfJob | None], name: str, what: str, text: str,
               row: FlowLayout) -> PaperActions:
        paper = PaperActions(job, lambda: name, what=what, warning=_(EXPORT_WARNING), menu_text=text, parent=self)
        paper.sig_failed.connect(lambda message: self.error.show_error(message))  # self.error is made further down
        paper.sig_saved.connect(lambda _path: self.error.clear_error())
        paper.sig_printed.connect(lambda _pages: self.error.clear_error())
        row.addWidget(paper)
        return paper

    @property
    def loading(self) -> bool:
        """True while the case is being read (tests wait for it with qtbot.waitUntil)."""
        return self._loader.loading

    @property
    def writing(self) -> bool:
        """True while a write is on its way to the server."""
        return self._writing

    def _enable(self, on: bool) -> None:
        on = on and self.case is not None and not self._writing
        for w in (self.add_note, self.note_edit, self.status_button, self.new_plan, self.plan_pdf,
                  self.client_lang, self.client_plan_pdf):
            w.setEnabled(on)

    # ---- reading ------------------------------------------------------------------------------------------
    def load(self, case_id: int) -> None:
        if self.case is None or self.case.id != case_id:
            self._show_loading()
        self._loader.load(lambda: self._screens.open_journal(case_id),
                          lambda journal: self._loaded(case_id, journal),
                          lambda err: self._load_failed(case_id, err))  # fmt: skip

    def refresh(self) -> None:
        if self.case is not None:
            self.load(self.case.id)

    def _show_loading(self) -> None:
        """Another case is coming: nothing of the previous one stays on screen or takes input meanwhile."""
        self.case = None
        self.title.show_loading()
        self.persons.setRowCount(0)
        self.notes.clear()
        self.note_edit.clear()
        self.error.clear_error()
        self.status.clear_status()
        self.reload_button.hide()
        self._enable(False)

    def _loaded(self, case_id: int, journal: CaseJournal) -> None:
        self.error.clear_error()
        self.reload_button.hide()
        case = self.case = journal.case
        self.title.show_case(case)
        self.status_button.setText(_("Avsluta ärendet") if case.status == "open" else _("Öppna ärendet igen"))
        self.persons.show_persons(case.persons)
        self.notes.show_notes(journal.notes)
        self._enable(True)
        self.sig_loaded.emit(case_id)

    def _load_failed(self, case_id: int, err: BaseException) -> None:
        if self.case is None:
            self.title.show_none()
        self.error.show_error(error_text(err))
        self.reload_button.setVisible(self.case is not None)
        self.sig_loaded.emit(case_id)

    # ---- writing ------------------------------------------------------------------------------------------
    def save_note(self) -> None:
        if self.case is None or self._writing:
            return
        case_id, text = self.case.id, self.note_edit.toPlainText()
        if self._note_op is None or self._note_op[:2] != (case_id, text):
            self._note_op = (case_id, text, self._screens.new_op_id())
        op_id = self._note_op[2]
        self._write(lambda: self._screens.add_note(case_id, text, op_id=op_id),
                    lambda _change: self._note_saved(case_id, text))

    def _note_saved(self, case_id: int, text: str) -> None:
        self._note_op = None
        if self.case is not None and self.case.id == case_id and self.note_edit.toPlainText() == text:
            self.note_edit.clear()
        self.status.show_status(_("Anteckningen är sparad."))

    def toggle_status(self) -> None:
        case = self.case
        if case is None or self._writing:
            return
        status = "closed" if case.status == "open" else "open"
        op_id, version = self._screens.new_op_id(), case.version or 0
        self._write(lambda: self._screens.set_status(case.id, status, version=version, op_id=op_id),
                    lambda _change: self.status.show_status(
                        _("Ärendet är avslutat.") if status == "closed" else _("Ärendet är öppet igen.")))

    def _write(self, op: Callable[[], Change], done: Callable[[Change], Any]) -> None:
        assert self.case is not None
        case_id = self.case.id
        self._writing = True
        self._enable(False)
        self.error.clear_error()
        self.status.clear_status()
        self.reload_button.hide()

        def saved(change: Change) -> None:
            self._writing = False
            done(change)
            self.sig_changed.emit(case_id)
            if self.case is not None and self.case.id == case_id:
                self.load(case_id)  # read what is on the server now (the new note, the new version)
            self._enable(True)

        def failed(err: BaseException) -> None:
            self._writing = False
            self.error.show_error(error_text(err))
            self.reload_button.setVisible(isinstance(err, Conflict))
            self._enable(True)

        run_op(self, op, saved, failed, indicator=lambda _on: None)  # the buttons are off meanwhile

    # ---- the safety plan ----------------------------------------------------------------------------------
    def open_plan_dialog(self) -> None:
        """Read the latest version (off the GUI thread), then open the dialog with it filled in."""
        case = self.case
        if case is None or self._writing:
            return
        main = next((p.id for p in case.persons if p.role == "stodsokande"), None)
        plans, today = self._plans, self._screens.today()
        self._writing = True  # one thing at a time: the buttons are off while the plan is read
        self._enable(False)
        self.error.clear_error()

        def read() -> tuple[PromptList, SafetyPlanView | None]:
            return plans.prompt_list(), plans.latest(case.id)

        def shown(result: tuple[PromptList, SafetyPlanView | None]) -> None:
            self._writing = False
            self._enable(True)
            prompts, latest = result
            saver = ServerPlanSaver(self, plans, case.id, latest.id if latest is not None else None,
                                    lambda _change: self._plan_saved(case.id))
            dlg = self.plan_dialog = SafetyPlanDialog(saver, main, today, self, prompts=prompts, latest=latest)
            dlg.finished.connect(lambda _result: setattr(self, "plan_dialog", None))
            dlg.open()

        def failed(err: BaseException) -> None:
            self._writing = False
            self._enable(True)
            self.error.show_error(error_text(err))

        run_op(self, read, shown, failed, indicator=lambda _on: None)

    def _plan_saved(self, case_id: int) -> None:
        self.status.show_status(_("Säkerhetsplanen är sparad som en ny version."))
        self.sig_changed.emit(case_id)

    def _plan_job(self) -> PdfJob | None:
        if self.case is None:
            return None
        plans, case_id = self._plans, self.case.id
        return lambda: plans.file_pdf(case_id)

    def _client_plan_job(self) -> PdfJob | None:
        """Her own copy, in the language chosen beside it: no case number, no names, no address."""
        if self.case is None:
            return None
        plans, case_id, lang = self._plans, self.case.id, self.client_lang.currentData() or "sv"
        return lambda: plans.client_pdf(case_id, lang)
