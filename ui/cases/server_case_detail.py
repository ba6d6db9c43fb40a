"""One case in server mode: its persons and journal, a new note, and closing or reopening it.

The case is read off the GUI thread (`ScreenLoader`, one `case.view` audit row per opening) and so is every write
(`run_op`: it is a round trip to the server). A write carries an operation id: pressing "Spara anteckning" again
after a dropped connection, with the same text, retries that very write, so the note is saved at most once.
A stale write (someone else closed the case since it was read) is refused whole; the line says so and
"Ladda om" reads the case again. Typed note text is kept until the note is saved.
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

from stodapp.cases.models import CaseJournal, CaseView
from stodapp.errors import Conflict
from stodapp.i18n import _
from ui.cases.case_persons_table import CasePersonsTable
from ui.cases.case_title import CaseTitle
from ui.cases.error_line import ErrorLine
from ui.cases.journal_list import JournalList
from ui.cases.note_edit import NoteEdit
from ui.cases.status_line import StatusLine
from ui.tasks import ScreenLoader, error_text, run_op

if TYPE_CHECKING:
    from stodapp.changes import Change
    from stodapp.server.case_screens import ServerCaseScreens


class ServerCaseDetail(QWidget):
    sig_changed = Signal(int)  # case id: a write of this view committed
    sig_loaded = Signal(int)  # case id: its journal is shown (or its error)

    def __init__(self, screens: ServerCaseScreens, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._screens = screens
        self.case: CaseView | None = None
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
        self._enable(False)

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
        for w in (self.add_note, self.note_edit, self.status_button):
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
