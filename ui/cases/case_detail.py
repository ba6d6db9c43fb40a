"""One case: persons, journal notes, asking about violence and the next-steps panel."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.asking_models import AskingHistory
from stodapp.cases.models import CaseScreen, CaseView, PersonView
from stodapp.errors import AccessDenied, StodError
from stodapp.i18n import _, ngettext
from ui.cases.asking_dialog import AskingDialog
from ui.cases.asking_history import AskingHistoryView, answer_text
from ui.cases.case_persons_table import CasePersonsTable
from ui.cases.case_title import CaseTitle
from ui.cases.error_line import ErrorLine
from ui.cases.housing_dialog import HousingDialog
from ui.cases.interpreter_view import InterpreterView
from ui.cases.journal_list import JournalList
from ui.cases.next_steps_panel import NextStepsPanel
from ui.cases.note_edit import NoteEdit
from ui.cases.person_dialog import PersonDialog
from ui.cases.referral_suggestions import ReferralSuggestions
from ui.cases.reveal_dialog import RevealDialog
from ui.cases.safety_plan_dialog import SafetyPlanDialog
from ui.cases.sharing_dialog import SharingDialog
from ui.cases.status_line import StatusLine
from ui.tasks import ScreenLoader, error_text
from ui.widgets.client_language import client_language_combo
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.paper_actions import EXPORT_WARNING, PaperActions, PdfJob

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService
    from stodapp.changes import Change
    from stodapp.referrals.service import ReferralService


class CaseDetail(QWidget):
    """The open case. `load` reads its `CaseScreen` off the GUI thread (`ui.tasks.ScreenLoader`); meanwhile the
    view says it is loading and its actions are off, and a slower read of a case clicked earlier is dropped."""

    sig_changed = Signal(int)  # case id
    sig_loaded = Signal(int)  # case id: its screen is shown (or its refusal or error)

    def __init__(self, service: CaseService, parent: QWidget | None = None,
                 referrals: ReferralService | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._referrals = referrals  # the core's ReferralService (tests may pass their own)
        self.case: CaseView | None = None
        lay = QVBoxLayout(self)
        self.title = CaseTitle(self)
        lay.addWidget(self.title)
        self.policy = QLabel("", self)  # what the unit's question policy says for this case
        self.policy.setAccessibleName(_("Enhetens rutin för frågor om våld"))
        self.policy.setWordWrap(True)
        lay.addWidget(self.policy)
        self.glass = QLabel(_("Öppnat med \"bryt förseglingen\" – åtkomsten loggas och granskas."), self)
        self.glass.setStyleSheet("QLabel { background: #ffd6d6; padding: 3px; }")
        self.glass.hide()
        lay.addWidget(self.glass)
        self.glass_row = QWidget(self)
        gl = QHBoxLayout(self.glass_row)
        gl.setContentsMargins(0, 0, 0, 0)
        self.glass_reason = QLineEdit(self.glass_row)
        self.glass_reason.setAccessibleName(_("Anledning att bryta förseglingen"))
        self.glass_reason.setPlaceholderText(_("Skriv varför du måste öppna ärendet (granskas av arbetsledare)"))
        self.glass_button = QPushButton(_("Bryt förseglingen"), self.glass_row)
        self.glass_button.setAccessibleName(_("Bryt förseglingen"))
        gl.addWidget(self.glass_reason, 1)
        gl.addWidget(self.glass_button)
        self.glass_row.hide()
        lay.addWidget(self.glass_row)
        self._denied_id: int | None = None
        self._loader = ScreenLoader(self)
        self._loading_id: int | None = None
        # The actions wrap onto as many rows as the width needs (longer English labels, larger fonts), so the
        # case view never widens past the screen and the case list keeps room for whole case numbers.
        actions = QWidget(self)
        buttons = FlowLayout(actions)
        self.add_person = self._button(_("Lägg till person…"), buttons)
        self.ask = self._button(_("Fråga om våld…"), buttons)
        self.reveal = self._button(_("Visa skyddad adress…"), buttons)
        self.sharing = self._button(_("Delning med polisen…"), buttons)
        self.housing = self._button(_("Skyddat boende…"), buttons)
        self.new_plan = self._button(_("Ny säkerhetsplan…"), buttons)
        self.plan_pdf = self._paper(self._plan_job, "sakerhetsplan.pdf", _("säkerhetsplanen"),
                                    _("Säkerhetsplan…"), buttons)
        self.client_lang = client_language_combo(self, allow_unset=True,
                                                 unset_text=_("Klientens språk: inte angivet"))
        self.client_lang.setAccessibleName(_("Klientens språk för utskrifter"))
        self.client_lang.setToolTip(_("Språket som stödbladet och klientens kopia av säkerhetsplanen skrivs ut på"))
        buttons.addWidget(self.client_lang)
        self.client_plan_pdf = self._paper(self._client_plan_job, "min-sakerhetsplan.pdf",
                                           _("klientens kopia av säkerhetsplanen"), _("Klientens kopia…"), buttons)
        self.interpreter = self._button(_("Tolkvy…"), buttons)
        lay.addWidget(actions)
        self.persons = CasePersonsTable(self)
        lay.addWidget(self.persons)
        self.asking = AskingHistoryView(self)
        lay.addWidget(self.asking)
        split = QSplitter(self)
        notes_box = QWidget(split)
        nl = QVBoxLayout(notes_box)
        nl.setContentsMargins(0, 0, 0, 0)
        nl.addWidget(QLabel(_("Journalanteckningar"), notes_box))
        self.notes = JournalList(notes_box)
        nl.addWidget(self.notes)
        self.note_edit = NoteEdit(notes_box)
        nl.addWidget(self.note_edit)
        self.add_note = QPushButton(_("Spara anteckning"), notes_box)
        self.add_note.setAccessibleName(_("Spara anteckning"))
        nl.addWidget(self.add_note)
        self.steps = NextStepsPanel(service, split)
        lay.insertWidget(lay.indexOf(self.policy) + 1, self.steps.acute)  # under the case title, above all else
        split.addWidget(notes_box)
        split.addWidget(self.steps)
        lay.addWidget(split, 1)
        self.status = StatusLine(self)  # "Sparat: …" after a save, in place of a message box
        lay.addWidget(self.status)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        self.add_person.clicked.connect(lambda: self.person_dialog().open())
        self.ask.clicked.connect(lambda: self.asking_dialog().open())
        self.add_note.clicked.connect(self.save_note)
        self.client_lang.activated.connect(self._set_client_language)
        self.new_plan.clicked.connect(lambda: self.plan_dialog().open())
        self.reveal.clicked.connect(lambda: self.reveal_dialog().open())
        self.glass_button.clicked.connect(self.break_glass)
        self.interpreter.clicked.connect(lambda: self.interpreter_view().show())
        self.sharing.clicked.connect(lambda: self.sharing_dialog().open())
        self.housing.clicked.connect(lambda: self.housing_dialog().open())
        self.persons.itemSelectionChanged.connect(self._sync_reveal)
        self.steps.sig_changed.connect(lambda: self.sig_changed.emit(self.case.id if self.case else 0))
        self.steps.sig_referrals.connect(lambda step_id, rule_id: self.referral_dialog(step_id, rule_id).open())
        self._enable(False)

    def _button(self, text: str, row: QLayout) -> QPushButton:
        b = QPushButton(text, self)
        b.setAccessibleName(text.rstrip("…"))
        row.addWidget(b)
        return b

    def _paper(self, job: Callable[[], PdfJob | None], name: str, what: str, text: str,
               row: QLayout) -> PaperActions:
        paper = PaperActions(job, lambda: name, what=what, warning=_(EXPORT_WARNING), menu_text=text, parent=self)
        paper.sig_failed.connect(lambda text: self.error.show_error(text))  # self.error is made further down
        paper.sig_saved.connect(lambda _path: self.error.clear_error())
        paper.sig_printed.connect(lambda _pages: self.error.clear_error())
        row.addWidget(paper)
        return paper

    def _enable(self, on: bool) -> None:
        for w in (self.add_person, self.ask, self.plan_pdf, self.client_plan_pdf, self.client_lang,
                  self.new_plan, self.add_note, self.note_edit,
                  self.sharing, self.housing):
            w.setEnabled(on)
        self._sync_reveal()

    def selected_person(self) -> PersonView | None:
        row = self.persons.currentRow()
        if self.case is None or not 0 <= row < len(self.case.persons):
            return None
        return self.case.persons[row]

    def _sync_reveal(self) -> None:
        person = self.selected_person()
        self.reveal.setEnabled(person is not None and person.protected_identity)

    @property
    def loading(self) -> bool:
        """True while a case's screen is being read (tests wait for it with qtbot.waitUntil)."""
        return self._loader.loading

    def load(self, case_id: int) -> None:
        """Open `case_id`: one screen read on the background helper; its result replaces what is shown."""
        self.glass_row.hide()
        if self.case is None or self.case.id != case_id:
            self._show_loading()
        self._loading_id = case_id
        self._loader.load(lambda: self._service.open_screen(case_id),
                          lambda screen: self._loaded(case_id, screen),
                          lambda err: self._load_failed(case_id, err))  # fmt: skip

    def _show_loading(self) -> None:
        """Another case is coming: nothing of the previous one stays on screen or takes input meanwhile."""
        self.case = None
        self._denied_id = None
        self.title.show_loading()
        self.policy.setText("")
        self.glass.hide()
        self.persons.setRowCount(0)
        self.notes.clear()
        self.asking.show_history(AskingHistory())
        self.steps.show_steps(0, [])
        self.error.clear_error()
        self.status.clear_status()
        self._enable(False)

    def _loaded(self, case_id: int, screen: CaseScreen) -> None:
        self.error.clear_error()
        self._show(screen)
        self.sig_loaded.emit(case_id)

    def _load_failed(self, case_id: int, err: BaseException) -> None:
        if isinstance(err, AccessDenied):
            self.case = None
            self._denied_id = case_id
            self.title.show_none()
            self.error.show_error(str(err))
            self.glass_row.show()
            self._enable(False)
        elif isinstance(err, StodError):
            if self.case is None:
                self.title.show_none()
            self.error.show_error(str(err))
        else:
            self.error.show_error(error_text(err))
        self.sig_loaded.emit(case_id)

    def break_glass(self) -> None:
        if self._denied_id is None:
            return
        try:
            self.case = self._service.break_glass(self._denied_id, self.glass_reason.text())
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.glass_reason.clear()
        self.glass_row.hide()
        self.error.clear_error()
        self.refresh()

    def refresh(self) -> None:
        if self.case is not None:
            self.load(self.case.id)

    def _show(self, screen: CaseScreen) -> None:
        """Fill the view from one screen read (one transaction, one case.view row)."""
        case = self.case = screen.case
        self.title.show_case(case)
        self.glass.setVisible(case.via_break_glass)
        self.client_lang.setCurrentIndex(max(self.client_lang.findData(case.preferred_language), 0))
        self.policy.setText(screen.policy_line)
        self.persons.show_persons(case.persons)
        self.notes.show_notes(screen.notes)
        self.asking.show_history(screen.asking)
        self.steps.show_steps(case.id, screen.next_steps)
        self._enable(True)

    def person_dialog(self) -> PersonDialog:
        assert self.case is not None
        case_id = self.case.id
        dlg = PersonDialog(lambda data: self._service.persons.add(case_id, data), self)
        dlg.accepted.connect(self._changed)
        return dlg

    def asking_dialog(self) -> AskingDialog:
        assert self.case is not None
        case_id = self.case.id
        dlg = AskingDialog(lambda data: self._service.asking.record(case_id, data), self.case.persons,
                           self._service.today(), self)
        dlg.sig_recorded.connect(lambda change: self._asking_saved(dlg, change))
        dlg.accepted.connect(self._changed)
        return dlg

    def _asking_saved(self, dlg: AskingDialog, change: Change) -> None:
        """Confirm in place what was saved; the refreshed screen lists it first under "Frågor om våld"."""
        data = dlg.value()
        text = _("Frågetillfället {date} är sparat – svar: {answer}.").format(
            date=data.asked_on.isoformat(), answer=answer_text(data.answer))
        steps = len(change.ids) - 2  # the case, the event, then each next step the answer suggested
        if steps > 0:
            text += " " + ngettext("{n} nytt förslag under Nästa steg.", "{n} nya förslag under Nästa steg.",
                                   steps).format(n=steps)
        self.status.show_status(text)

    def plan_dialog(self) -> SafetyPlanDialog:
        assert self.case is not None
        case_id = self.case.id
        main = next((p.id for p in self.case.persons if p.role == "stodsokande"), None)
        followup = self._service.followup
        dlg = SafetyPlanDialog(lambda data: followup.save_plan(case_id, data), main, self._service.today(), self,
                               prompts=followup.prompt_list(), latest=followup.latest_plan(case_id))
        dlg.accepted.connect(self._changed)
        return dlg

    def reveal_dialog(self) -> RevealDialog:
        person = self.selected_person()
        assert person is not None
        row = self.persons.currentRow()
        dlg = RevealDialog(lambda passphrase, reason: self._service.persons.reveal(person.id, passphrase, reason),
                           self)

        def show_revealed() -> None:  # shown in this table only, until the next refresh
            if dlg.person is not None:
                self.persons.show_address(row, dlg.person.address)

        dlg.accepted.connect(show_revealed)
        return dlg

    def referral_dialog(self, step_id: int | None = None, rule_id: str = "") -> ReferralSuggestions:
        assert self.case is not None
        if self._referrals is None:
            raise RuntimeError("CaseDetail needs the core's ReferralService for referral suggestions")
        role = "utovare" if rule_id == "utovare_stod" else "stodsokande"
        dlg = ReferralSuggestions(self._service, self._referrals, self.case, step_id, role, self)
        dlg.sig_recorded.connect(self._changed)
        return dlg

    def sharing_dialog(self) -> SharingDialog:
        assert self.case is not None
        case_id, followup = self.case.id, self._service.followup
        dlg = SharingDialog(lambda: followup.sharing_log(case_id),
                            lambda data: followup.record_sharing(case_id, data), self._service.today(), self)
        dlg.sig_recorded.connect(lambda _c: self.sig_changed.emit(case_id))
        return dlg

    def housing_dialog(self) -> HousingDialog:
        assert self.case is not None
        dlg = HousingDialog(self._service.housing, self.case, self._service.today(), self)
        dlg.sig_changed.connect(lambda _c: self._changed())
        return dlg

    def interpreter_view(self) -> InterpreterView:
        return InterpreterView(self)

    def save_note(self) -> None:
        if self.case is None:
            return
        try:
            self._service.notes.add(self.case.id, self.note_edit.toPlainText())
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.note_edit.clear()
        self._changed()

    def _changed(self) -> None:
        self.refresh()
        if self.case is not None:
            self.sig_changed.emit(self.case.id)

    def _set_client_language(self) -> None:
        if self.case is None:
            return
        lang = self.client_lang.currentData()
        try:
            self._service.set_preferred_language(self.case.id, lang)
        except StodError as err:
            self.error.show_error(str(err))
            return
        self._changed()

    def _client_plan_job(self) -> PdfJob | None:
        """Her own copy, in her language: no case number, no names, no address (stodapp.client_lang)."""
        if self.case is None:
            return None
        followup, case_id, lang = self._service.followup, self.case.id, self.case.preferred_language or "sv"
        return lambda: followup.client_plan_pdf(case_id, lang)

    def _plan_job(self) -> PdfJob | None:
        if self.case is None:
            return None
        followup, case_id = self._service.followup, self.case.id
        return lambda: followup.plan_pdf(case_id)
