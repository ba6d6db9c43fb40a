"""One prompt of the safety-plan prompt list: tick it when it was gone through, write what was agreed, choose
whether it goes on the client's copy (off by default when the answer can tell where she is)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QWidget

from stodapp.cases.followup_models import PlanPrompt, PromptAnswer
from stodapp.cases.safety_prompts import Prompt
from stodapp.i18n import _


class SafetyPromptRow(QWidget):
    def __init__(self, prompt: Prompt, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = prompt
        ask = prompt.ask.current()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 6)
        self.taken = QCheckBox(self)
        self.taken.setAccessibleName(_("Togs upp: {ask}").format(ask=ask))
        self.taken.setToolTip(_("Bocka i när frågan har gåtts igenom."))
        label = QLabel(ask, self)
        label.setWordWrap(True)
        label.setBuddy(self.taken)
        self.answer = QLineEdit(self)
        self.answer.setMaxLength(1000)
        self.answer.setPlaceholderText(_("Det ni kom fram till (kan lämnas tomt)"))
        self.answer.setAccessibleName(_("Svar: {ask}").format(ask=ask))
        copy_text = _("Med på klientens kopia")
        if prompt.locating:
            copy_text = _("Med på klientens kopia (kan visa var personen finns: bara om personen vill)")
        self.on_copy = QCheckBox(copy_text, self)
        self.on_copy.setAccessibleName(copy_text)
        self.on_copy.setChecked(not prompt.locating)
        grid.addWidget(self.taken, 0, 0)
        grid.addWidget(label, 0, 1)
        grid.addWidget(self.answer, 1, 1)
        grid.addWidget(self.on_copy, 2, 1)
        grid.setColumnStretch(1, 1)
        self.taken.toggled.connect(self._enable)
        self._enable(False)

    def _enable(self, on: bool) -> None:
        self.answer.setEnabled(on)
        self.on_copy.setEnabled(on)

    def value(self) -> PromptAnswer | None:
        """The answer when the prompt was ticked, else None (not part of the plan)."""
        if not self.taken.isChecked():
            return None
        return PromptAnswer(key=self.prompt.key, answer=self.answer.text().strip(),
                            on_client_copy=self.on_copy.isChecked())

    def load(self, stored: PlanPrompt) -> None:
        """Fill in from a saved plan version."""
        self.taken.setChecked(True)
        self.answer.setText(stored.answer)
        self.on_copy.setChecked(stored.on_client_copy)
