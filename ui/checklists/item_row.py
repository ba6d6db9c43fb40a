"""One checklist item: its question, help, a critical marker and one answer editor (or one per facet)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QVBoxLayout, QWidget

from stodapp.checklists.index import DefinitionIndex
from stodapp.checklists.schema import ChoiceItem, ItemT
from stodapp.i18n import _
from ui.checklists.answer_input import AnswerInput
from ui.checklists.text import loc

CRITICAL_STYLE = (
    "ItemRow[critical=\"true\"] { border-left: 5px solid #b00020; background: #fff1f1; }"
    "ItemRow { border-left: 5px solid transparent; }"
)


class ItemRow(QFrame):
    sig_changed = Signal()

    def __init__(self, item: ItemT, index: DefinitionIndex, parent: QWidget | None = None,
                 name_suffix: str = "") -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName(f"item_{item.id}")
        self.setProperty("critical", False)
        self.setStyleSheet(CRITICAL_STYLE)
        question = loc(item.text)
        name = f"{question}{name_suffix}"
        self.setAccessibleName(name)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 4, 4, 4)
        self.question = QLabel(question + (" *" if item.required else ""))
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-weight: 600;")
        lay.addWidget(self.question)
        self.badge = QLabel(_("⚠ Viktig riskfaktor"))
        self.badge.setAccessibleName(_("Viktig riskfaktor"))
        self.badge.setStyleSheet("color: #b00020; font-weight: 700;")
        self.badge.setVisible(False)
        lay.addWidget(self.badge)
        if item.help:
            self.help = QLabel(loc(item.help))
            self.help.setWordWrap(True)
            self.help.setStyleSheet("color: #444; font-size: 90%;")
            lay.addWidget(self.help)
            self.setToolTip(loc(item.help))
        self.inputs: dict[str | None, AnswerInput] = {}
        facets = list(item.facets) if isinstance(item, ChoiceItem) else []
        if facets:
            form = QFormLayout()
            for facet in facets:
                spec = index.definition.facets.get(facet)
                label = loc(spec.label) if spec else facet
                editor = AnswerInput(item, index.item_scale(item.id, facet), f"{name} – {label}")
                form.addRow(label, editor)
                self.inputs[facet] = editor
            lay.addLayout(form)
        else:
            self.inputs[None] = AnswerInput(item, index.item_scale(item.id), name)
            lay.addWidget(self.inputs[None])
        for editor in self.inputs.values():
            editor.sig_changed.connect(self.sig_changed.emit)
            self.question.setBuddy(editor.focus_widget())

    def value(self) -> Any:
        if None in self.inputs:
            return self.inputs[None].value()
        out = {f: e.value() for f, e in self.inputs.items() if e.value() is not None}
        return out or None

    def set_value(self, value: Any) -> None:
        if None in self.inputs:
            self.inputs[None].set_value(value)
            return
        data = value if isinstance(value, dict) else {}
        for facet, editor in self.inputs.items():
            editor.set_value(data.get(facet))

    def set_critical(self, critical: bool) -> None:
        if bool(self.property("critical")) == critical:
            return
        self.setProperty("critical", critical)
        self.badge.setVisible(critical)
        self.style().unpolish(self)
        self.style().polish(self)

    def is_critical(self) -> bool:
        return bool(self.property("critical"))

    def set_read_only(self, read_only: bool) -> None:
        for editor in self.inputs.values():
            editor.set_read_only(read_only)

    def focus_widget(self) -> QWidget:
        """The first editor of the row (where signing sends the user when an answer is missing)."""
        first = next(iter(self.inputs.values()), None)
        return first.focus_widget() if first is not None else self
