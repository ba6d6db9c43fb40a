"""PassphraseChangeDialog: the signed-in user chooses a new passphrase (Arkiv → Byt lösenfras…).

Forced after an administrator's reset: then it opens at sign-in, its intro says why, and leaving it signs out —
the work areas are not used on a passphrase someone else knows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from stodapp.i18n import _
from ui.tasks import run_op
from ui.widgets.new_passphrase_form import NewPassphraseForm

if TYPE_CHECKING:
    from ui.session_types import SessionCore


class PassphraseChangeDialog(QDialog):
    sig_changed = Signal()
    """Emitted once the new passphrase is saved (the dialog then closes)."""

    def __init__(self, core: SessionCore, *, forced: bool = False, parent: QWidget | None = None) -> None:
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
        self.form = NewPassphraseForm(self._username, (_("N&y lösenfras:"), _("Ny lösenfras")),
                                      (_("&Upprepa den nya:"), _("Upprepa den nya lösenfrasen")),
                                      current=(_("&Nuvarande lösenfras:"), _("Nuvarande lösenfras")), parent=self)
        lay.addWidget(self.form)
        assert self.form.current_edit is not None
        self.current_edit, self.new_edit, self.repeat_edit = (self.form.current_edit, self.form.new_edit,
                                                              self.form.repeat_edit)
        self.feedback, self.error = self.form.feedback, self.form.error
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(_("Byt lösenfras"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(_("Logga ut") if forced else _("Avbryt"),
                                                    QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        lay.addWidget(self.buttons)
        self.form.sig_edited.connect(self._update)
        self._update()
        self.setMinimumWidth(480)

    def problems(self) -> list[str]:
        return self.form.problems()

    def _update(self) -> None:
        self.ok_button.setEnabled(not self.problems() and not self._busy)

    def submit(self) -> None:
        if self._busy or self.problems():
            return
        old, new = self.current_edit.text(), self.new_edit.text()
        self._set_busy(True)
        self.error.show_message("")
        run_op(self, lambda: self._core.users.change_own_passphrase(old, new), self._on_done, self._on_error,
               indicator=self.form.busy_label.setVisible)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.form.set_busy(busy)
        self.cancel_button.setEnabled(not busy)
        self._update()

    def _on_done(self, _change: object) -> None:
        self._set_busy(False)
        self.form.clear()
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
