"""PassphraseChangeDialog: the signed-in user chooses a new passphrase (Arkiv → Byt lösenfras…).

Forced after an administrator's reset: then it opens at sign-in, its intro says why, and leaving it signs out —
the work areas are not used on a passphrase someone else knows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from stodapp.i18n import _
from ui.cases.error_line import ErrorLine
from ui.gate import passphrase_problems
from ui.tasks import run_op
from ui.widgets.passphrase_edit import PassphraseEdit


class PassphraseChangeDialog(QDialog):
    sig_changed = Signal()
    """Emitted once the new passphrase is saved (the dialog then closes)."""

    def __init__(self, core: Any, *, forced: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._username = str(core.principal.username)
        self.forced = forced
        self._busy = False
        self.setWindowTitle(_("Byt lösenfras"))
        self.setModal(True)
        lay = QVBoxLayout(self)
        if forced:
            intro = QLabel(_("En administratör har satt din lösenfras. Välj en egen innan du fortsätter, så att "
                             "bara du känner till den."), self)
        else:
            intro = QLabel(_("Välj en lång lösenfras, till exempel flera ord i en mening som bara du känner till."),
                           self)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.current_edit = self._field(form, _("&Nuvarande lösenfras:"), _("Nuvarande lösenfras"))
        self.new_edit = self._field(form, _("N&y lösenfras:"), _("Ny lösenfras"))
        self.repeat_edit = self._field(form, _("&Upprepa den nya:"), _("Upprepa den nya lösenfrasen"))
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
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(_("Byt lösenfras"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(_("Logga ut") if forced else _("Avbryt"),
                                                    QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        lay.addWidget(self.buttons)
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.textChanged.connect(self._update)
            edit.sig_caps_lock.connect(self.caps_label.setVisible)
        self._update()
        self.setMinimumWidth(480)

    def _field(self, form: QFormLayout, label_text: str, accessible: str) -> PassphraseEdit:
        edit = PassphraseEdit(self)
        edit.setAccessibleName(accessible)
        label = QLabel(label_text, self)
        label.setBuddy(edit)
        form.addRow(label, edit)
        return edit

    def problems(self) -> list[str]:
        found: list[str] = []
        if not self.current_edit.text():
            found.append(_("Skriv din nuvarande lösenfras."))
        new = self.new_edit.text()
        found += passphrase_problems(new, self._username)
        if new and new == self.current_edit.text():
            found.append(_("Den nya lösenfrasen måste skilja sig från den nuvarande."))
        if self.repeat_edit.text() != new:
            found.append(_("Lösenfraserna är inte lika."))
        return found

    def _update(self) -> None:
        found = self.problems()
        self.feedback.setText("\n".join(f"• {p}" for p in found) if found else _("✓ Lösenfrasen uppfyller kraven."))
        self.ok_button.setEnabled(not found and not self._busy)

    def submit(self) -> None:
        if self._busy or self.problems():
            return
        old, new = self.current_edit.text(), self.new_edit.text()
        self._set_busy(True)
        self.error.show_message("")
        run_op(self, lambda: self._core.users.change_own_passphrase(old, new), self._on_done, self._on_error,
               indicator=self.busy_label.setVisible)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.current_edit, self.new_edit, self.repeat_edit, self.cancel_button):
            widget.setEnabled(not busy)
        self._update()

    def _on_done(self, _change: object) -> None:
        self._set_busy(False)
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.clear()
        self.sig_changed.emit()
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        from stodapp.errors import AuthError
        from ui.tasks import error_text

        self._set_busy(False)
        if isinstance(exc, AuthError):
            self.error.show_message(_("Den nuvarande lösenfrasen stämmer inte. Inget har ändrats."))
            self.current_edit.clear()
            self.current_edit.setFocus()
        else:
            self.error.show_message(error_text(exc) + " " + _("Inget har ändrats."))
