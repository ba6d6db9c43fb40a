"""NewPassphraseForm: a new passphrase typed twice (optionally after the current one), checked live.

Shared by "Byt lösenfras" (her own, with the current one first) and an administrator's "Återställ lösenfras" (a
temporary one for another user): the policy is the core's (`ui.gate.passphrase_problems`, checked again by the
core), Caps Lock is noticed, and the busy and error lines sit where the user looks after pressing Enter.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from stodapp.i18n import _
from ui.cases.error_line import ErrorLine
from ui.gate import passphrase_problems
from ui.widgets.form_rows import add_field
from ui.widgets.passphrase_edit import PassphraseEdit

Field = tuple[str, str]
"""A field's label (with its mnemonic) and its accessible name."""


class NewPassphraseForm(QWidget):
    sig_edited = Signal()
    """Emitted on every keystroke in any of the fields (the feedback line is already updated)."""

    def __init__(self, username: str, new: Field, repeat: Field, current: Field | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._username = username
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.current_edit = self._field(form, current) if current is not None else None
        self.new_edit = self._field(form, new)
        self.repeat_edit = self._field(form, repeat)
        lay.addLayout(form)
        self.caps_label = QLabel(_("Caps Lock verkar vara på."), self)
        self.caps_label.setVisible(False)
        lay.addWidget(self.caps_label)
        self.feedback = QLabel("", self)
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName(_("Krav på lösenfrasen"))
        lay.addWidget(self.feedback)
        self.busy_label = QLabel(_("Sparar den nya lösenfrasen …"), self)
        self.busy_label.setVisible(False)
        lay.addWidget(self.busy_label)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        for edit in self.edits():
            edit.textChanged.connect(self._edited)
            edit.sig_caps_lock.connect(self.caps_label.setVisible)
        self._show_feedback()

    def _field(self, form: QFormLayout, field: Field) -> PassphraseEdit:
        return add_field(form, self, field[0], PassphraseEdit(self), field[1])

    def edits(self) -> tuple[PassphraseEdit, ...]:
        """The fields in reading order."""
        first = (self.current_edit,) if self.current_edit is not None else ()
        return (*first, self.new_edit, self.repeat_edit)

    def problems(self) -> list[str]:
        found: list[str] = []
        current = self.current_edit.text() if self.current_edit is not None else None
        if current == "":
            found.append(_("Skriv din nuvarande lösenfras."))
        new = self.new_edit.text()
        found += passphrase_problems(new, self._username)
        if current and new == current:
            found.append(_("Den nya lösenfrasen måste skilja sig från den nuvarande."))
        if self.repeat_edit.text() != new:
            found.append(_("Lösenfraserna är inte lika."))
        return found

    def only_the_repeat_differs(self, found: list[str]) -> bool:
        return found == [_("Lösenfraserna är inte lika.")]

    def _show_feedback(self) -> list[str]:
        found = self.problems()
        self.feedback.setText("\n".join(f"• {p}" for p in found) if found else _("✓ Lösenfrasen uppfyller kraven."))
        return found

    def _edited(self) -> None:
        self._show_feedback()
        self.sig_edited.emit()

    def set_username(self, username: str) -> None:
        """The user the passphrase is for changed (a new user's name typed in the same dialog): check again."""
        self._username = username
        self._show_feedback()

    def set_busy(self, busy: bool) -> None:
        for edit in self.edits():
            edit.setEnabled(not busy)

    def clear(self) -> None:
        for edit in self.edits():
            edit.clear()
