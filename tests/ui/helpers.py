"""Helpers for UI tests: find text anywhere in live widgets and item models."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEvent, QModelIndex
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def flush_deletes() -> None:
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()


def _model_texts(model: QAbstractItemModel, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    out: list[str] = []
    for r in range(model.rowCount(parent)):
        try:
            columns = model.columnCount(parent)
        except TypeError:  # list models hide columnCount
            columns = 1
        for c in range(columns):
            idx = model.index(r, c, parent)
            value = model.data(idx)
            if value is not None:
                out.append(str(value))
            if c == 0 and model.rowCount(idx) > 0:
                out += _model_texts(model, idx)
    return out


def all_visible_text() -> list[str]:
    """Every string held by any live widget or item model of the application."""
    texts: list[str] = []
    for w in QApplication.allWidgets():
        texts.append(w.windowTitle())
        texts.append(w.accessibleName())
        texts.append(w.toolTip())
        if isinstance(w, QLineEdit | QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QTextEdit | QPlainTextEdit):
            texts.append(w.toPlainText())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            texts += _model_texts(w.model())
    return texts


def contains_text(needle: str) -> bool:
    return any(needle in t for t in all_visible_text())


def settled(qtbot, view, timeout: int = 5000) -> None:  # type: ignore[no-untyped-def]
    """Wait until `view` (a screen that loads through ui.tasks.ScreenLoader, e.g. CaseDetail) shows its newest
    load: screens read off the GUI thread, so a test waits for the result instead of sleeping."""
    qtbot.waitUntil(lambda: not view.loading, timeout=timeout)
