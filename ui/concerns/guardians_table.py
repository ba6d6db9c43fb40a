"""The guardians of the child: name, who they are, contact, lives with the child, protected identity."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stodapp.concerns.model import Guardian
from stodapp.i18n import _

NAME, RELATION, PHONE, ADDRESS, LIVES, PROTECTED = range(6)


class GuardiansTable(QWidget):
    """Editable list of guardians; a protected guardian's phone and address cells stay empty and locked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [_("Namn"), _("Relation till barnet"), _("Telefon"), _("Adress"), _("Bor med barnet"),
             _("Skyddad identitet")]
        )
        self.table.setAccessibleName(_("Vårdnadshavare"))
        header = self.table.horizontalHeader()
        for col, mode in ((NAME, QHeaderView.ResizeMode.Stretch), (RELATION, QHeaderView.ResizeMode.Stretch),
                          (PHONE, QHeaderView.ResizeMode.Interactive), (ADDRESS, QHeaderView.ResizeMode.Stretch),
                          (LIVES, QHeaderView.ResizeMode.ResizeToContents),
                          (PROTECTED, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(col, mode)
        self.table.setColumnWidth(PHONE, 130)
        for col in range(self.table.columnCount()):  # a squeezed header is elided; its tooltip says it whole
            head = self.table.horizontalHeaderItem(col)
            if head is not None:
                head.setToolTip(head.text())
        self.table.setWordWrap(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setMinimumWidth(480)
        self.table.setMinimumHeight(110)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrow keys move between cells
        self.add_button = QPushButton(_("Lägg till vårdnadshavare"))
        self.add_button.setAccessibleName(_("Lägg till vårdnadshavare"))
        self.remove_button = QPushButton(_("Ta bort markerad"))
        self.remove_button.setAccessibleName(_("Ta bort markerad vårdnadshavare"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self._remove)
        self.table.itemChanged.connect(self._item_changed)
        self._read_only = False

    def load(self, guardians: tuple[Guardian, ...]) -> None:
        self.table.setRowCount(0)
        for g in guardians:
            self.add_row(g)

    def add_row(self, g: Guardian | None = None) -> None:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        texts = (g.name, g.relation, g.phone, g.address) if g else ("", "", "", "")
        for col, text in enumerate(texts):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            self.table.setItem(row, col, cell)
        for col, checked in ((LIVES, g.lives_with_child if g else True),
                             (PROTECTED, g.protected_identity if g else False)):
            item = QTableWidgetItem(_("Ja") if checked else _("Nej"))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self._lock_protected(row)
        if g is None:
            self.table.setCurrentCell(row, NAME)
            first = self.table.item(row, NAME)
            if first is not None:
                self.table.editItem(first)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() not in (LIVES, PROTECTED) and item.toolTip() != item.text():
            self.table.blockSignals(True)
            item.setToolTip(item.text())  # the whole text of a cell the narrow column elides
            self.table.blockSignals(False)
        if item.column() in (LIVES, PROTECTED):
            self.table.blockSignals(True)
            item.setText(_("Ja") if item.checkState() == Qt.CheckState.Checked else _("Nej"))
            self.table.blockSignals(False)
        if item.column() == PROTECTED:
            self._lock_protected(item.row())

    def _lock_protected(self, row: int) -> None:
        """A protected guardian's contact details never go into the report: clear and lock those cells."""
        protected_item = self.table.item(row, PROTECTED)
        protected = protected_item is not None and protected_item.checkState() == Qt.CheckState.Checked
        self.table.blockSignals(True)
        for col in (PHONE, ADDRESS):
            item = self.table.item(row, col)
            if item is None:
                continue
            if protected:
                item.setText("")
                item.setToolTip(_("Skyddad identitet: anges inte i anmälan"))
                item.setFlags(Qt.ItemFlag.ItemIsSelectable)
            else:
                item.setToolTip(item.text())
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable)
        self.table.blockSignals(False)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def values(self) -> list[dict[str, Any]]:
        """Rows as dicts for the report model (completely empty rows are skipped)."""
        out: list[dict[str, Any]] = []
        for row in range(self.table.rowCount()):
            def text(col: int, r: int = row) -> str:
                item = self.table.item(r, col)
                return item.text().strip() if item is not None else ""

            def checked(col: int, r: int = row) -> bool:
                item = self.table.item(r, col)
                return item is not None and item.checkState() == Qt.CheckState.Checked

            if not any(text(c) for c in (NAME, RELATION, PHONE, ADDRESS)):
                continue
            protected = checked(PROTECTED)
            out.append({
                "name": text(NAME),
                "relation": text(RELATION),
                "phone": "" if protected else text(PHONE),
                "address": "" if protected else text(ADDRESS),
                "lives_with_child": checked(LIVES),
                "protected_identity": protected,
            })
        return out

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.table.setEditTriggers(
            QTableWidget.EditTrigger.NoEditTriggers if read_only
            else QTableWidget.EditTrigger.DoubleClicked | QTableWidget.EditTrigger.EditKeyPressed
            | QTableWidget.EditTrigger.AnyKeyPressed
        )
        for row in range(self.table.rowCount()):
            for col in (LIVES, PROTECTED):
                item = self.table.item(row, col)
                if item is not None:
                    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    item.setFlags(flags if read_only else flags | Qt.ItemFlag.ItemIsUserCheckable)
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
