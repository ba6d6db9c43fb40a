"""FirstRunServerPage: the first-run wizard's way onto the unit's server instead of a local store.

It only connects to a server its administrator has already prepared (`stodapp server init` on an empty database,
then `stodapp server users add` for each person); it never creates anything, neither on the server nor on this
computer, and a failed connection leaves no local store behind. The server comes from the intro page's choice;
the username and passphrase are this user's own (the database login secret derives from the passphrase).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage

from stodapp.i18n import _
from ui.widgets.form_rows import add_field
from ui.widgets.passphrase_edit import PassphraseEdit


def prepared_first_text() -> str:
    return _("Administratören måste först ha kört `stodapp server init` på en tom databas och lagt till dig som "
             "användare – guiden skapar ingen databas, varken på servern eller på den här datorn.")


def connecting_text() -> str:
    return _("Ansluter till servern… det tar några sekunder.")


class FirstRunServerPage(QWizardPage):
    def __init__(self, wizard: QWizard, *, target: Callable[[], str], busy: Callable[[], bool],
                 connected: Callable[[], bool], connect: Callable[[str, str], None]) -> None:
        """`target()`: the server chosen; `busy()`: a sign-in is running; `connected()`: it succeeded;
        `connect(username, passphrase)`: start signing in (the wizard's)."""
        super().__init__(wizard)
        self._target, self._busy, self._connected, self._connect = target, busy, connected, connect
        self.setTitle(_("Anslut till enhetens server"))
        self.setSubTitle(_("Logga in med det användarnamn och den lösenfras du har fått av administratören."))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Anslut"))
        lay = QVBoxLayout(self)
        self.prepared = QLabel(prepared_first_text(), self)
        self.prepared.setWordWrap(True)
        self.prepared.setAccessibleName(_("Servern måste vara förberedd"))
        lay.addWidget(self.prepared)
        form = QFormLayout()
        self.server_label = QLabel("", self)
        self.server_label.setWordWrap(True)
        form.addRow(QLabel(_("Serveradress:"), self), self.server_label)
        self.name_edit = add_field(form, self, _("&Användarnamn:"), QLineEdit(self), _("Användarnamn"))
        self.pass_edit = add_field(form, self, _("&Lösenfras:"), PassphraseEdit(self), _("Lösenfras"))
        lay.addLayout(form)
        self.error_label = QLabel("", self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error_label.setAccessibleName(_("Felmeddelande"))
        lay.addWidget(self.error_label)
        self.busy_label = QLabel(connecting_text(), self)
        self.busy_label.setWordWrap(True)
        self.busy_label.setVisible(False)
        lay.addWidget(self.busy_label)
        lay.addStretch(1)
        self.name_edit.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.pass_edit.textChanged.connect(lambda _t: self.completeChanged.emit())

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        target = self._target()
        self.server_label.setText(target or _("(ingen server angiven – gå tillbaka och ange den)"))
        self.error_label.setText("")

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return -1  # signing in is the last step: no store is created, so there is no recovery key to show

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self._target() and self.name_edit.text().strip() and self.pass_edit.text()) and not self._busy()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self._connected():
            return True
        self._connect(self.name_edit.text().strip(), self.pass_edit.text())
        return False
