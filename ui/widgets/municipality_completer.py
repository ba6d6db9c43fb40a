"""A completer of all 290 municipalities for a line edit: matches names in any case and typed without å/ä/ö."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QWidget

from stodapp import municipalities

#: The text the completer matches on: the label and the folded name ("Göteborg (1480) goteborg").
MATCH_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class MunicipalityCompleter(QCompleter):
    """Suggests "Haninge (0136)" for "han", "Göteborg (1480)" for "gote" or "1480"; inserts the label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        model = QStandardItemModel(self)
        for m in municipalities.load_municipalities():
            item = QStandardItem(m.label())
            item.setData(m.code, Qt.ItemDataRole.UserRole)
            item.setData(f"{m.label()} {municipalities.fold_name(m.name)}", MATCH_ROLE)
            model.appendRow(item)
        self.setModel(model)
        self.setCompletionRole(MATCH_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:  # noqa: N802 - Qt override
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")
