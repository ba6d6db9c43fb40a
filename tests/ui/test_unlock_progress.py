"""The unlock wait (key derivation, seconds) says what it does in the form, off the GUI thread, window responsive."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from tests.ui.fakes import FakeGate
from ui.unlock_window import UnlockWindow


class SlowGate(FakeGate):
    """Unlock blocks (as Argon2 does for 3–4 s) until the test releases it; records the thread it ran on."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.release = threading.Event()
        self.started = threading.Event()
        self.threads: list[int] = []

    def unlock(self, username: str, passphrase: str) -> Any:
        self.threads.append(threading.get_ident())
        self.started.set()
        assert self.release.wait(10)
        return super().unlock(username, passphrase)


def test_unlock_shows_progress_in_place_and_the_window_stays_responsive(qtbot, clock) -> None:
    gate = SlowGate(clock)
    win = UnlockWindow(gate, clock=clock)
    qtbot.addWidget(win)
    win.show()
    panel = win.panel
    assert panel.busy_row.isHidden()
    panel.user_edit.setText("anna")
    panel.pass_edit.setText(gate.passphrase)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    with qtbot.waitSignal(panel.sig_unlocked, timeout=10000) as blocker:
        panel.pass_edit.returnPressed.emit()
        assert gate.started.wait(5)
        qtbot.waitUntil(panel.busy_row.isVisible, timeout=3000)
        assert panel.busy_label.text() == "Låser upp – kontrollerar lösenfrasen …"
        assert (panel.busy_bar.minimum(), panel.busy_bar.maximum()) == (0, 0)  # a busy indicator, no fake %
        assert panel.busy_bar.accessibleName() == panel.busy_label.text()
        assert not panel.pass_edit.isEnabled() and not panel.unlock_button.isEnabled()
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
        before = len(ticks)
        qtbot.wait(300)  # the GUI thread keeps running its event loop while the key is derived
        assert len(ticks) - before >= 5
        panel.user_edit.setText("anna")  # and the window still takes input
        assert gate.threads and gate.threads[0] != threading.get_ident()
        gate.release.set()
    timer.stop()
    assert blocker.args[0] is gate.cores[-1]
    assert panel.busy_row.isHidden() and panel.pass_edit.text() == ""


def test_a_wrong_passphrase_hides_the_progress_and_says_why(qtbot, clock) -> None:
    gate = SlowGate(clock)
    win = UnlockWindow(gate, clock=clock)
    qtbot.addWidget(win)
    win.show()
    panel = win.panel
    panel.user_edit.setText("anna")
    panel.pass_edit.setText("fel fras här")
    panel.submit()
    qtbot.waitUntil(panel.busy_row.isVisible, timeout=3000)
    gate.release.set()
    qtbot.waitUntil(lambda: panel.error_label.isVisible(), timeout=5000)
    assert panel.busy_row.isHidden() and panel.pass_edit.isEnabled()
    assert "Fel användarnamn eller lösenfras" in panel.error_label.text()
