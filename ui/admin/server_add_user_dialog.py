"""ServerAddUserDialog: "Lägg till användare…" on the unit's server (the administrator confirmed her passphrase).

The new user's name and role, her first passphrase typed twice (`NewPassphraseForm`, the core's policy checked live
and again by the core), then the owner role and its password (`OwnerFields`). "Lägg till användare" is the
default button, so Enter does what she asked for; with something missing it says so in one line and writes nothing.
The write (her login role, users row and key slot in one owner-role transaction) runs on `run_op` while the dialog
says "Sparar …" in place; a refusal is said in one line, nothing is changed, and what she typed stays (the owner
role's password is cleared when the server turned the owner role away).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from stodapp.i18n import _
from stodapp.labels import role_label
from stodapp.roles import Role
from ui.admin.owner_fields import OwnerFields, refusal_line
from ui.cases.error_line import ErrorLine
from ui.tasks import error_text, run_op
from ui.widgets.form_rows import add_field, align_labels
from ui.widgets.new_passphrase_form import NewPassphraseForm

if TYPE_CHECKING:
    from ui.admin.server_users_types import ServerUsersAdmin

ROLES = (Role.CASEWORKER, Role.SUPERVISOR, Role.TRAINER, Role.ADMIN)


class ServerAddUserDialog(QDialog):
    sig_added = Signal(str)
    """Emitted with the new user's name once she is saved on the server (the dialog then closes)."""

    def __init__(self, admin: ServerUsersAdmin, owner: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._admin = admin
        self._busy = False
        self.setWindowTitle(_("Lägg till användare"))
        self.setModal(True)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = add_field(form, self, _("&Användarnamn:"), QLineEdit(self), _("Den nya användarens namn"))
        self.role_combo = add_field(form, self, _("&Roll:"), QComboBox(self), _("Den nya användarens roll"))
        for role in ROLES:
            self.role_combo.addItem(role_label(role.value), role.value)
        lay.addLayout(form)
        self.form = NewPassphraseForm("", (_("&Lösenfras:"), _("Den nya användarens lösenfras")),
                                      (_("&Upprepa den:"), _("Upprepa den nya användarens lösenfras")), parent=self)
        lay.addWidget(self.form)
        self.owner = OwnerFields(owner, self)  # after what she is adding, just above where she presses Enter
        lay.addWidget(self.owner)
        self.busy_label = QLabel(_("Sparar användaren på servern …"), self)
        self.busy_label.setVisible(False)
        lay.addWidget(self.busy_label)
        self.error = ErrorLine(self)  # here, not the form's: the owner role's refusal is said below its fields
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(_("Lägg till användare"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setAccessibleName(_("Lägg till användaren på servern"))
        self.cancel_button = self.buttons.addButton(_("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAccessibleName(_("Avbryt"))
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        lay.addStretch(1)  # room left over goes above the buttons, not between the sections
        lay.addWidget(self.buttons)
        align_labels(self)
        self.name_edit.textChanged.connect(lambda text: self.form.set_username(text.strip()))
        self.form.sig_edited.connect(lambda: self.error.show_message(""))
        self.setMinimumWidth(560)
        self.name_edit.setFocus()

    def username(self) -> str:
        return self.name_edit.text().strip()

    def problems(self) -> list[str]:
        found = [] if self.username() else [_("Skriv ett användarnamn.")]
        return found + self.owner.problems() + self.form.problems()

    def submit(self) -> None:
        """Enter or the default button: with a problem left, say it and change nothing; else save her."""
        if self._busy:
            return
        found = self.problems()
        if found:
            self.error.show_message(" ".join(found) + " " + _("Inget har ändrats."))
            self._focus_first_problem()
            return
        admin = self._admin
        owner, password, name = self.owner.owner(), self.owner.password(), self.username()
        role, secret = Role(str(self.role_combo.currentData())), self.form.new_edit.text()
        self._set_busy(True)
        self.error.show_message("")
        run_op(self, lambda: admin.add_user(owner, password, name, role, secret), self._on_done,
               self._on_error, indicator=self.busy_label.setVisible)

    def _focus_first_problem(self) -> None:
        if not self.username():
            self.name_edit.setFocus()
        elif self.owner.problems():
            self.owner.first_empty().setFocus()
        else:
            edit = self.form.repeat_edit if self.form.only_the_repeat_differs(self.form.problems()) else \
                self.form.new_edit
            edit.setFocus()
            edit.selectAll()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.form.set_busy(busy)
        self.owner.set_busy(busy)
        for w in (self.name_edit, self.role_combo, self.ok_button, self.cancel_button):
            w.setEnabled(not busy)

    def _on_done(self, _user: object) -> None:
        self._set_busy(False)
        self.form.clear()
        self.owner.clear_password()
        self.sig_added.emit(self.username())
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        from stodapp.errors import AuthError

        self._set_busy(False)
        if isinstance(exc, AuthError):  # the owner role was turned away: its password is typed again
            self.owner.clear_password()
            self.owner.first_empty().setFocus()
        else:
            self.name_edit.setFocus()
        self.error.show_message(refusal_line(error_text(exc)))

    def reject(self) -> None:
        if self._busy:  # the write is under way: closing now would hide its result
            return
        self.form.clear()
        self.owner.clear_password()
        super().reject()
