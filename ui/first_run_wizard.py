"""FirstRunWizard: creates the encrypted store and the first administrator, then shows the recovery key — or, when
"Server" is chosen, signs in to the unit's already prepared server (`ui.first_run_server_page`) and creates nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from stodapp.i18n import _
from ui.first_run_server_page import FirstRunServerPage, connecting_text
from ui.store_choice import StoreChoice
from ui.tasks import error_text, run_op
from ui.widgets.form_rows import add_field
from ui.widgets.passphrase_edit import PassphraseEdit
from ui.widgets.recovery_key_label import RecoveryKeyLabel

if TYPE_CHECKING:
    from stodapp.core import Core
    from stodapp.server.gui_core import ServerCore


def creating_text() -> str:
    return _("Skapar den krypterade databasen… det tar några sekunder.")


PAGE_INTRO, PAGE_ADMIN, PAGE_RECOVERY, PAGE_SERVER = range(4)


class _IntroPage(QWizardPage):
    def __init__(self, data_dir: str, choice: StoreChoice | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = choice
        self.setTitle(_("Välkommen till stodapp"))
        self.setSubTitle(_("Första start: en krypterad databas och den första administratören skapas."))
        lay = QVBoxLayout(self)
        if choice is not None:
            choice.setParent(self)
            lay.addWidget(choice)
        self.local_box = QWidget(self)
        local = QVBoxLayout(self.local_box)
        local.setContentsMargins(0, 0, 0, 0)
        text = QLabel(_("All ärendeinformation sparas krypterad på den här datorn, i mappen:"), self.local_box)
        text.setWordWrap(True)
        local.addWidget(text)
        path = QLabel(data_dir, self.local_box)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setWordWrap(True)
        local.addWidget(path)
        more = QLabel(_("Du som skapar databasen blir systemförvaltare (administratör) och lägger sedan till "
                        "handläggare, arbetsledare och utbildare. "
                        "Administratören kan inte läsa ärenden."), self.local_box)
        more.setWordWrap(True)
        local.addWidget(more)
        lay.addWidget(self.local_box)
        self.server_text = QLabel(_("Enheten delar en databas på sin server. Ärendeuppgifterna krypteras på den "
                                    "här datorn innan de skickas; servern ser aldrig ett namn. Ange serverns "
                                    "adress eller en sparad profil ovan."), self)
        self.server_text.setWordWrap(True)
        lay.addWidget(self.server_text)
        lay.addStretch(1)
        if choice is not None:
            choice.sig_mode_changed.connect(lambda _mode: self._show_mode())
            choice.server_edit.currentTextChanged.connect(lambda _t: self.completeChanged.emit())
        self._show_mode()

    def server_mode(self) -> bool:
        return self.choice is not None and self.choice.mode() == "server"

    def _show_mode(self) -> None:
        server = self.server_mode()
        self.local_box.setVisible(not server)
        self.server_text.setVisible(server)
        self.setSubTitle(_("Första start: anslut till enhetens server.") if server
                         else _("Första start: en krypterad databas och den första administratören skapas."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self.server_mode() or bool(self.choice is not None and self.choice.target())

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return PAGE_SERVER if self.server_mode() else PAGE_ADMIN


class _AdminPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(_("Första administratören"))
        self.setSubTitle(_("Välj ett användarnamn och en lång lösenfras, till exempel flera ord "
                           "i en mening."))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = add_field(form, self, _("&Användarnamn:"), QLineEdit(self),
                                   _("Användarnamn för administratören"))
        self.pass_edit = add_field(form, self, _("&Lösenfras:"), PassphraseEdit(self), _("Lösenfras"))
        self.repeat_edit = add_field(form, self, _("&Upprepa:"), PassphraseEdit(self), _("Upprepa lösenfrasen"))
        lay.addLayout(form)
        self.caps_label = QLabel(_("Caps Lock verkar vara på."), self)
        self.caps_label.setVisible(False)
        self.pass_edit.sig_caps_lock.connect(self.caps_label.setVisible)
        self.repeat_edit.sig_caps_lock.connect(self.caps_label.setVisible)
        lay.addWidget(self.caps_label)
        self.feedback = QLabel("", self)
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName(_("Krav på lösenfrasen"))
        lay.addWidget(self.feedback)
        self.error_label = QLabel("", self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020; font-weight: bold;")
        lay.addWidget(self.error_label)
        # Key derivation takes seconds on purpose: say so in place on the page, not in a modal window.
        self.busy_label = QLabel(creating_text(), self)
        self.busy_label.setWordWrap(True)
        self.busy_label.setAccessibleName(creating_text())
        self.busy_label.setVisible(False)
        lay.addWidget(self.busy_label)
        lay.addStretch(1)
        for edit in (self.name_edit, self.pass_edit, self.repeat_edit):
            edit.textChanged.connect(self._update)
        self._update()

    def problems(self) -> list[str]:
        name = self.name_edit.text().strip()
        found: list[str] = []
        if not name:
            found.append(_("Ange ett användarnamn."))
        found += self._wizard.gate.passphrase_problems(self.pass_edit.text(), name)
        if self.repeat_edit.text() != self.pass_edit.text():
            found.append(_("Lösenfraserna är inte lika."))
        return found

    def _update(self) -> None:
        found = self.problems()
        if found:
            self.feedback.setText("\n".join(f"• {p}" for p in found))
        else:
            self.feedback.setText(_("✓ Lösenfrasen uppfyller kraven."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return not self.problems() and not self._wizard.busy

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        if self._wizard.core is not None:
            return True
        self._wizard.create_store(self.name_edit.text().strip(), self.pass_edit.text())
        return False


class _RecoveryPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(_("Återställningsnyckel"))
        self.setSubTitle(_("Visas bara den här gången. Skriv ut den eller skriv ned den och förvara den "
                           "inlåst, åtskild från datorn."))
        lay = QVBoxLayout(self)
        text = QLabel(_("Med återställningsnyckeln kan databasen öppnas om alla lösenfraser glöms bort. "
                        "Den som har nyckeln och datorn kan läsa allt; "
                        "behandla den som en huvudnyckel."), self)
        text.setWordWrap(True)
        lay.addWidget(text)
        self.key_label = RecoveryKeyLabel("", self)
        lay.addWidget(self.key_label)
        self.print_button = QPushButton(_("&Skriv ut…"), self)
        self.print_button.setAccessibleName(_("Skriv ut återställningsnyckeln"))
        self.print_button.clicked.connect(wizard.print_key)
        lay.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.confirm = QCheckBox(
            _("Jag har skrivit ut eller skrivit ned nyckeln och förvarar den säkert."), self)
        self.confirm.setAccessibleName(_("Bekräfta att återställningsnyckeln är sparad"))
        self.confirm.toggled.connect(lambda _on: self.completeChanged.emit())
        lay.addWidget(self.confirm)
        lay.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self.key_label.setText(self._wizard.recovery_key)

    def nextId(self) -> int:  # noqa: N802 - Qt override
        return -1

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.confirm.isChecked()


class FirstRunWizard(QWizard):
    sig_created = Signal(object)
    """Emitted with the signed-in Core once the user confirmed the recovery key is stored."""
    sig_connected = Signal(object)
    """Emitted with the signed-in server core when "Server" was chosen and the sign-in succeeded."""

    def __init__(self, gate: Any, parent: QWidget | None = None, *, prefs: QSettings | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.core: Core | None = None
        self.server_core: ServerCore | None = None
        self.recovery_key = ""
        self.busy = False
        self.setWindowTitle(_("stodapp – första start"))
        self.setObjectName("FirstRunWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, _("&Nästa >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< &Tillbaka"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Klar"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Avbryt"))
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.BackButton,
                      QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton):
            btn = self.button(which)
            btn.setAccessibleName(self.buttonText(which).replace("&", "").strip("<> "))
        choice = None
        if hasattr(gate, "use_server"):  # a gate that can sign in to a server (the real one; not every test fake)
            choice = StoreChoice(prefs, list(gate.server_profiles()))
            choice.local_radio.setChecked(True)  # a first start proposes the local store, whatever was remembered
        self.intro = _IntroPage(str(gate.data_dir), choice, self)
        self.admin = _AdminPage(self)
        self.recovery = _RecoveryPage(self)
        self.server = FirstRunServerPage(self, target=self.server_target, busy=lambda: self.busy,
                                         connected=lambda: self.server_core is not None, connect=self.connect_server)
        for page_id, page in ((PAGE_INTRO, self.intro), (PAGE_ADMIN, self.admin), (PAGE_RECOVERY, self.recovery),
                              (PAGE_SERVER, self.server)):
            self.setPage(page_id, page)
        self.currentIdChanged.connect(self._last_page_buttons)
        finish = self.button(QWizard.WizardButton.FinishButton)
        self.currentIdChanged.connect(lambda page_id: finish.setAccessibleName(
            self.page(page_id).buttonText(QWizard.WizardButton.FinishButton).replace("&", ""))
            if self.page(page_id) is not None else None)
        self.resize(680, 500)

    def _last_page_buttons(self, page_id: int) -> None:
        """The recovery key's page has no way back and no cancel (the store exists); the server page has both."""
        recovery = page_id == PAGE_RECOVERY
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, recovery)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, recovery)

    def server_target(self) -> str:
        """The server profile or URL chosen on the intro page ("" for the local store)."""
        choice = self.intro.choice
        return choice.target() if choice is not None else ""

    def connect_server(self, name: str, passphrase: str) -> None:
        """Sign in to the chosen server (off the GUI thread); a failure says why and leaves nothing behind."""
        if self.busy:
            return
        target = self.server_target()
        self.busy = True
        self.server.error_label.setText("")
        self.server.completeChanged.emit()
        self.gate.use_server(target)

        def done(core: ServerCore) -> None:
            self.busy = False
            self.server_core = core
            self.server.pass_edit.clear()
            if self.intro.choice is not None:
                self.intro.choice.remember()  # the next start opens the sign-in window on this server
            self.accept()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.gate.use_server("")  # no server remembered, and never a local store made instead
            self.server.error_label.setText(error_text(exc))
            self.server.completeChanged.emit()

        run_op(self, lambda: self.gate.unlock(name, passphrase), done, failed, label=connecting_text(),
               indicator=self.server.busy_label.setVisible)

    def create_store(self, name: str, passphrase: str) -> None:
        if self.busy:
            return
        if hasattr(self.gate, "use_server"):
            self.gate.use_server("")  # the local store, even after a server attempt on this wizard
        self.busy = True
        self.admin.error_label.setText("")
        self.admin.completeChanged.emit()

        def done(result: tuple[Any, str]) -> None:
            self.busy = False
            self.core, self.recovery_key = result
            self.admin.pass_edit.clear()
            self.admin.repeat_edit.clear()
            self.next()

        def failed(exc: BaseException) -> None:
            self.busy = False
            self.admin.error_label.setText(error_text(exc))
            self.admin.completeChanged.emit()

        run_op(self, lambda: self.gate.initialize(name, passphrase), done, failed,
               label=creating_text(), indicator=self.admin.busy_label.setVisible)

    def print_to(self, printer: Any) -> None:
        from ui.recovery_sheet import print_recovery_sheet

        print_recovery_sheet(printer, self.recovery_key, str(self.gate.data_dir))

    def print_key(self) -> None:
        from ui.recovery_sheet import ask_and_print

        if ask_and_print(self, self.recovery_key, str(self.gate.data_dir)) and self.core is not None:
            try:
                self.core.audit_event("print", "recovery_key")
            except Exception:  # noqa: BLE001 - printing must not fail because of the audit call
                pass

    def done(self, result: int) -> None:
        if self.core is not None and result != int(QWizard.DialogCode.Accepted):
            return  # the store exists: the key must be confirmed before the wizard may close
        core, server_core = self.core, self.server_core
        self.recovery_key = ""
        self.recovery.key_label.clear()
        if core is not None:
            self.sig_created.emit(core)  # before hiding, so the app never sees "last window closed"
        elif server_core is not None and result == int(QWizard.DialogCode.Accepted):
            self.sig_connected.emit(server_core)
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if self.core is not None and not self.recovery.confirm.isChecked():
            event.ignore()
            return
        super().closeEvent(event)
