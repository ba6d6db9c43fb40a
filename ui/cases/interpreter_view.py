"""Interpreter view: the questions of a checklist in Swedish beside another locale, for talks through an interpreter."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.asking_models import SCREENING_ID
from stodapp.cases.interpreter import checklist_title, checklists_with_locales, language_name, side_by_side
from stodapp.i18n import _, current_language


class InterpreterView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Tolkvy"))
        self.setAccessibleName(_("Tolkvy"))
        self.resize(900, 560)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self._available = checklists_with_locales()
        self.checklist = QComboBox(self)
        self.checklist.setAccessibleName(_("Checklista"))
        for cid in self._available:
            self.checklist.addItem(checklist_title(cid), cid)
        self.lang = QComboBox(self)
        self.lang.setAccessibleName(_("Språk bredvid svenska"))
        form.addRow(_("Checklista"), self.checklist)
        form.addRow(_("Språk bredvid svenska"), self.lang)
        lay.addLayout(form)
        self.titles = QLabel(self)
        self.titles.setWordWrap(True)
        lay.addWidget(self.titles)
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName(_("Frågor på två språk"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        # row heights follow the column widths (wrapped text)
        self.table.horizontalHeader().sectionResized.connect(
            lambda *_a: QTimer.singleShot(0, self.table.resizeRowsToContents))
        self.checklist.currentIndexChanged.connect(self._locales)
        self.lang.currentIndexChanged.connect(self.show_sheet)
        index = self.checklist.findData(SCREENING_ID)
        self.checklist.setCurrentIndex(max(index, 0))
        self._locales()

    def _locales(self) -> None:
        self.lang.blockSignals(True)
        self.lang.clear()
        for loc in self._available.get(self.checklist.currentData(), ()):
            self.lang.addItem(language_name(loc, current_language()), loc)
        self.lang.blockSignals(False)
        self.show_sheet()

    def show_sheet(self) -> None:
        cid, loc = self.checklist.currentData(), self.lang.currentData()
        if cid is None or loc is None:
            self.table.setRowCount(0)
            return
        sheet = side_by_side(cid, loc)
        self.titles.setText(f"{sheet.swedish_title}  |  {sheet.other_title}")
        self.table.setHorizontalHeaderLabels([_("Svenska"), language_name(loc, current_language()).capitalize()])
        self.table.setRowCount(len(sheet.rows))
        for r, row in enumerate(sheet.rows):
            self.table.setItem(r, 0, QTableWidgetItem(row.swedish))
            self.table.setItem(r, 1, QTableWidgetItem(row.other or "–"))
