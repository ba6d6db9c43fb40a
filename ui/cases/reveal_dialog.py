"""Re-authentication dialog to reveal a protected person's address: passphrase and a typed reason (audited)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from stodapp.cases.models import PersonView
from stodapp.errors import StodError
from stodapp.i18n import _
from ui.cases.error_line import ErrorLine


class RevealDialog(QDialog):
    def __init__(self, reveal: Callable[[str, str], PersonView], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reveal = reveal
        self.person: PersonView | None = None
        self.setWindowTitle(_("Visa skyddade uppgifter"))
        self.setAccessibleName(_("Visa skyddade uppgifter"))
        lay = QVBoxLayout(self)
        info = QLabel(_("Personen har skyddad identitet. Att visa adressen loggas och kan granskas."), self)
        info.setWordWrap(True)
        lay.addWidget(info)
        form = QFormLayout()
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Din lösenfras"))
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(_("Anledning"))
        form.addRow(_("Din lösenfras"), self.passphrase)
        form.addRow(_("Anledning"), self.reason)
        lay.addLayout(form)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Visa"))
        ok.setAccessibleName(_("Visa"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Avbryt"))
        cancel.setAccessibleName(_("Avbryt"))
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def confirm(self) -> None:
        self.error.clear_error()
        try:
            self.person = self._reveal(self.passphrase.text(), self.reason.text())
        except StodError as err:
            self.error.show_error(str(err))
            return
        finally:
            self.passphrase.clear()
        self.accept()
