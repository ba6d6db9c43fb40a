"""Record that a signed report was sent: when, to which municipality (the child's home) and how."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from stodapp import municipalities
from stodapp.concerns.tracking import SEND_METHOD_LABELS, SendMethod
from stodapp.i18n import _


class SentDialog(QDialog):
    def __init__(self, today: date, home_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Markera som skickad"))
        self.setAccessibleName(_("Markera som skickad"))
        self.home_code = home_code
        self.on = QDateEdit(QDate(today.year, today.month, today.day))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.on.setAccessibleName(_("Datum då anmälan skickades"))
        self.method = QComboBox()
        for method in SendMethod:
            self.method.addItem(_(SEND_METHOD_LABELS[method]), method.value)
        self.method.setAccessibleName(_("Hur anmälan skickades"))
        label = municipalities.by_code(home_code).label() if home_code else _("ingen hemkommun vald")
        self.to = QLabel(label)
        self.to.setAccessibleName(_("Mottagande kommun"))
        form = QFormLayout(self)
        form.addRow(_("Skickad till (barnets hemkommun)"), self.to)
        form.addRow(_("Datum"), self.on)
        form.addRow(_("Sätt"), self.method)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        for b, text in ((QDialogButtonBox.StandardButton.Ok, _("Spara")),
                        (QDialogButtonBox.StandardButton.Cancel, _("Avbryt"))):
            buttons.button(b).setText(text)
            buttons.button(b).setAccessibleName(text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[date, str, str]:
        q = self.on.date()
        return date(q.year(), q.month(), q.day()), self.home_code, str(self.method.currentData())
