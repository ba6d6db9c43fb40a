"""DateField: a date picker (calendar popup, ISO display) that may also be empty ("– ej angivet –")."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from stodapp.i18n import _

EMPTY = QDate(1900, 1, 1)  # the minimum date stands for "no date"; shown as the special value text


class DateField(QDateEdit):
    """`value()` is a `datetime.date` or None; typing works as well as the calendar (Alt+Down opens it)."""

    def __init__(self, name: str, parent: QWidget | None = None, *, optional: bool = True,
                 initial: date | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.lineEdit().setAccessibleName(name)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self._optional = optional
        if optional:
            self.setMinimumDate(EMPTY)
            self.setSpecialValueText(_("– ej angivet –"))
        self.set_value(initial)

    def value(self) -> date | None:
        q = self.date()
        if self._optional and q == EMPTY:
            return None
        return date(q.year(), q.month(), q.day())

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.setDate(EMPTY if self._optional else self.minimumDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))
