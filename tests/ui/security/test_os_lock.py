"""OS screen lock and suspend lock the store: the decision per source, a real D-Bus signal, and the window."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest

from stodapp.core import Core
from ui import os_lock
from ui.gate import StoreGate
from ui.main_window import MainWindow
from ui.os_lock import OsLockWatcher


def test_windows_messages_that_lock() -> None:
    lock = [(os_lock.WM_WTSSESSION_CHANGE, os_lock.WTS_SESSION_LOCK),
            (os_lock.WM_WTSSESSION_CHANGE, os_lock.WTS_CONSOLE_DISCONNECT),
            (os_lock.WM_WTSSESSION_CHANGE, os_lock.WTS_REMOTE_DISCONNECT),
            (os_lock.WM_POWERBROADCAST, os_lock.PBT_APMSUSPEND)]
    assert [os_lock.windows_reason(m, w) for m, w in lock] == ["session", "session", "session", "suspend"]
    keep = [(os_lock.WM_WTSSESSION_CHANGE, 0x8),  # WTS_SESSION_UNLOCK
            (os_lock.WM_POWERBROADCAST, 0x12),  # PBT_APMRESUMEAUTOMATIC
            (0x0010, os_lock.WTS_SESSION_LOCK)]  # WM_CLOSE with the same number
    assert [os_lock.windows_reason(m, w) for m, w in keep] == [None, None, None]


def test_login1_and_screensaver_decisions() -> None:
    assert os_lock.login1_reason(True) == "suspend" and os_lock.login1_reason(False) is None
    assert os_lock.screensaver_reason(True) == "screen" and os_lock.screensaver_reason(False) is None


@pytest.fixture
def session_bus() -> Iterator[None]:
    if shutil.which("dbus-daemon") is None or shutil.which("dbus-send") is None:
        pytest.skip("no dbus-daemon here")
    out = subprocess.run(["dbus-daemon", "--session", "--print-address", "--fork", "--print-pid"],
                         capture_output=True, text=True, check=True, timeout=20).stdout.split()
    old = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = out[0]
    try:
        yield
    finally:
        os.kill(int(out[1]), 15)
        if old is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = old


def _send_active(value: str) -> None:
    subprocess.run(["dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
                    "org.freedesktop.ScreenSaver.ActiveChanged", f"boolean:{value}"], check=True, timeout=20)


def test_screen_saver_signal_on_a_real_session_bus(qtbot, session_bus) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtDBus import QDBusConnection

    if not QDBusConnection.sessionBus().isConnected():
        pytest.skip("Qt's session bus was opened before this test's bus")
    watcher = OsLockWatcher()
    got: list[str] = []
    watcher.sig_lock.connect(got.append)
    assert "org.freedesktop.ScreenSaver" in watcher.start()
    _send_active("false")  # the screen saver ending never locks
    _send_active("true")
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    time.sleep(0.1)
    assert got == ["screen"]


def test_main_window_locks_on_the_os_signal(qtbot, prefs, real_store) -> None:  # type: ignore[no-untyped-def]
    data, passphrase = real_store
    core = Core.unlock(data, "admin", passphrase)
    win = MainWindow(core, StoreGate(data), prefs)
    qtbot.addWidget(win)
    assert not win.locked
    win.os_lock.onPrepareForSleep(True)  # what login1's PrepareForSleep(true) calls
    assert win.locked and core.db is None  # the key is dropped, as at the idle lock
