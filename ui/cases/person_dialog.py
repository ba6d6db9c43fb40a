"""Dialog to add a person to a case: role, names, identity number, sex, groups, interpreter, protected identity."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError
from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.models import GROUPS, ROLES, Interpreter, PersonInput
from stodapp.changes import Change
from stodapp.errors import StodError
from stodapp.i18n import N_, _
from ui.cases.error_line import ErrorLine

ID_KINDS = {"personnummer": N_("Personnummer"), "samordningsnummer": N_("Samordningsnummer"),
            "reservnummer": N_("Reservnummer"), "okant": N_("Okänt")}
SEXES = {"kvinna": N_("Kvinna"), "man": N_("Man"), "annat": N_("Annat"), "okant": N_("Okänt")}


class PersonDialog(QDialog):
    def __init__(self, submit: Callable[[PersonInput], Change], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self.setWindowTitle(_("Lägg till person"))
        self.setAccessibleName(_("Lägg till person"))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.role = self._combo({k: _(v) for k, v in ROLES.items()}, _("Roll"))
        self.given = self._line(_("Förnamn"))
        self.family = self._line(_("Efternamn"))
        self.id_kind = self._combo({k: _(v) for k, v in ID_KINDS.items()}, _("Typ av nummer"))
        self.number = self._line(_("Nummer"))
        self.number.setPlaceholderText(_("ÅÅÅÅMMDD-NNNN"))
        self.known_birth = QCheckBox(_("Födelsedatum känt"), self)
        self.known_birth.setAccessibleName(_("Födelsedatum känt"))
        self.birth = QDateEdit(self)
        self.birth.setAccessibleName(_("Födelsedatum"))
        self.birth.setCalendarPopup(True)
        self.birth.setDisplayFormat("yyyy-MM-dd")
        self.birth.setDate(QDate(2015, 1, 1))
        self.sex = self._combo({k: _(v) for k, v in SEXES.items()}, _("Kön"))
        for label, w in ((_("Roll"), self.role), (_("Förnamn"), self.given), (_("Efternamn"), self.family),
                         (_("Typ av nummer"), self.id_kind), (_("Nummer"), self.number),
                         ("", self.known_birth), (_("Födelsedatum"), self.birth), (_("Kön"), self.sex)):
            form.addRow(label, w)
        lay.addLayout(form)
        groups_box = QGroupBox(_("Grupper i särskilt utsatt situation"), self)
        grid = QGridLayout(groups_box)
        self.groups: dict[str, QCheckBox] = {}
        for i, (key, label) in enumerate(GROUPS.items()):
            box = QCheckBox(_(label), groups_box)
            box.setAccessibleName(_(label))
            self.groups[key] = box
            grid.addWidget(box, i // 3, i % 3)
        lay.addWidget(groups_box)
        interp = QGroupBox(_("Tolk"), self)
        iform = QFormLayout(interp)
        self.language = self._line(_("Tolkspråk"), interp)
        self.sign = QCheckBox(_("Teckenspråk"), interp)
        self.sign.setAccessibleName(_("Teckenspråk"))
        self.same = QCheckBox(_("Samma tolk som tidigare"), interp)
        self.same.setAccessibleName(_("Samma tolk som tidigare"))
        iform.addRow(_("Språk"), self.language)
        iform.addRow(self.sign)
        iform.addRow(self.same)
        lay.addWidget(interp)
        self.protected = QCheckBox(_("Skyddad identitet (skyddad folkbokföring/sekretessmarkering)"), self)
        self.protected.setAccessibleName(_("Skyddad identitet"))
        self.address = self._line(_("Adress"))
        aform = QFormLayout()
        aform.addRow(self.protected)
        aform.addRow(_("Adress"), self.address)
        lay.addLayout(aform)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Spara"))
        buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName(_("Spara person"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Avbryt"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_("Avbryt"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.id_kind.currentIndexChanged.connect(self._sync)
        self.known_birth.toggled.connect(self._sync)
        self._sync()

    def _combo(self, items: dict[str, str], name: str) -> QComboBox:
        box = QComboBox(self)
        box.setAccessibleName(name)
        for key, label in items.items():
            box.addItem(label, key)
        return box

    def _line(self, name: str, parent: QWidget | None = None) -> QLineEdit:
        line = QLineEdit(parent or self)
        line.setAccessibleName(name)
        return line

    def _sync(self) -> None:
        kind = self.id_kind.currentData()
        self.number.setEnabled(kind != "okant")
        has_pnr = kind in ("personnummer", "samordningsnummer")
        self.known_birth.setEnabled(not has_pnr)
        self.birth.setEnabled(not has_pnr and self.known_birth.isChecked())

    def value(self) -> PersonInput:
        kind = self.id_kind.currentData()
        birth = None
        if kind not in ("personnummer", "samordningsnummer") and self.known_birth.isChecked():
            birth = self.birth.date().toPython()
        return PersonInput(
            role=self.role.currentData(), given_name=self.given.text().strip(),
            family_name=self.family.text().strip(), id_kind=kind,
            number=self.number.text() if kind != "okant" else "", birth_date=birth,  # type: ignore[arg-type]
            sex=self.sex.currentData(),
            interpreter=Interpreter(language=self.language.text().strip(), sign_language=self.sign.isChecked(),
                                    same_as_before=self.same.isChecked()),
            groups=tuple(k for k, box in self.groups.items() if box.isChecked()),
            protected_identity=self.protected.isChecked(), address=self.address.text())

    def save(self) -> None:
        self.error.clear_error()
        try:
            self._submit(self.value())
        except ValidationError:
            self.error.show_error(_("Fyll i förnamn och efternamn."))
            return
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.accept()
