"""AssessmentHistoryList: a case's earlier assessments, newest first, each row labelled for a screen reader too;
the local and the server Checklistor pages show the same list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from stodapp.checklists.store_views import AssessmentSummary
from stodapp.i18n import _
from ui.checklists.page_text import history_label

_ROW = Qt.ItemDataRole.UserRole + 1


class AssessmentHistoryList(QListWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Tidigare bedömningar"))
        self.setWordWrap(True)

    def show_rows(self, rows: list[AssessmentSummary], chosen: object = None) -> None:
        """Show `rows`; then select the one with id `chosen` (just saved or opened) if it is among them."""
        self.clear()
        for row in rows:
            label = history_label(row)
            item = QListWidgetItem(label)
            item.setToolTip(label)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setData(_ROW, row)
            self.addItem(item)
        if chosen is not None:
            for i in range(self.count()):
                if self.item(i).data(Qt.ItemDataRole.UserRole) == chosen:
                    self.setCurrentRow(i)
                    break

    def selected_row(self) -> AssessmentSummary | None:
        item = self.currentItem()
        if item is None:
            return None
        row: AssessmentSummary = item.data(_ROW)
        return row
