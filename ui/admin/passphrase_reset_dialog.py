"""PassphraseResetDialog: an administrator gives another user a new, temporary passphrase (typed twice).

Opened by the "Nycklar och lösenfraser" tab (a local store) and the server's user panel after the administrator
confirmed her own passphrase. The policy is the core's (`ui.gate.passphrase_problems`, checked live and again by the
core); "Återställ lösenfras" is the default button, so Enter does what the administrator asked for; with a problem
left it says so and writes nothing. The write is the saver's (`ResetSaver`): the local store's users service, or the
server's, which needs the owner role typed in fields the saver puts above the passphrase (`fields`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from stodapp.i18n import _
from ui.tasks import error_text, run_op
from ui.widgets.form_rows import align_labels
from ui.widgets.new_passphrase_form import NewPassphraseForm


class ResetSaver(Protocol):
    """Writes the new passphrase. Its methods run on the GUI thread; the job `job` returns runs off it."""

    def problems(self) -> list[str]:
        """What is missing in the saver's own fields (the cursor goes to the first one); [] when nothing is."""
        ...

    def job(self, username: str, new: str) -> Callable[[], object]: ...

    def refused(self, exc: BaseException) -> str:
        """The error line for a refused write (one line); may put the cursor where the fix goes."""
        ...


class UsersResetSaver:
    """A local store's reset: `core.users.reset_passphrase` (nothing else to type)."""

    def __init__(self, users: object) -> None:
        self._users = users

    def problems(self) -> list[str]:
        return []

    def job(self, username: str, new: str) -> Callable[[], object]:
        users = self._users
        return lambda: users.reset_passphrase(username, new)  # type: ignore[attr-defined]

    def refused(self, exc: BaseException) -> str:
        return error_text(exc) + " " + _("Inget har ändrats.")


class PassphraseResetDialog(QDialog):
    sig_reset = Signal(str)
    """Emitted with the user name once the new passphrase is saved (the dialog then closes)."""

    def __init__(self, saver: ResetSaver, username: str, display_name: str = "", parent: QWidget | None = None,
                 fields: QWidget | None = None) -> None:
        super().__init__(parent)
        self._saver = saver
        self.fields = fields  # the saver's own fields above the passphrase, if any
        self.username = username
        self._busy = False
        self.setWindowTitle(_("Återställ lösenfras"))
        self.setModal(True)
        lay = QVBoxLayout(self)
        who = f"{display_name} ({username})" if display_name else username
        intro = QLabel(_("Ge {who} en ny, tillfällig lösenfras. Lämna den till användaren på ett säkert sätt; "
                         "användaren måste välja en egen vid nästa inloggning. Den gamla lösenfrasen slutar gälla.")
                       .format(who=who), self)
        intro.setWordWrap(True)
        intro.setAccessibleName(_("Om återställningen"))
        lay.addWidget(intro)
        if fields is not None:  # what the saver needs typed before the passphrase (the server's owner role)
            fields.setParent(self)
            lay.addWidget(fields)
        self.form = NewPassphraseForm(username, (_("&Ny tillfällig lösenfras:"), _("Ny tillfällig lösenfras")),
                                      (_("&Upprepa den:"), _("Upprepa den tillfälliga lösenfrasen")), parent=self)
        lay.addWidget(self.form)
        self.new_edit, self.repeat_edit = self.form.new_edit, self.form.repeat_edit
        self.feedback, self.error = self.form.feedback, self.form.error
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(_("Återställ lösenfras"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setAccessibleName(_("Återställ lösenfrasen för {u}").format(u=username))
        self.cancel_button = self.buttons.addButton(_("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        lay.addStretch(1)  # room left over goes above the buttons, not between the sections
        lay.addWidget(self.buttons)
        align_labels(self)
        self.form.sig_edited.connect(self._edited)
        self.setMinimumWidth(520)

    def problems(self) -> list[str]:
        return self.form.problems()

    def _edited(self) -> None:
        self.feedback.setVisible(True)
        self.error.show_message("")  # typing again starts a new attempt

    def submit(self) -> None:
        """Enter or the default button: with a problem left, say it and change nothing; else save it."""
        if self._busy:
            return
        own = self._saver.problems()
        found = own + self.problems()
        if found:
            self.feedback.setVisible(False)  # the error line says the same, and screen readers announce it
            self.error.show_message(" ".join(found) + " " + _("Inget har ändrats."))
            if own:
                return
            edit = self.repeat_edit if self.form.only_the_repeat_differs(found) else self.new_edit
            edit.setFocus()
            edit.selectAll()
            return
        new = self.new_edit.text()
        self._set_busy(True)
        self.error.show_message("")
        run_op(self, self._saver.job(self.username, new), self._on_done, self._on_error,
               indicator=self.form.busy_label.setVisible)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.form.set_busy(busy)
        if self.fields is not None:
            self.fields.setEnabled(not busy)
        for button in (self.ok_button, self.cancel_button):
            button.setEnabled(not busy)

    def _on_done(self, _change: object) -> None:
        self._set_busy(False)
        self.form.clear()
        self.sig_reset.emit(self.username)
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.new_edit.setFocus()
        self.error.show_message(self._saver.refused(exc))

    def reject(self) -> None:
        if self._busy:  # the write is under way: closing now would hide its result
            return
        self.form.clear()
        super().reject()
