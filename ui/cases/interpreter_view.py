"""Interpreter view: the questions of a checklist in Swedish beside another locale, for talks through an interpreter."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.asking_models import SCREENING_ID
from stodapp.cases.interpreter import checklist_title, checklists_with_locales, language_name, side_by_side
from stodapp.client_lang.languages import LANGUAGES, NOT_REVIEWED
from stodapp.i18n import _, current_language


class _DirectionDelegate(QStyledItemDelegate):
    """Draws the other-language column in that language's direction (Arabic, Persian right to left)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.direction = Qt.LayoutDirection.LeftToRight

    def initStyleOption(  # noqa: N802 (Qt API)
            self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.direction = self.direction


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
        self.other_title = QLabel(self)
        self.other_title.setWordWrap(True)
        self.other_title.setAccessibleName(_("Rubrik på det andra språket"))
        lay.addWidget(self.other_title)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(_("Om översättningen"))
        lay.addWidget(self.notice)
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName(_("Frågor på två språk"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        self.other_delegate = _DirectionDelegate(self.table)
        self.table.setItemDelegateForColumn(1, self.other_delegate)
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
            name = language_name(loc, current_language())
            if loc in LANGUAGES and LANGUAGES[loc].endonym != name:
                name = f"{name} ({LANGUAGES[loc].endonym})"
            self.lang.addItem(name, loc)
        self.lang.blockSignals(False)
        self.show_sheet()

    def show_sheet(self) -> None:
        cid, loc = self.checklist.currentData(), self.lang.currentData()
        if cid is None or loc is None:
            self.table.setRowCount(0)
            return
        sheet = side_by_side(cid, loc)
        direction = Qt.LayoutDirection.RightToLeft if sheet.rtl else Qt.LayoutDirection.LeftToRight
        self.titles.setText(sheet.swedish_title)
        self.other_title.setText(sheet.other_title or "–")
        self.other_title.setLayoutDirection(direction)
        # AlignAbsolute: "right" means the right edge even in a right-to-left widget (Qt mirrors it otherwise)
        side = Qt.AlignmentFlag.AlignRight if sheet.rtl else Qt.AlignmentFlag.AlignLeft
        self.other_title.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
        self.notice.setText("" if sheet.reviewed else
                            f"{NOT_REVIEWED}." + (f"  {sheet.notice}" if sheet.notice else ""))
        self.notice.setVisible(not sheet.reviewed)
        self.other_delegate.direction = direction
        self.table.setHorizontalHeaderLabels([_("Svenska"), language_name(loc, current_language()).capitalize()])
        self.table.setRowCount(len(sheet.rows))
        align = side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
        for r, row in enumerate(sheet.rows):
            self.table.setItem(r, 0, QTableWidgetItem(row.swedish))
            other = QTableWidgetItem(row.other or "–")
            other.setTextAlignment(align)
            self.table.setItem(r, 1, other)
        QTimer.singleShot(0, self.table.resizeRowsToContents)
