"""Unlock against the real store: right and wrong passphrase, throttling, second instance, damage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stodapp.clock import FakeClock
from stodapp.core import Core
from tests.ui.conftest import ANNA_PASSPHRASE
from ui.gate import StoreGate
from ui.unlock_window import UnlockWindow


def submit(qtbot, win: UnlockWindow, user: str, passphrase: str) -> None:  # type: ignore[no-untyped-def]
    win.panel.user_edit.setText(user)
    win.panel.pass_edit.setText(passphrase)
    win.panel.unlock_button.click()
    qtbot.waitUntil(lambda: not win.panel._busy, timeout=15000)


def test_right_passphrase_unlocks(qtbot, real_store) -> None:
    data, passphrase = real_store
    win = UnlockWindow(StoreGate(data))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.sig_unlocked, timeout=15000) as blocker:
        win.panel.user_edit.setText("admin")
        win.panel.pass_edit.setText(passphrase)
        win.panel.pass_edit.returnPressed.emit()
    core = blocker.args[0]
    assert core.principal.username == "admin"
    assert win.panel.pass_edit.text() == ""
    core.close()


def test_wrong_passphrase_then_throttle_countdown(qtbot, real_store) -> None:
    data, passphrase = real_store
    clock = FakeClock()
    win = UnlockWindow(StoreGate(data, clock=clock), clock=clock)
    qtbot.addWidget(win)
    for _ in range(5):
        submit(qtbot, win, "anna", "fel lösenfras igen")
        assert "Fel användarnamn eller lösenfras" in win.panel.error_label.text()
    assert win.panel.waiting()
    assert win.panel.countdown_label.text() == "Vänta 30 s innan nästa försök."
    assert not win.panel.unlock_button.isEnabled()
    clock.advance(12)
    win.panel.tick()
    assert "18 s" in win.panel.countdown_label.text()
    win.panel.pass_edit.setText(ANNA_PASSPHRASE)
    win.panel.submit()  # ignored while waiting
    assert not win.panel._busy
    clock.advance(18.5)
    win.panel.tick()
    assert win.panel.unlock_button.isEnabled() and not win.panel.countdown_label.isVisible()
    with qtbot.waitSignal(win.sig_unlocked, timeout=15000) as blocker:
        submit(qtbot, win, "anna", ANNA_PASSPHRASE)
    blocker.args[0].close()


def test_throttled_by_core_shows_countdown(qtbot, real_store) -> None:
    data, _passphrase = real_store
    clock = FakeClock()
    for _ in range(6):
        try:
            Core.unlock(data, "anna", "fel", clock=clock)
        except Exception:  # noqa: BLE001 - AuthError then Throttled
            pass
    win = UnlockWindow(StoreGate(data, clock=clock), clock=clock)
    qtbot.addWidget(win)
    submit(qtbot, win, "anna", "vad som helst")
    assert "För många" in win.panel.error_label.text()
    assert win.panel.remaining() > 29


@pytest.mark.skipif(sys.platform == "win32", reason="uses fcntl")
def test_second_instance_gets_clear_message(qtbot, real_store) -> None:
    data, passphrase = real_store
    # another process holds the store (the OS lock is per process)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import fcntl,sys,time; f=open(sys.argv[1],'a+'); "
         "fcntl.flock(f.fileno(), fcntl.LOCK_EX); print('held', flush=True); time.sleep(30)",
         str(data / "stodapp.lock")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        win = UnlockWindow(StoreGate(data))
        qtbot.addWidget(win)
        submit(qtbot, win, "admin", passphrase)
        assert "redan öppet" in win.panel.error_label.text()
    finally:
        holder.kill()
        holder.wait()
    core = Core.unlock(data, "admin", passphrase)  # nothing was damaged
    assert core.users.list()
    core.close()


def test_damaged_store_shows_integrity_screen(qtbot, real_store) -> None:
    data, passphrase = real_store
    db = data / "stodapp.db"
    raw = bytearray(db.read_bytes())
    for i in range(5000, 5400):
        raw[i] ^= 0x5A
    db.write_bytes(bytes(raw))
    before = db.read_bytes()
    win = UnlockWindow(StoreGate(data))
    qtbot.addWidget(win)
    submit(qtbot, win, "admin", passphrase)
    assert win.problem is not None and win._stack.currentWidget() is win.problem
    assert "Integritetskontrollen" in "".join(
        w.text() for w in win.problem.findChildren(type(win.panel.error_label)))
    assert db.read_bytes() == before  # never opened writable
    win.problem.retry_button.click()
    assert win._stack.currentWidget() is win.panel


def test_missing_store_asks_for_wizard(qtbot, tmp_path: Path) -> None:
    win = UnlockWindow(StoreGate(tmp_path / "none"))
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.sig_store_missing, timeout=5000):
        win.panel.user_edit.setText("admin")
        win.panel.pass_edit.setText("x" * 20)
        win.panel.submit()
