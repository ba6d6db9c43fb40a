"""The concern form's fields, built the same way: named for screen readers, dates with "Okänt" where allowed."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit

from stodapp.i18n import _

UNKNOWN_DATE = QDate(1900, 1, 1)


def line(name: str, placeholder: str = "") -> QLineEdit:
    w = QLineEdit()
    w.setAccessibleName(name)
    w.setPlaceholderText(placeholder)
    return w


def text(name: str, placeholder: str = "") -> QPlainTextEdit:
    w = QPlainTextEdit()
    w.setAccessibleName(name)
    w.setPlaceholderText(placeholder)
    w.setTabChangesFocus(True)  # keyboard users leave the field with Tab
    w.setMinimumHeight(70)
    return w


def check(label: str, name: str = "") -> QCheckBox:
    w = QCheckBox(label)
    w.setAccessibleName(name or label)
    return w


def combo(name: str, items: list[tuple[str, Any]]) -> QComboBox:
    w = QComboBox()
    w.setAccessibleName(name)
    for label, data in items:
        w.addItem(label, data)
    return w


def tri(name: str) -> QComboBox:
    return combo(name, [(_("Ej angivet"), None), (_("Ja"), True), (_("Nej"), False)])


def date_field(name: str, today: date, *, unknown_allowed: bool = False) -> QDateEdit:
    w = QDateEdit()
    w.setAccessibleName(name)
    w.setCalendarPopup(True)
    w.setDisplayFormat("yyyy-MM-dd")
    w.setMaximumDate(QDate(today.year, today.month, today.day))
    if unknown_allowed:
        w.setMinimumDate(UNKNOWN_DATE)
        w.setSpecialValueText(_("Okänt"))
    return w


def qdate(d: date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d else UNKNOWN_DATE


def pydate(q: QDate) -> date | None:
    return None if q == UNKNOWN_DATE else date(q.year(), q.month(), q.day())
