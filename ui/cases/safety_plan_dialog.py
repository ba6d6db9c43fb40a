"""Dialog for a structured safety plan: risk situations, own actions, helpers, contacts, children's plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from pydantic import ValidationError
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.followup_models import SafetyPlanInput
from stodapp.changes import Change
from stodapp.errors import StodError
from stodapp.i18n import _
from ui.cases.error_line import ErrorLine


def _lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


class SafetyPlanDialog(QDialog):
    def __init__(self, submit: Callable[[SafetyPlanInput], Change], person_id: int | None, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self._person_id = person_id
        self.setWindowTitle(_("Säkerhetsplan"))
        self.setAccessibleName(_("Säkerhetsplan"))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(_("En rad per punkt."), self))
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
        lay.addLayout(form)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(_("Spara"))
        save.setAccessibleName(_("Spara säkerhetsplan"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Avbryt"))
        cancel.setAccessibleName(_("Avbryt"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _edit(self, name: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setAccessibleName(name)
        edit.setMaximumHeight(64)
        return edit

    def save(self) -> None:
        self.error.clear_error()
        try:
            data = SafetyPlanInput(person_id=self._person_id, risk_situations=_lines(self.risks),
                                   own_actions=_lines(self.own_actions), helpers=_lines(self.helpers),
                                   contacts=_lines(self.contacts),
                                   children_plan=self.children_plan.toPlainText().strip(),
                                   review_on=self.review.date().toPython())  # type: ignore[arg-type]
            self._submit(data)
        except ValidationError:
            self.error.show_error(_("Beskriv minst en risksituation."))
            return
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.accept()
