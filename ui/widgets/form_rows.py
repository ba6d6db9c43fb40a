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


def align_labels(owner: QWidget) -> None:
    """One column of fields in a dialog built from several form layouts: every field label gets the width of
    the widest, so the fields start at the same x (a form's labels align only within that form)."""
    labels = [label for label in owner.findChildren(QLabel) if label.buddy() is not None]
    widest = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(widest)
