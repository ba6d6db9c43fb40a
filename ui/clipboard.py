"""ClipboardGuard: case text copied from the app is cleared after 30 s (if unchanged) and on lock/quit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtWidgets import QApplication

CLEAR_AFTER_MS = 30_000


class ClipboardGuard(QObject):
    """Tracks what the app put on the clipboard from case views and removes it again.

    Copies made through `copy()` are tracked directly. Copies made with the ordinary Ctrl+C in any widget
    are tracked too when `in_case_context()` says the focus is inside case content at that moment.
    """

    def __init__(self, parent: QObject | None = None, *, clear_after_ms: int = CLEAR_AFTER_MS,
                 in_case_context: Callable[[], bool] | None = None,
                 on_copy: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._clipboard = QApplication.clipboard()
        self._in_case_context = in_case_context or (lambda: False)
        self._on_copy = on_copy
        self._ours: str | None = None
        self._setting = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(clear_after_ms)
        self._timer.timeout.connect(self.clear_if_ours)
        self._clipboard.dataChanged.connect(self._changed)

    def copy(self, text: str) -> None:
        """Put case text on the clipboard, marked as secret for clipboard managers, and schedule clearing."""
        mime = QMimeData()
        mime.setText(text)
        mime.setData("x-kde-passwordManagerHint", b"secret")  # KDE/Klipper: keep out of history
        mime.setData("ExcludeClipboardContentFromMonitorProcessing", b"1")  # Windows clipboard history
        mime.setData("CanIncludeInClipboardHistory", b"\x00\x00\x00\x00")
        mime.setData("CanUploadToCloudClipboard", b"\x00\x00\x00\x00")
        self._setting = True
        try:
            self._clipboard.setMimeData(mime)
        finally:
            self._setting = False
        self._track(text)

    def _changed(self) -> None:
        if self._setting:
            return
        text = self._clipboard.text()
        if text and self._in_case_context():
            self._track(text)
        elif self._ours is not None and text != self._ours:
            self._ours = None  # someone else owns the clipboard now: leave it alone
            self._timer.stop()

    def _track(self, text: str) -> None:
        self._ours = text
        self._timer.start()
        if self._on_copy is not None:
            self._on_copy()

    @property
    def tracking(self) -> bool:
        return self._ours is not None

    def clear_if_ours(self) -> bool:
        """Clear the clipboard if it still holds what we put there; returns whether it cleared."""
        self._timer.stop()
        ours, self._ours = self._ours, None
        if ours is not None and self._clipboard.text() == ours:
            self._setting = True
            try:
                self._clipboard.clear()
            finally:
                self._setting = False
            return True
        return False
