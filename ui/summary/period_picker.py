"""Month period picker: from/to month (YYYY-MM) with month, quarter and year presets; validates nothing itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from stodapp.i18n import N_, _

#: Preset code -> Swedish label. "custom" is shown when the months were edited by hand.
PRESETS: dict[str, str] = {
    "last_month": N_("Förra månaden"),
    "this_month": N_("Den här månaden"),
    "last_quarter": N_("Förra kvartalet"),
    "this_quarter": N_("Det här kvartalet"),
    "last_year": N_("Förra året"),
    "this_year": N_("Hittills i år"),
    "custom": N_("Egen period"),
}


def preset_months(code: str, today: date) -> tuple[str, str]:
    """The (first, last) months of a preset relative to `today`; the current month counts as begun."""
    index = today.year * 12 + today.month - 1

    def label(k: int) -> str:
        return f"{k // 12:04d}-{k % 12 + 1:02d}"

    quarter_start = index - (today.month - 1) % 3
    year_start = index - (today.month - 1)
    if code == "last_month":
        return label(index - 1), label(index - 1)
    if code == "this_month":
        return label(index), label(index)
    if code == "last_quarter":
        return label(quarter_start - 3), label(quarter_start - 1)
    if code == "this_quarter":
        return label(quarter_start), label(index)
    if code == "last_year":
        return label(year_start - 12), label(year_start - 1)
    if code == "this_year":
        return label(year_start), label(index)
    raise ValueError(f"unknown preset {code!r}")


def _month_edit(accessible: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("yyyy-MM")
    edit.setCalendarPopup(False)
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setMaximumDate(QDate(2099, 12, 1))
    edit.setAccessibleName(accessible)
    return edit


class MonthPeriodPicker(QWidget):
    """Two month fields and a preset list. The service validates the period (empty, future, too long)."""

    sig_changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._applying = False
        self.preset = QComboBox()
        for code, text in PRESETS.items():
            self.preset.addItem(_(text), code)
        self.preset.setAccessibleName(_("Förvald period"))
        self.first_edit = _month_edit(_("Från månad"))
        self.last_edit = _month_edit(_("Till månad"))
        from_label = QLabel(_("Från"))
        from_label.setBuddy(self.first_edit)
        to_label = QLabel(_("till"))
        to_label.setBuddy(self.last_edit)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preset)
        row.addWidget(from_label)
        row.addWidget(self.first_edit)
        row.addWidget(to_label)
        row.addWidget(self.last_edit)
        row.addStretch(1)
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.first_edit.dateChanged.connect(self._edited)
        self.last_edit.dateChanged.connect(self._edited)
        self.apply_preset("last_month")

    def first(self) -> str:
        return self.first_edit.date().toString("yyyy-MM")

    def last(self) -> str:
        return self.last_edit.date().toString("yyyy-MM")

    def set_months(self, first: str, last: str) -> None:
        """Set both months (YYYY-MM) by hand; the preset list shows "Egen period"."""
        self.first_edit.setDate(QDate.fromString(first + "-01", "yyyy-MM-dd"))
        self.last_edit.setDate(QDate.fromString(last + "-01", "yyyy-MM-dd"))

    def apply_preset(self, code: str) -> None:
        if code == "custom":
            return
        first, last = preset_months(code, self._today())
        self._applying = True
        try:
            self.preset.setCurrentIndex(self.preset.findData(code))
            self.set_months(first, last)
        finally:
            self._applying = False
        self.sig_changed.emit()

    def _preset_chosen(self, index: int) -> None:
        code = self.preset.currentData()
        if not self._applying and index >= 0 and code is not None:  # -1 while the combo is cleared or torn down
            self.apply_preset(str(code))

    def _edited(self) -> None:
        if self._applying:
            return
        self._applying = True
        try:
            self.preset.setCurrentIndex(self.preset.findData("custom"))
        finally:
            self._applying = False
        self.sig_changed.emit()
