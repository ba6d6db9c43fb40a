"""ServerDisableDialog: the owner role for disabling one user on the unit's server (asked after the confirmation
and the administrator's step-up).

It says what disabling does; "Inaktivera <namn>" is the default button (Enter disables, Escape cancels). The write
(marked, her key slot deleted, her login ended, in one owner-role transaction) runs on `run_op` while the dialog
says "Sparar …" in place; a refusal is said in one line and nothing is changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from stodapp.i18n import _
from ui.admin.owner_fields import OwnerFields, refusal_line
from ui.cases.error_line import ErrorLine
from ui.tasks import error_text, run_op
from ui.widgets.form_rows import align_labels

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from ui.admin.server_users_types import ServerUsersAdmin


def disable_text(username: str) -> str:
    return _("{u} kan inte logga in efter detta: nyckelplatsen tas bort och inloggningen på servern stängs. "
             "Det användaren har skrivit finns kvar.").format(u=username)


class ServerDisableDialog(QDialog):
    sig_disabled = Signal(str)
    """Emitted with the user name once she is disabled on the server (the dialog then closes)."""

    def __init__(self, admin: ServerUsersAdmin, username: str, owner: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._admin = admin
        self.username = username
        self._busy = False
        self.setWindowTitle(_("Inaktivera användare"))
        self.setModal(True)
        lay = QVBoxLayout(self)
        intro = QLabel(disable_text(username), self)
        intro.setWordWrap(True)
        intro.setAccessibleName(_("Vad inaktiveringen gör"))
        lay.addWidget(intro)
        self.owner = OwnerFields(owner, self)
        lay.addWidget(self.owner)
        self.busy_label = QLabel(_("Sparar …"), self)
        self.busy_label.setVisible(False)
        lay.addWidget(self.busy_label)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        action = _("Inaktivera {u}").format(u=username)
        self.ok_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setAccessibleName(action)
        self.cancel_button = self.buttons.addButton(_("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAccessibleName(_("Avbryt"))
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        lay.addStretch(1)  # room left over goes above the buttons, not between the sections
        lay.addWidget(self.buttons)
        align_labels(self)
        self.setMinimumWidth(520)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.owner.first_empty().setFocus()  # the remembered owner role: its password is what is left to type

    def submit(self) -> None:
        if self._busy:
            return
        found = self.owner.problems()
        if found:
            self.error.show_message(" ".join(found) + " " + _("Inget har ändrats."))
            self.owner.first_empty().setFocus()
            return
        admin, owner, password, name = self._admin, self.owner.owner(), self.owner.password(), self.username
        self._set_busy(True)
        self.error.show_message("")
        run_op(self, lambda: admin.disable_user(owner, password, name), self._on_done, self._on_error,
               indicator=self.busy_label.setVisible)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.owner.set_busy(busy)
        for button in (self.ok_button, self.cancel_button):
            button.setEnabled(not busy)

    def _on_done(self, _user: object) -> None:
        self._set_busy(False)
        self.owner.clear_password()
        self.sig_disabled.emit(self.username)
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.owner.clear_password()
        self.owner.first_empty().setFocus()
        self.error.show_message(refusal_line(error_text(exc)))

    def reject(self) -> None:
        if self._busy:
            return
        self.owner.clear_password()
        super().reject()
