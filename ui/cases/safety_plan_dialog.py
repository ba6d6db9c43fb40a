"""Dialog for a structured safety plan: risk situations, own actions, helpers, contacts, children's plan, and
the prompt list (where to go, who to call, papers, money, children, phone and internet, the way to work or school)
on a second tab. Opened with the latest saved version filled in; saving writes a new version.

The save goes to `submit`: on the local store a function that saves and returns (on the GUI thread, as the local
case view does everything), in server mode a `PlanSaver` that saves off the GUI thread and calls back
(ui.cases.server_plan_saver): meanwhile the buttons are off and the dialog says it is saving; a refusal or a
conflict leaves everything typed in place, and after a conflict "Ladda om" fills in the version saved now (what
she typed is replaced only then, when she asks for it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Protocol, runtime_checkable

from pydantic import ValidationError
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.followup_models import SafetyPlanInput, SafetyPlanView
from stodapp.cases.safety_prompts import PromptList
from stodapp.changes import Change
from stodapp.errors import Conflict, StodError
from stodapp.i18n import _
from ui.cases.error_line import ErrorLine
from ui.cases.safety_prompts_view import SafetyPromptsView
from ui.cases.status_line import StatusLine
from ui.tasks import error_text


@runtime_checkable
class PlanSaver(Protocol):
    """Saves a version somewhere slow (the unit's server): `done()` or `failed(error)` later, on the GUI thread."""

    def start_save(self, data: SafetyPlanInput, done: Callable[[], None],
                   failed: Callable[[BaseException], None]) -> None: ...

    def start_reload(self, done: Callable[[SafetyPlanView | None], None],
                     failed: Callable[[BaseException], None]) -> None:
        """Read the latest version again; the next save is based on it."""


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


class SafetyPlanDialog(QDialog):
    def __init__(self, submit: Callable[[SafetyPlanInput], Change] | PlanSaver, person_id: int | None, today: date,
                 parent: QWidget | None = None, *, prompts: PromptList | None = None,
                 latest: SafetyPlanView | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self._person_id = person_id
        self.setWindowTitle(_("Säkerhetsplan"))
        self.setAccessibleName(_("Säkerhetsplan"))
        lay = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Säkerhetsplanens delar"))
        lay.addWidget(self.tabs)
        plan_page = QWidget(self.tabs)
        plan_lay = QVBoxLayout(plan_page)
        note = QLabel(_("En rad per punkt. Allt på den här fliken kommer med på klientens kopia: skriv inga "
                        "adresser eller annat som visar var personen finns."), plan_page)
        note.setWordWrap(True)
        plan_lay.addWidget(note)
        form = QFormLayout()
        self.risks = self._edit(_("Risksituationer"))
        self.own_actions = self._edit(_("Det här gör personen"))
        self.helpers = self._edit(_("Dessa kan hjälpa"))
        self.contacts = self._edit(_("Viktiga kontakter"))
        self.children_plan = self._edit(_("Plan för barnen"))
        self.review = QDateEdit(self)
        self.review.setAccessibleName(_("Omprövas senast"))
        self.review.setDisplayFormat("yyyy-MM-dd")
        self.review.setCalendarPopup(True)
        later = today + timedelta(days=30)
        self.review.setDate(QDate(later.year, later.month, later.day))
        for label, w in ((_("Risksituationer"), self.risks), (_("Det här gör personen"), self.own_actions),
                         (_("Dessa kan hjälpa"), self.helpers), (_("Viktiga kontakter"), self.contacts),
                         (_("Plan för barnen"), self.children_plan), (_("Omprövas senast"), self.review)):
            form.addRow(label, w)
        plan_lay.addLayout(form)
        plan_lay.addStretch(1)
        self.tabs.addTab(plan_page, _("Planen"))
        self.prompts: SafetyPromptsView | None = None
        if prompts is not None:
            self.prompts = SafetyPromptsView(prompts, self.tabs)
            self.tabs.addTab(self.prompts, _("Frågor att gå igenom"))
        if latest is not None:
            self._load(latest)
        self.status = StatusLine(self)  # "Sparar…" while a PlanSaver is at work
        lay.addWidget(self.status)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        self.buttons = buttons
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(_("Spara"))
        save.setAccessibleName(_("Spara säkerhetsplan"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Avbryt"))
        cancel.setAccessibleName(_("Avbryt"))
        self.reload_button = buttons.addButton(_("Ladda om"), QDialogButtonBox.ButtonRole.ActionRole)
        self.reload_button.setAccessibleName(_("Läs in den senast sparade säkerhetsplanen"))
        self.reload_button.setToolTip(_("Visar den version som är sparad nu; det du har skrivit här ersätts."))
        self.reload_button.hide()  # after a conflict only
        self.reload_button.clicked.connect(self.reload)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _load(self, plan: SafetyPlanView) -> None:
        """Start from the latest saved version (saving writes a new one; the old stays as it was)."""
        for edit, items in ((self.risks, plan.risk_situations), (self.own_actions, plan.own_actions),
                            (self.helpers, plan.helpers), (self.contacts, plan.contacts)):
            edit.setPlainText("\n".join(items))
        self.children_plan.setPlainText(plan.children_plan)
        if self.prompts is not None:
            self.prompts.load(plan.prompts)

    def _edit(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setAccessibleName(name)
        edit.setMaximumHeight(64)
        return edit

    def save(self) -> None:
        self.error.clear_error()
        self.reload_button.hide()
        try:
            data = SafetyPlanInput(person_id=self._person_id, risk_situations=_lines(self.risks),
                                   own_actions=_lines(self.own_actions), helpers=_lines(self.helpers),
                                   contacts=_lines(self.contacts),
                                   children_plan=self.children_plan.toPlainText().strip(),
                                   prompts=self.prompts.values() if self.prompts is not None else (),
                                   review_on=self.review.date().toPython())  # type: ignore[arg-type]
            if isinstance(self._submit, PlanSaver):
                self._saving(True)
                self._submit.start_save(data, self._saved, self._failed)
                return
            self._submit(data)
        except ValidationError:
            self.error.show_error(_("Beskriv minst en risksituation."))
            return
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.accept()

    @property
    def saving(self) -> bool:
        """True while a save is on its way (a `PlanSaver`; tests wait for it)."""
        return not self.buttons.isEnabled()

    def _saving(self, on: bool) -> None:
        self.buttons.setEnabled(not on)
        self.tabs.setEnabled(not on)
        self.status.show_status(_("Sparar…") if on else "")

    def _saved(self) -> None:
        self._saving(False)
        self.accept()

    def _failed(self, err: BaseException) -> None:
        self._saving(False)
        self.error.show_error(error_text(err))
        self.reload_button.setVisible(isinstance(err, Conflict))

    def reload(self) -> None:
        """After a conflict: the version saved now, in place of what she typed."""
        if not isinstance(self._submit, PlanSaver):
            return
        self.error.clear_error()
        self.reload_button.hide()
        self._saving(True)
        self.status.show_status(_("Läser in…"))

        def shown(plan: SafetyPlanView | None) -> None:
            self._saving(False)
            if plan is not None:
                self._load(plan)

        self._submit.start_reload(shown, self._failed)
