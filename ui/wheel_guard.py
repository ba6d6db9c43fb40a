"""One app-wide event filter: a mouse wheel over an unfocused combo, spin or date field scrolls the page instead.

A value that decides something (home municipality, dates, levels, roles) must never change because the user
scrolled a form past it. The filter is installed once on the QApplication (`install`), not per widget.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget

GUARDED = (QComboBox, QAbstractSpinBox)


def _guarded(widget: QObject) -> QWidget | None:
    """The combo/spin box `widget` is, or whose inner line edit it is."""
    if isinstance(widget, GUARDED):
        return widget
    parent = widget.parent() if isinstance(widget, QWidget) else None
    if isinstance(parent, GUARDED):
        return parent
    return None


def _scroll_area(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """Swallows wheel events on unfocused guarded widgets and hands them to the enclosing scroll area."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel must not give focus either
            return False
        if kind != QEvent.Type.Wheel:
            return False
        guarded = _guarded(watched)
        if guarded is None or guarded.hasFocus():
            return False
        area = _scroll_area(guarded)
        if area is not None:
            QApplication.sendEvent(area.viewport(), event)
        event.accept()
        return True


def install(app: QApplication) -> WheelGuard:
    """Install the guard once on `app` (idempotent); returns the installed filter."""
    existing = app.findChild(WheelGuard, "stodapp_wheel_guard")
    if isinstance(existing, WheelGuard):
        return existing
    guard = WheelGuard(app)
    guard.setObjectName("stodapp_wheel_guard")
    app.installEventFilter(guard)
    return guard
