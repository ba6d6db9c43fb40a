"""DialogHotkeys: Ctrl+L (lock) and F12 (privacy screen) also work while a main-window dialog is active."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QWidget

LOCK_KEY = "Ctrl+L"
PRIVACY_KEY = "F12"


class DialogHotkeys(QObject):
    """An application event filter; the main window's own QAction shortcuts cover the window itself."""

    def __init__(self, main: QWidget, *, lock: Callable[[], object], privacy: Callable[[], object]) -> None:
        super().__init__(main)
        self._main = main
        self._keys = {QKeySequence(LOCK_KEY): lock, QKeySequence(PRIVACY_KEY): privacy}
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        window = watched.window()
        parent = window.parentWidget() if isinstance(window, QDialog) else None
        if parent is None or parent.window() is not self._main:
            return False
        assert isinstance(event, QKeyEvent)
        pressed = QKeySequence(event.keyCombination())
        for sequence, handler in self._keys.items():
            if pressed == sequence:
                handler()
                return True
        return False
