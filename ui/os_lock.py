"""Lock when the operating system locks or suspends: the same lock as the idle timer (MainWindow.lock).

- Linux: org.freedesktop.login1 `PrepareForSleep(true)` on the system bus, and the session bus screen savers'
  `ActiveChanged(true)` (org.freedesktop.ScreenSaver, org.gnome.ScreenSaver), through QtDBus.
- Windows: WM_WTSSESSION_CHANGE (session locked, console or remote session disconnected) after
  WTSRegisterSessionNotification, and WM_POWERBROADCAST / PBT_APMSUSPEND, through a native event filter.

The decision is a pure function per source (tested on any system); the wiring is best effort: no bus, no
screen saver or no Windows API simply means the idle lock alone applies.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractNativeEventFilter, QObject, Signal, Slot

WM_WTSSESSION_CHANGE = 0x02B1
WM_POWERBROADCAST = 0x0218
WTS_CONSOLE_DISCONNECT = 0x2
WTS_REMOTE_DISCONNECT = 0x4
WTS_SESSION_LOCK = 0x7
PBT_APMSUSPEND = 0x4
NOTIFY_FOR_THIS_SESSION = 0

SCREEN_SAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)


def windows_reason(message: int, wparam: int) -> str | None:
    """Why a Windows message should lock the store, or None."""
    if message == WM_WTSSESSION_CHANGE and wparam in (WTS_SESSION_LOCK, WTS_CONSOLE_DISCONNECT,
                                                      WTS_REMOTE_DISCONNECT):
        return "session"
    if message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND:
        return "suspend"
    return None


def login1_reason(starting: bool) -> str | None:
    """PrepareForSleep(true) comes before suspend or hibernate; (false) after waking, when nothing is to do."""
    return "suspend" if starting else None


def screensaver_reason(active: bool) -> str | None:
    return "screen" if active else None


class _WindowsFilter(QAbstractNativeEventFilter):
    def __init__(self, on_reason: Callable[[str], None]) -> None:
        super().__init__()
        self._on_reason = on_reason

    def nativeEventFilter(self, event_type: Any, message: Any) -> Any:  # noqa: N802 - Qt's name
        if bytes(event_type) in (b"windows_generic_MSG", b"windows_dispatcher_MSG"):  # pragma: no cover - Windows
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            reason = windows_reason(int(msg.message), int(msg.wParam))
            if reason is not None:
                self._on_reason(reason)
        return False, 0


class OsLockWatcher(QObject):
    """Emits `sig_lock(reason)` when the OS locks the screen, the session goes away or the machine suspends."""

    sig_lock = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sources: list[str] = []
        self._filter: _WindowsFilter | None = None

    def start(self, window_id: int = 0) -> list[str]:
        """Connect what this system offers; returns the sources connected (for the log and tests)."""
        if sys.platform == "win32":  # pragma: no cover - Windows
            self._start_windows(window_id)
        elif sys.platform.startswith("linux"):
            self._start_dbus()
        return self.sources

    def _reason(self, reason: str | None) -> None:
        if reason is not None:
            self.sig_lock.emit(reason)

    @Slot(bool)
    def onPrepareForSleep(self, starting: bool) -> None:  # noqa: N802 - a D-Bus slot signature
        self._reason(login1_reason(starting))

    @Slot(bool)
    def onScreenSaverActiveChanged(self, active: bool) -> None:  # noqa: N802
        self._reason(screensaver_reason(active))

    def _start_dbus(self) -> None:
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return
        system = QDBusConnection.systemBus()
        if system.isConnected() and system.connect(
                "org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                "PrepareForSleep", self, SLOT("onPrepareForSleep(bool)")):  # type: ignore[call-overload]
            self.sources.append("login1")
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for _service, path, interface in SCREEN_SAVERS:
                # any sender: a false "active" only locks, which is always safe
                if session.connect("", path, interface, "ActiveChanged", self,  # type: ignore[call-overload]
                                   SLOT("onScreenSaverActiveChanged(bool)")):
                    self.sources.append(interface)

    def _start_windows(self, window_id: int) -> None:  # pragma: no cover - Windows
        import ctypes

        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if app is None:
            return
        self._filter = _WindowsFilter(lambda reason: self.sig_lock.emit(reason))
        app.installNativeEventFilter(self._filter)
        self.sources.append("power")
        try:
            if ctypes.windll.wtsapi32.WTSRegisterSessionNotification(  # type: ignore[attr-defined]
                    window_id, NOTIFY_FOR_THIS_SESSION):
                self.sources.append("wts")
        except (AttributeError, OSError):
            pass
