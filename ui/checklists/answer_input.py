"""One editor for one answer (choice, multi-choice, text, date or number), keyboard-usable, with a name."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from stodapp.checklists.schema import ChoiceItem, DateItem, ItemT, MultiChoiceItem, NumberItem, Scale, TextItem
from stodapp.i18n import _
from ui.checklists.text import loc
from ui.widgets.date_field import DateField


class AnswerInput(QWidget):
    """value() returns the answer as the engine stores it (None when empty); the service checks it."""

    sig_changed = Signal()

    def __init__(self, item: ItemT, scale: Scale | None, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.scale = scale
        self.setAccessibleName(name)
        self.combo: QComboBox | None = None
        self.boxes: list[QCheckBox] = []
        self.line: QLineEdit | None = None
        self.date: DateField | None = None
        self.text: QPlainTextEdit | None = None
        # Signed (read-only) choices are shown as plain, selectable text: disabled controls are hard to read.
        self.readout = QLabel()
        self.readout.setAccessibleName(name)
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.readout.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.readout.setStyleSheet("font-weight: 600; padding: 2px;")
        self.readout.hide()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.readout)
        if isinstance(item, ChoiceItem):
            self.combo = QComboBox()
            self.combo.addItem(_("– ej besvarad –"), None)
            for option in scale.options if scale else []:
                self.combo.addItem(loc(option.label) or option.code, option.code)
            self.combo.setAccessibleName(name)
            self.combo.currentIndexChanged.connect(lambda _i: self.sig_changed.emit())
            lay.addWidget(self.combo)
            lay.addStretch(1)
        elif isinstance(item, MultiChoiceItem):
            grid = QGridLayout()
            grid.setContentsMargins(0, 0, 0, 0)
            options = list(scale.options if scale else [])
            # Two columns of short options, one of long ones: the form fits beside the list at 1280×720.
            columns = 1 if any(len(loc(o.label) or o.code) > 34 for o in options) else 2
            for i, option in enumerate(options):
                box = QCheckBox(loc(option.label) or option.code)
                box.setProperty("code", option.code)
                box.setAccessibleName(f"{name}: {box.text()}")
                box.toggled.connect(lambda _c: self.sig_changed.emit())
                grid.addWidget(box, i // columns, i % columns)
                self.boxes.append(box)
            lay.addLayout(grid)
            lay.addStretch(1)
        elif isinstance(item, TextItem) and item.multiline:
            self.text = QPlainTextEdit()
            self.text.setTabChangesFocus(True)
            self.text.setFixedHeight(64)
            self.text.setAccessibleName(name)
            self.text.textChanged.connect(self.sig_changed.emit)
            lay.addWidget(self.text)
        elif isinstance(item, DateItem):
            self.date = DateField(name)
            self.date.setMaximumWidth(200)
            self.date.dateChanged.connect(lambda _d: self.sig_changed.emit())
            lay.addWidget(self.date)
            lay.addStretch(1)
        else:
            self.line = QLineEdit()
            self.line.setAccessibleName(name)
            if isinstance(item, TextItem):
                self.line.setMaxLength(item.max_len)
            elif isinstance(item, NumberItem):
                self.line.setPlaceholderText(self._range_hint(item))
                self.line.setMaximumWidth(200)
            self.line.textChanged.connect(lambda _t: self.sig_changed.emit())
            lay.addWidget(self.line)
            if not isinstance(item, TextItem):
                lay.addStretch(1)

    @staticmethod
    def _range_hint(item: NumberItem) -> str:
        unit = loc(item.unit)
        if item.min is not None and item.max is not None:
            hint = f"{item.min:g}–{item.max:g}"
        else:
            hint = _("tal")
        return f"{hint} {unit}".strip()

    # ---- value ---------------------------------------------------------------------------------------------
    def value(self) -> Any:
        if self.combo is not None:
            return self.combo.currentData()
        if self.boxes:
            chosen = [str(b.property("code")) for b in self.boxes if b.isChecked()]
            return chosen or None
        if self.text is not None:
            raw = self.text.toPlainText()
            return raw if raw.strip() else None
        if self.date is not None:
            picked = self.date.value()
            return picked.isoformat() if picked is not None else None
        assert self.line is not None
        raw = self.line.text().strip()
        if not raw:
            return None
        if isinstance(self.item, NumberItem):
            try:
                number = float(raw.replace(",", ".").replace(" ", ""))
            except ValueError:
                return raw  # refused by the service with a clear message
            return int(number) if self.item.integer and number.is_integer() else number
        return raw

    def set_value(self, value: Any) -> None:
        if self.combo is not None:
            index = self.combo.findData(value) if value is not None else 0
            self.combo.setCurrentIndex(max(0, index))
        elif self.boxes:
            chosen = set(value or [])
            for b in self.boxes:
                b.setChecked(str(b.property("code")) in chosen)
        elif self.text is not None:
            self.text.setPlainText("" if value is None else str(value))
        elif self.date is not None:
            try:
                self.date.set_value(date.fromisoformat(str(value)) if value else None)
            except ValueError:
                self.date.set_value(None)
        elif self.line is not None:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            self.line.setText("" if value is None else str(value))

    def display_text(self) -> str:
        if self.combo is not None:
            return self.combo.currentText() if self.combo.currentIndex() > 0 else _("(ej besvarad)")
        chosen = [b.text() for b in self.boxes if b.isChecked()]
        return ", ".join(chosen) if chosen else _("(ej besvarad)")

    def set_read_only(self, read_only: bool) -> None:
        if self.combo is not None or self.boxes:
            self.readout.setText(self.display_text())
            self.readout.setVisible(read_only)
        if self.combo is not None:
            self.combo.setEnabled(not read_only)
            self.combo.setVisible(not read_only)
        for b in self.boxes:
            b.setEnabled(not read_only)
            b.setVisible(not read_only)
        if self.text is not None:
            self.text.setReadOnly(read_only)
        if self.line is not None:
            self.line.setReadOnly(read_only)
        if self.date is not None:
            self.date.setReadOnly(read_only)

    def focus_widget(self) -> QWidget:
        return self.combo or (self.boxes[0] if self.boxes else None) or self.text or self.line or self.date or self
