"""A repeatable group (incidents, perpetrators, victims, scenarios): rows of items, add and remove rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from stodapp.checklists.index import DefinitionIndex
from stodapp.checklists.runtime import visible_in_row
from stodapp.checklists.schema import RepeatGroup
from stodapp.i18n import _
from ui.checklists.item_row import ItemRow
from ui.checklists.text import loc


class RepeatGroupBox(QGroupBox):
    sig_changed = Signal()

    def __init__(self, group: RepeatGroup, index: DefinitionIndex, parent: QWidget | None = None) -> None:
        super().__init__(loc(group.text) + (" *" if group.required or group.min else ""), parent)
        self.group = group
        self.index = index
        self.setObjectName(f"item_{group.id}")
        self.setAccessibleName(loc(group.text))
        self._read_only = False
        self.rows: list[tuple[QFrame, dict[str, ItemRow], QPushButton]] = []
        lay = QVBoxLayout(self)
        if group.help:
            help_label = QLabel(loc(group.help))
            help_label.setWordWrap(True)
            help_label.setStyleSheet("color: #444; font-size: 90%;")
            lay.addWidget(help_label)
        self.rows_layout = QVBoxLayout()
        lay.addLayout(self.rows_layout)
        self.add_button = QPushButton(_("Lägg till rad"))
        self.add_button.setAccessibleName(_("Lägg till rad i {group}").format(group=loc(group.text)))
        self.add_button.clicked.connect(self.add_row)
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        lay.addLayout(bar)
        for _i in range(group.min):
            self.add_row()

    def _row_title(self, n: int) -> str:
        head = loc(self.group.row_label) or _("Rad")
        return f"{head} {n}"

    def add_row(self) -> None:
        if len(self.rows) >= self.group.max:
            return
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(frame)
        head = QHBoxLayout()
        title = QLabel(self._row_title(len(self.rows) + 1))
        title.setStyleSheet("font-weight: 600;")
        remove = QPushButton(_("Ta bort rad"))
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(remove)
        lay.addLayout(head)
        children: dict[str, ItemRow] = {}
        suffix = f" ({self._row_title(len(self.rows) + 1)})"
        for child in self.group.items:
            row = ItemRow(child, self.index, frame, name_suffix=suffix)
            row.sig_changed.connect(self.sig_changed.emit)
            lay.addWidget(row)
            children[child.id] = row
        remove.clicked.connect(lambda _c=False, f=frame: self.remove_row(f))
        self.rows.append((frame, children, remove))
        self.rows_layout.addWidget(frame)
        self._renumber()
        self.sig_changed.emit()

    def remove_row(self, frame: QFrame) -> None:
        if len(self.rows) <= self.group.min:
            return
        self.rows = [r for r in self.rows if r[0] is not frame]
        frame.setParent(None)
        frame.deleteLater()
        self._renumber()
        self.sig_changed.emit()
        self.add_button.setFocus()

    def _renumber(self) -> None:
        for n, (frame, _children, remove) in enumerate(self.rows, start=1):
            title = frame.findChild(QLabel)
            if title is not None:
                title.setText(self._row_title(n))
            remove.setAccessibleName(_("Ta bort {row} i {group}").format(row=self._row_title(n),
                                                                          group=loc(self.group.text)))
            remove.setEnabled(not self._read_only and len(self.rows) > self.group.min)
        self.add_button.setEnabled(not self._read_only and len(self.rows) < self.group.max)

    def value(self) -> list[dict[str, Any]] | None:
        out = []
        for _frame, children, _remove in self.rows:
            out.append({cid: row.value() for cid, row in children.items()
                        if row.value() is not None and not row.isHidden()})
        return out or None

    def set_value(self, value: Any) -> None:
        rows = value if isinstance(value, list) else []
        while len(self.rows) > max(len(rows), self.group.min):
            self.remove_row(self.rows[-1][0])
        while len(self.rows) < len(rows):
            self.add_row()
        for (_frame, children, _remove), data in zip(self.rows, rows, strict=False):
            for cid, row in children.items():
                row.set_value(data.get(cid) if isinstance(data, Mapping) else None)

    def update_visibility(self, answers: Mapping[str, Any], effective: Mapping[str, Any]) -> None:
        """Show each row's sub-items for `answers`, whose effective answers the runner already derived."""
        for _frame, children, _remove in self.rows:
            raw = {cid: r.value() for cid, r in children.items() if r.value() is not None}
            shown = set(visible_in_row(self.group, raw, answers, self.index.definition, effective=effective))
            for cid, row in children.items():
                row.setHidden(cid not in shown)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for _frame, children, _remove in self.rows:
            for row in children.values():
                row.set_read_only(read_only)
        self._renumber()
