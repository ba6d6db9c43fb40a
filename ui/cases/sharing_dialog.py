"""Dialog for the police sharing log of a case: the entries so far and a form to add one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pydantic import ValidationError
from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.followup_models import SharingInput, SharingView
from stodapp.changes import Change
from stodapp.errors import StodError
from stodapp.i18n import N_, _
from ui.cases.error_line import ErrorLine

DIRECTIONS: dict[str, str] = {
    "till_polis": N_("Lämnat till polisen"),
    "fran_polis": N_("Mottaget från polisen"),
}
BASES: dict[str, str] = {
    "samtycke": N_("Samtycke från personen"),
    "lagstod": N_("Stöd i lag (sekretessbrytande bestämmelse)"),
}
KINDS = (N_("Riskbedömning"), N_("Farlighetsbedömning"), N_("Bedömning av hedersrelaterat våld"),
         N_("Våldsbeskrivning"), N_("Säkerhetsplan"))
_FIELD_ERRORS = {
    "what": N_("Skriv vad som delades (minst tre tecken)."),
    "decided_by": N_("Skriv vem som beslutade om delningen."),
}


class SharingDialog(QDialog):
    sig_recorded = Signal(object)  # the Change

    def __init__(self, load: Callable[[], list[SharingView]], submit: Callable[[SharingInput], Change],
                 today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load, self._submit = load, submit
        self.setWindowTitle(_("Delning med polisen"))
        self.setAccessibleName(_("Delning med polisen"))
        self.resize(760, 560)
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 5, self)
        self.table.setAccessibleName(_("Logg över delning med polisen"))
        self.table.setHorizontalHeaderLabels([_("Datum"), _("Riktning"), _("Vad"), _("Grund"), _("Beslutat av")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.table, 1)
        self.empty = QLabel(_("Inga uppgifter har delats med polisen i ärendet."), self)
        lay.addWidget(self.empty)

        box = QGroupBox(_("Registrera en delning"), self)
        form = QFormLayout(box)
        self.direction = QComboBox(box)
        self.direction.setAccessibleName(_("Riktning"))
        for key, label in DIRECTIONS.items():
            self.direction.addItem(_(label), key)
        self.shared_on = QDateEdit(QDate(today.year, today.month, today.day), box)
        self.shared_on.setAccessibleName(_("Datum för delningen"))
        self.shared_on.setDisplayFormat("yyyy-MM-dd")
        self.shared_on.setCalendarPopup(True)
        self.what = QComboBox(box)
        self.what.setEditable(True)
        self.what.setAccessibleName(_("Vad delades"))
        for kind in KINDS:
            self.what.addItem(_(kind))
        self.basis = QComboBox(box)
        self.basis.setAccessibleName(_("Grund för delningen"))
        self.basis.addItem(_("Välj grund…"), None)
        for key, label in BASES.items():
            self.basis.addItem(_(label), key)
        self.legal_ref = QLineEdit(box)
        self.legal_ref.setAccessibleName(_("Lagstöd"))
        self.legal_ref.setPlaceholderText(_("Till exempel 10 kap. 21 § offentlighets- och sekretesslagen"))
        self.legal_ref.setToolTip(self.legal_ref.placeholderText())
        self.decided_by = QLineEdit(box)
        self.decided_by.setAccessibleName(_("Beslutat av"))
        self.decided_by.setPlaceholderText(_("Namn och befattning"))
        for label, w in ((_("Riktning"), self.direction), (_("Datum"), self.shared_on), (_("Vad"), self.what),
                         (_("Grund"), self.basis), (_("Lagstöd"), self.legal_ref),
                         (_("Beslutat av"), self.decided_by)):
            form.addRow(label, w)
        self.add_button = QPushButton(_("&Lägg till i loggen"), box)
        self.add_button.setAccessibleName(_("Lägg till i loggen"))
        form.addRow("", self.add_button)
        lay.addWidget(box)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        self.status = QLabel("", self)
        self.status.setAccessibleName(_("Status"))
        lay.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Stäng"))
        close.setAccessibleName(_("Stäng"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.add_button.clicked.connect(self.add)
        self.basis.currentIndexChanged.connect(self._sync)
        self._sync()
        self.reload()

    def _sync(self) -> None:
        self.legal_ref.setEnabled(self.basis.currentData() == "lagstod")

    def reload(self) -> None:
        try:
            entries = self._load()
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            basis = _(BASES.get(e.basis, e.basis))
            if e.basis == "lagstod" and e.legal_ref:
                basis = _("Lagstöd: {ref}").format(ref=e.legal_ref)
            elif e.basis == "samtycke":
                basis = _("Samtycke")
            values = (e.shared_on.isoformat(), _(DIRECTIONS.get(e.direction, e.direction)), e.what, basis,
                      e.decided_by)
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self.empty.setVisible(not entries)

    def value(self) -> SharingInput:
        """The form as a SharingInput; pydantic raises ValidationError for missing or too short text."""
        return SharingInput(
            direction=self.direction.currentData(), shared_on=self.shared_on.date().toPython(),  # type: ignore[arg-type]
            what=self.what.currentText().strip(), basis=self.basis.currentData(),
            legal_ref=self.legal_ref.text().strip() if self.legal_ref.isEnabled() else "",
            decided_by=self.decided_by.text().strip())

    def add(self) -> None:
        self.error.clear_error()
        self.status.clear()
        if self.basis.currentData() is None:
            self.error.show_error(_("Välj om uppgifterna delades med samtycke eller med stöd i lag."))
            return
        try:
            change = self._submit(self.value())
        except ValidationError as err:
            field = str(err.errors()[0]["loc"][0]) if err.errors() else ""
            self.error.show_error(_(_FIELD_ERRORS.get(field, N_("Kontrollera uppgifterna i formuläret."))))
            return
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.legal_ref.clear()
        self.decided_by.clear()
        self.basis.setCurrentIndex(0)
        self.status.setText(_("Delningen är registrerad."))
        self.reload()
        self.sig_recorded.emit(change)
