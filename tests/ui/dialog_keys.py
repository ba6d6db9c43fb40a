"""Press a key on the next modal dialog the code under test opens (a real key press, not a patched answer)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox


def press_on_next_dialog(key: Qt.Key = Qt.Key.Key_Return, seen: list[str] | None = None,
                         tries: int = 200) -> None:
    """Poll until a modal dialog is shown, record its default button's text in `seen`, then press `key`."""

    def attempt(left: int) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog) and modal.isVisible():
            if seen is not None:
                default = modal.defaultButton() if isinstance(modal, QMessageBox) else None
                seen.append(default.text() if default is not None else "")
            # The key goes to the dialog: where the application's focus is still in the window behind it (a
            # dialog is not always activated at once offscreen), the key would land there and the dialog wait.
            focus = QApplication.focusWidget()
            target = focus if focus is not None and modal.isAncestorOf(focus) else (modal.focusWidget() or modal)
            QTest.keyClick(target, key)
            return
        if left > 0:
            QTimer.singleShot(10, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))
