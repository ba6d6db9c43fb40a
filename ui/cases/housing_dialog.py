"""Dialog for protected-housing placements of a case: list, record a placement, end one (re-assessment due)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.housing import PlacementView
from stodapp.cases.models import CaseView
from stodapp.errors import StodError
from stodapp.i18n import _
from ui.cases.error_line import ErrorLine

if TYPE_CHECKING:
    from stodapp.cases.housing import HousingService


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


class HousingDialog(QDialog):
    sig_changed = Signal(object)  # the Change

    def __init__(self, housing: HousingService, case: CaseView, today: date, parent: QWidget | None = None) -> None:
        """`housing` is the case service's HousingService (place, end, placements)."""
        super().__init__(parent)
        self._housing, self._case = housing, case
        self._names = {p.id: p.name for p in case.persons}
        self.placements: list[PlacementView] = []
        self.setWindowTitle(_("Skyddat boende"))
        self.setAccessibleName(_("Skyddat boende"))
        self.resize(680, 520)
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName(_("Placeringar i skyddat boende"))
        self.table.setHorizontalHeaderLabels([_("Person"), _("Placerad som"), _("Från"), _("Till")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        lay.addWidget(self.table, 1)

        place_box = QGroupBox(_("Ny placering"), self)
        pf = QFormLayout(place_box)
        self.person = QComboBox(place_box)
        self.person.setAccessibleName(_("Person som placeras"))
        for p in case.persons:
            if p.role != "utovare":  # the person using violence is never placed in protected housing
                self.person.addItem(p.name, p.id)
        self.started_on = QDateEdit(_qdate(today), place_box)
        self.started_on.setAccessibleName(_("Placeringens startdatum"))
        self.started_on.setDisplayFormat("yyyy-MM-dd")
        self.started_on.setCalendarPopup(True)
        self.place_button = QPushButton(_("&Registrera placering"), place_box)
        self.place_button.setAccessibleName(_("Registrera placering"))
        pf.addRow(_("Person"), self.person)
        pf.addRow(_("Från"), self.started_on)
        pf.addRow("", self.place_button)
        lay.addWidget(place_box)

        end_box = QGroupBox(_("Avsluta vald placering"), self)
        el = QHBoxLayout(end_box)
        el.addWidget(QLabel(_("Slutdatum"), end_box))
        self.ended_on = QDateEdit(_qdate(today), end_box)
        self.ended_on.setAccessibleName(_("Placeringens slutdatum"))
        self.ended_on.setDisplayFormat("yyyy-MM-dd")
        self.ended_on.setCalendarPopup(True)
        el.addWidget(self.ended_on)
        self.end_button = QPushButton(_("&Avsluta placeringen"), end_box)
        self.end_button.setAccessibleName(_("Avsluta vald placering"))
        el.addWidget(self.end_button)
        el.addStretch(1)
        lay.addWidget(end_box)

        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        self.notice = QLabel("", self)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(_("Omprövning"))
        self.notice.setStyleSheet("QLabel { background: #fff1c2; padding: 4px; }")
        self.notice.hide()
        lay.addWidget(self.notice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(_("Stäng"))
        close.setAccessibleName(_("Stäng"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.place_button.clicked.connect(self.place)
        self.end_button.clicked.connect(self.end_selected)
        self.table.itemSelectionChanged.connect(self._sync)
        self.place_button.setEnabled(self.person.count() > 0)
        self.reload()

    def reload(self) -> None:
        try:
            self.placements = self._housing.placements(self._case.id)
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.table.setRowCount(len(self.placements))
        for r, p in enumerate(self.placements):
            values = (self._names.get(p.person_id or 0, _("(borttagen person)")),
                      _("Barn") if p.placed == "barn" else _("Vuxen"), p.started_on.isoformat(),
                      p.ended_on.isoformat() if p.ended_on else _("pågår"))
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(v))
        self._sync()

    def selected(self) -> PlacementView | None:
        row = self.table.currentRow()
        return self.placements[row] if 0 <= row < len(self.placements) else None

    def _sync(self) -> None:
        chosen = self.selected()
        self.end_button.setEnabled(chosen is not None and chosen.ended_on is None)

    def place(self) -> None:
        self.error.clear_error()
        person_id = self.person.currentData()
        if person_id is None:
            self.error.show_error(_("Lägg först till personen i ärendet."))
            return
        try:
            change = self._housing.place(self._case.id, int(person_id),
                                         started_on=self.started_on.date().toPython())  # type: ignore[arg-type]  # PySide6 stubs say object
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.notice.hide()
        self.reload()
        self.sig_changed.emit(change)

    def end_selected(self) -> None:
        self.error.clear_error()
        chosen = self.selected()
        if chosen is None or chosen.ended_on is not None:
            self.error.show_error(_("Välj en pågående placering i listan först."))
            return
        ended: date = self.ended_on.date().toPython()  # type: ignore[assignment]
        try:
            change = self._housing.end(chosen.id, ended_on=ended)
        except StodError as err:
            self.error.show_error(str(err))
            return
        name = self._names.get(chosen.person_id or 0, "")
        self.notice.setText(_("Placeringen för {name} avslutades {day}. En ny riskbedömning ska göras nu: "
                              "personen lämnar skyddat boende. Omprövningen är registrerad i ärendet.")
                            .format(name=name, day=ended.isoformat()))
        self.notice.setAccessibleDescription(self.notice.text())
        self.notice.show()
        self.reload()
        self.sig_changed.emit(change)
