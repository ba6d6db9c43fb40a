"""A date (and for the outcome, which outcome) for tracking steps: acknowledged, feedback, outcome."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QWidget

from stodapp.concerns.tracking import OUTCOME_LABELS, Outcome
from stodapp.i18n import _


class TrackDialog(QDialog):
    """`with_outcome=True` adds the outcome choice (investigation opened / support / none / unknown)."""

    def __init__(self, title: str, today: date, *, with_outcome: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.on = QDateEdit(QDate(today.year, today.month, today.day))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        self.on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.on.setAccessibleName(_("Datum"))
        form = QFormLayout(self)
        form.addRow(_("Datum"), self.on)
        self.outcome: QComboBox | None = None
        if with_outcome:
            self.outcome = QComboBox()
            for o in Outcome:
                self.outcome.addItem(_(OUTCOME_LABELS[o]), o.value)
            self.outcome.setAccessibleName(_("Utfall"))
            form.addRow(_("Utfall"), self.outcome)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        for b, text in ((QDialogButtonBox.StandardButton.Ok, _("Spara")),
                        (QDialogButtonBox.StandardButton.Cancel, _("Avbryt"))):
            buttons.button(b).setText(text)
            buttons.button(b).setAccessibleName(text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def date_value(self) -> date:
        q = self.on.date()
        return date(q.year(), q.month(), q.day())

    def outcome_value(self) -> str:
        return str(self.outcome.currentData()) if self.outcome is not None else ""
