"""NewCaseDialog: "Nytt ärende" asks who the case is about before anything is saved (one transaction on OK)."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.models import ROLES, PersonInput
from stodapp.changes import Change
from stodapp.errors import StodError
from stodapp.i18n import _
from ui.cases.error_line import ErrorLine
from ui.cases.person_dialog import ID_KINDS
from ui.widgets.client_language import client_language_combo

#: What `submit` receives: the first person and the language for her printouts (None = not stated).
Submit = Callable[[PersonInput, str | None], Change]


class NewCaseDialog(QDialog):
    """Names, role, identity number (optional), protected identity and language; creates the case on accept."""

    def __init__(self, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self.change: Change | None = None
        self.setWindowTitle(_("Nytt ärende"))
        self.setAccessibleName(_("Nytt ärende"))
        lay = QVBoxLayout(self)
        intro = QLabel(_("Vem gäller ärendet? Fler personer, tolk och adress lägger du till i ärendet sedan."), self)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.given = self._line(_("Förnamn"))
        self.family = self._line(_("Efternamn"))
        self.role = QComboBox(self)
        self.role.setAccessibleName(_("Personens roll i ärendet"))
        for key, label in ROLES.items():
            self.role.addItem(_(label), key)
        self.id_kind = QComboBox(self)
        self.id_kind.setAccessibleName(_("Typ av nummer"))
        for key, label in ID_KINDS.items():
            self.id_kind.addItem(_(label), key)
        self.id_kind.setCurrentIndex(self.id_kind.findData("okant"))
        self.number = self._line(_("Nummer"))
        self.number.setPlaceholderText(_("ÅÅÅÅMMDD-NNNN"))
        self.protected = QCheckBox(_("Skyddad identitet (skyddad folkbokföring/sekretessmarkering)"), self)
        self.protected.setAccessibleName(_("Skyddad identitet"))
        self.language = client_language_combo(self, allow_unset=True)
        self.language.setAccessibleName(_("Språk för utskrifter till personen"))
        for label, widget in ((_("&Förnamn:"), self.given), (_("&Efternamn:"), self.family),
                              (_("&Roll:"), self.role), (_("&Typ av nummer:"), self.id_kind),
                              (_("N&ummer:"), self.number), ("", self.protected),
                              (_("&Språk för utskrifter:"), self.language)):
            if label:
                buddy = QLabel(label, self)
                buddy.setBuddy(widget)
                form.addRow(buddy, widget)
            else:
                form.addRow(widget)
        lay.addLayout(form)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        self.create_button = buttons.addButton(_("Skapa ärendet"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setAccessibleName(_("Skapa ärendet"))
        self.create_button.setDefault(True)
        cancel = buttons.addButton(_("Avbryt"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName(_("Avbryt"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.id_kind.currentIndexChanged.connect(self._sync)
        self._sync()
        self.given.setFocus()

    def _line(self, name: str) -> QLineEdit:
        line = QLineEdit(self)
        line.setAccessibleName(name)
        line.setMaxLength(80)
        return line

    def _sync(self) -> None:
        self.number.setEnabled(self.id_kind.currentData() != "okant")

    def value(self) -> PersonInput:
        kind = self.id_kind.currentData()
        return PersonInput(role=self.role.currentData(), given_name=self.given.text().strip(),
                           family_name=self.family.text().strip(), id_kind=kind,
                           number=self.number.text().strip() if kind != "okant" else "",
                           protected_identity=self.protected.isChecked())

    def save(self) -> None:
        self.error.clear_error()
        try:
            person = self.value()
        except ValidationError:
            self.error.show_error(_("Fyll i förnamn och efternamn."))
            (self.family if self.given.text().strip() else self.given).setFocus()
            return
        try:
            self.change = self._submit(person, self.language.currentData())
        except StodError as err:
            self.error.show_error(str(err))  # nothing was saved: the case and the person are one transaction
            return
        self.accept()

    def clear_sensitive(self) -> None:
        for line in (self.given, self.family, self.number):
            line.clear()
