"""The vignette editor's tables (facts, learning points, reference answers): headed, named, Tab leaves them."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QWidget


def vignette_table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.horizontalHeader().setStretchLastSection(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move, F2/typing edits
    return table
