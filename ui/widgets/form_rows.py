"""One labelled row in a form: the label's mnemonic focuses the field, and the field has the name a screen reader
announces (the layout audit fails on a focusable widget without one)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

W = TypeVar("W", bound=QWidget)


def add_field(form: QFormLayout, owner: QWidget, label_text: str, field: W, accessible: str) -> W:
    """Add `field` under `label_text` (with its &-mnemonic) and return it."""
    field.setAccessibleName(accessible)
    label = QLabel(label_text, owner)
    label.setBuddy(field)
    form.addRow(label, field)
    return field
