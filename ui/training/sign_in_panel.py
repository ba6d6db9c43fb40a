"""TrainingSignInPanel: the trainer's user name and passphrase for the separate training store (or creating it)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from stodapp.i18n import _
from ui.widgets.passphrase_edit import PassphraseEdit


class TrainingSignInPanel(QWidget):
    sig_submit = Signal(str, str, bool)
    """Emitted with (user name, passphrase, create) when the trainer asks to open or create the store."""

    def __init__(self, username: str, exists: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.create_mode = not exists
        self.setAccessibleName(_("Logga in i övningsdatabasen"))
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget(self)
        box.setMaximumWidth(box.fontMetrics().averageCharWidth() * 90)
        lay = QVBoxLayout(box)
        title = QLabel(_("Skapa övningsdatabasen") if self.create_mode else _("Öppna övningsdatabasen"), box)
        title.setStyleSheet("font-size: 140%; font-weight: 700;")
        lay.addWidget(title)
        info = QLabel(
            _("Övningar görs i en egen krypterad databas med bara fiktiva uppgifter, aldrig i ärendedatabasen. "
              "Välj en egen lösenfras för övningsdatabasen.") if self.create_mode else
            _("Övningar görs i en egen krypterad databas med bara fiktiva uppgifter. "
              "Logga in med din lösenfras för övningsdatabasen."), box)  # fmt: skip
        info.setWordWrap(True)
        lay.addWidget(info)
        form = QFormLayout()
        self.user_edit = QLineEdit(username, box)
        self.user_edit.setAccessibleName(_("Användarnamn i övningsdatabasen"))
        user_label = QLabel(_("&Användarnamn:"), box)
        user_label.setBuddy(self.user_edit)
        form.addRow(user_label, self.user_edit)
        self.pass_edit = PassphraseEdit(box)
        self.pass_edit.setAccessibleName(_("Lösenfras för övningsdatabasen"))
        pass_label = QLabel(_("&Lösenfras:"), box)
        pass_label.setBuddy(self.pass_edit)
        form.addRow(pass_label, self.pass_edit)
        self.repeat_edit = PassphraseEdit(box)
        self.repeat_edit.setAccessibleName(_("Upprepa lösenfrasen"))
        repeat_label = QLabel(_("&Upprepa lösenfrasen:"), box)
        repeat_label.setBuddy(self.repeat_edit)
        form.addRow(repeat_label, self.repeat_edit)
        repeat_label.setVisible(self.create_mode)
        self.repeat_edit.setVisible(self.create_mode)
        lay.addLayout(form)
        self.error = QLabel(box)
        self.error.setWordWrap(True)
        self.error.setAccessibleName(_("Felmeddelande"))
        self.error.setStyleSheet("color: #a00000; font-weight: 600;")
        self.error.hide()
        lay.addWidget(self.error)
        self.button = QPushButton(_("S&kapa och öppna") if self.create_mode else _("&Öppna"), box)
        self.button.setAccessibleName(title.text())
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.pass_edit.returnPressed.connect(self.submit)
        self.repeat_edit.returnPressed.connect(self.submit)
        lay.addWidget(self.button)
        outer.addWidget(box)
        outer.addStretch(2)
        (self.pass_edit if username else self.user_edit).setFocus()

    def submit(self) -> None:
        name, secret = self.user_edit.text().strip(), self.pass_edit.text()
        if not name or not secret:
            self.show_error(_("Fyll i användarnamn och lösenfras."))
            return
        if self.create_mode and secret != self.repeat_edit.text():
            self.show_error(_("Lösenfraserna är inte lika."))
            return
        self.set_busy(True)
        self.sig_submit.emit(name, secret, self.create_mode)

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        if busy:
            self.error.hide()

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.pass_edit.clear()
        self.repeat_edit.clear()
        self.error.setText(message)
        self.error.show()
        self.pass_edit.setFocus()
