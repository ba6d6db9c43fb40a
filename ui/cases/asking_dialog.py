"""Dialog to record asking about violence: channel, trigger, answer; a safety check for phone, video and text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.asking_models import ANSWERS, CHANNELS, REMOTE, SCREENING_ID, TRIGGERS, AskingInput
from stodapp.cases.models import PersonView
from stodapp.changes import Change
from stodapp.errors import StodError
from stodapp.i18n import _
from ui.cases.error_line import ErrorLine


class AskingDialog(QDialog):
    sig_recorded = Signal(object)  # the Change

    def __init__(self, submit: Callable[[AskingInput], Change], persons: tuple[PersonView, ...],
                 today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(_("Fråga om våld"))
        self.setAccessibleName(_("Fråga om våld"))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.person = QComboBox(self)
        self.person.setAccessibleName(_("Person"))
        for p in persons:
            if p.role in ("stodsokande", "utovare", "ovrig"):
                self.person.addItem(p.name, p.id)
        self.person.addItem(_("(ingen vald)"), None)
        self.subject = self._combo({"utsatt": _("Utsatt för våld"), "utovande": _("Utövar våld")}, _("Fråga om"))
        self.asked_on = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.asked_on.setAccessibleName(_("Datum"))
        self.asked_on.setDisplayFormat("yyyy-MM-dd")
        self.asked_on.setCalendarPopup(True)
        self.asked_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.channel = self._combo({k: _(v) for k, v in CHANNELS.items()}, _("Kanal"))
        self.trigger = self._combo({k: _(v) for k, v in TRIGGERS.items()}, _("Anledning"))
        self.indication = QLineEdit(self)
        self.indication.setAccessibleName(_("Indikation"))
        for label, w in ((_("Person"), self.person), (_("Fråga om"), self.subject), (_("Datum"), self.asked_on),
                         (_("Kanal"), self.channel), (_("Anledning"), self.trigger),
                         (_("Indikation"), self.indication)):
            form.addRow(label, w)
        lay.addLayout(form)

        self.safety_box = QGroupBox(_("Säkerhetskoll på distans"), self)
        sl = QVBoxLayout(self.safety_box)
        sl.addWidget(QLabel(_("Kan personen prata fritt och ostört just nu? Fråga med ja/nej-frågor."),
                            self.safety_box))
        self.safe_yes = QRadioButton(_("Ja, kan prata fritt"), self.safety_box)
        self.safe_yes.setAccessibleName(_("Kan prata fritt"))
        self.safe_no = QRadioButton(_("Nej – ställ inte frågan nu, boka en säker kontakt"), self.safety_box)
        self.safe_no.setAccessibleName(_("Kan inte prata fritt"))
        self._safety = QButtonGroup(self)
        self._safety.addButton(self.safe_yes)
        self._safety.addButton(self.safe_no)
        sl.addWidget(self.safe_yes)
        sl.addWidget(self.safe_no)
        lay.addWidget(self.safety_box)

        aform = QFormLayout()
        self.answer = self._combo({k: _(v) for k, v in ANSWERS.items()}, _("Svar"))
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(_("Anledning till att frågan avböjdes eller inte ställdes"))
        self.action = QPlainTextEdit(self)
        self.action.setAccessibleName(_("Åtgärd"))
        self.action.setMaximumHeight(70)
        self.support = QCheckBox(_("Information om stöd har lämnats"), self)
        self.support.setAccessibleName(_("Information om stöd har lämnats"))
        aform.addRow(_("Svar"), self.answer)
        aform.addRow(_("Varför avböjt / ej frågat"), self.reason)
        aform.addRow(_("Åtgärd"), self.action)
        aform.addRow(self.support)
        lay.addLayout(aform)
        hint = QLabel(_("Ge information om stöd oavsett om personen berättar något."), self)
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("Spara"))
        self.save_button.setAccessibleName(_("Spara frågetillfället"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Avbryt"))
        cancel.setAccessibleName(_("Avbryt"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.channel.currentIndexChanged.connect(self._sync)
        self.trigger.currentIndexChanged.connect(self._sync)
        self.answer.currentIndexChanged.connect(self._sync)
        self._sync()

    def _combo(self, items: dict[str, str], name: str) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(name)
        for key, label in items.items():
            box.addItem(label, key)
        return box

    def set_choice(self, combo: QComboBox, key: str) -> None:
        combo.setCurrentIndex(combo.findData(key))

    def _sync(self) -> None:
        remote = self.channel.currentData() in REMOTE
        self.safety_box.setVisible(remote)
        self.indication.setEnabled(self.trigger.currentData() == "indikation")
        self_told = self.trigger.currentData() == "eget_initiativ"  # no question asked; it is a disclosure
        if self_told:
            self.set_choice(self.answer, "ja")
        self.answer.setEnabled(not self_told)
        self.reason.setEnabled(self.answer.currentData() in ("avbojt", "ej_fragat"))

    def value(self) -> AskingInput:
        remote = self.channel.currentData() in REMOTE
        check = ""
        if remote:
            check = "kan_tala" if self.safe_yes.isChecked() else "kan_inte_tala" if self.safe_no.isChecked() else ""
        return AskingInput(
            person_id=self.person.currentData(), subject=self.subject.currentData(),
            asked_on=self.asked_on.date().toPython(),  # type: ignore[arg-type]
            channel=self.channel.currentData(), trigger=self.trigger.currentData(),
            checklist_id="" if self.trigger.currentData() == "eget_initiativ" else SCREENING_ID,
            indication=self.indication.text() if self.indication.isEnabled() else "",
            answer=self.answer.currentData(), reason=self.reason.text() if self.reason.isEnabled() else "",
            action=self.action.toPlainText(), safety_check=check,  # type: ignore[arg-type]
            support_info_given=self.support.isChecked())

    def save(self) -> None:
        self.error.clear_error()
        try:
            change = self._submit(self.value())
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.sig_recorded.emit(change)
        self.accept()
