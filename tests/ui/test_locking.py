"""Idle lock on a fake clock, Ctrl+L, the 12-hour limit, unlocking to the same area, the privacy screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from stodapp.auth import Role
from tests.ui.conftest import SENTINEL, SentinelArea, sentinel_areas
from tests.ui.fakes import FakeCore, FakeGate
from tests.ui.helpers import contains_text, flush_deletes
from ui.main_window import MainWindow


def make_window(qtbot, prefs, clock, role=Role.CASEWORKER):  # type: ignore[no-untyped-def]
    gate = FakeGate(clock, role=role)
    core = gate.unlock("anna", gate.passphrase)
    win = MainWindow(core, gate, prefs, clock=clock, areas=sentinel_areas())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    return win, gate, core


def test_areas_follow_role(qtbot, prefs, clock) -> None:
    win, _gate, _core = make_window(qtbot, prefs, clock)
    assert [s.id for s in win.host.specs] == ["cases", "other"]
    win_admin, _g, _c = make_window(qtbot, prefs, clock, role=Role.ADMIN)
    assert [s.id for s in win_admin.host.specs] == ["other", "admin_only"]
    assert "Administratör" in win_admin.user_label.text()


def test_idle_lock_clears_every_view_and_locks_core(qtbot, prefs, clock) -> None:
    win, _gate, core = make_window(qtbot, prefs, clock)
    area = win.host.widget_for("cases")
    assert isinstance(area, SentinelArea)
    assert contains_text(SENTINEL)
    clock.advance(299)
    win.guard.check()
    assert not win.locked
    clock.advance(2)
    win.guard.check()
    assert win.locked
    assert core.locked and win.core is None
    flush_deletes()
    assert not contains_text(SENTINEL)
    assert all(not s.parent() or s.count() == 0 for s in win.findChildren(QUndoStack))
    assert "låst" in win.windowTitle()


def test_input_postpones_idle_lock(qtbot, prefs, clock) -> None:
    win, _gate, _core = make_window(qtbot, prefs, clock)
    clock.advance(250)
    qtbot.keyClick(win.host.nav, Qt.Key.Key_Down)
    clock.advance(250)
    win.guard.check()
    assert not win.locked


def test_ctrl_l_locks_and_unlock_returns_to_same_area(qtbot, prefs, clock) -> None:
    win, gate, _core = make_window(qtbot, prefs, clock)
    win.show_area("other")
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.locked
    panel = win.lock_panel
    assert panel is not None and panel.user_edit.text() == "anna" and panel.user_edit.isReadOnly()
    panel.pass_edit.setText("fel fras")
    panel.submit()
    qtbot.waitUntil(lambda: panel.error_label.isVisible(), timeout=3000)
    assert win.locked
    panel.pass_edit.setText(gate.passphrase)
    panel.submit()
    qtbot.waitUntil(lambda: not win.locked, timeout=3000)
    assert win.current_area() == "other"
    assert win.core is gate.cores[-1]


def test_absolute_session_limit(qtbot, prefs, clock) -> None:
    win, _gate, _core = make_window(qtbot, prefs, clock)
    for _ in range(12 * 60):  # active every minute for 12 hours
        clock.advance(60)
        win.guard.note_activity()
        win.guard.check()
        if win.locked:
            break
    assert win.locked
    assert "12 timmar" in win.lock_panel.message.text()


def test_privacy_screen_hides_and_restores(qtbot, prefs, clock) -> None:
    win, _gate, _core = make_window(qtbot, prefs, clock)
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_F12)
    assert win.covered and win.pages.currentWidget() is win.cover
    assert win.windowTitle() == "stodapp"
    assert not win.host.isVisibleTo(win)
    clock.advance(60)
    qtbot.keyClick(win, Qt.Key.Key_F12)
    assert not win.covered and not win.locked
    assert win.pages.currentWidget() is win.content


def test_privacy_screen_locks_after_idle_time(qtbot, prefs, clock) -> None:
    win, _gate, _core = make_window(qtbot, prefs, clock)
    win.toggle_privacy()
    clock.advance(200)
    qtbot.mouseMove(win.cover)  # input while covered does not keep the session alive
    clock.advance(101)
    win.guard.check()
    assert win.locked
    flush_deletes()
    assert not contains_text(SENTINEL)


def test_privacy_toggle_after_idle_time_locks(qtbot, prefs, clock) -> None:
    win, _gate, _core = make_window(qtbot, prefs, clock)
    win.toggle_privacy()
    clock.advance(400)
    win.toggle_privacy()
    assert win.locked


def test_sign_out_closes_core(qtbot, prefs, clock) -> None:
    win, _gate, core = make_window(qtbot, prefs, clock)
    with qtbot.waitSignal(win.sig_signed_out, timeout=1000):
        win.sign_out()
    assert core.closed
    assert "logout" in core.events
    QApplication.processEvents()


def test_idle_minutes_from_core(qtbot, prefs, clock) -> None:
    gate = FakeGate(clock)
    core = FakeCore(clock=clock, idle_minutes=1)
    win = MainWindow(core, gate, prefs, clock=clock, areas=sentinel_areas())
    qtbot.addWidget(win)
    clock.advance(61)
    win.guard.check()
    assert win.locked


def test_lock_closes_dialogs_with_case_data(qtbot, prefs, clock) -> None:
    from PySide6.QtWidgets import QDialog, QLineEdit

    win, _gate, _core = make_window(qtbot, prefs, clock)
    dialog = QDialog(win)
    QLineEdit(SENTINEL, dialog).setAccessibleName("Detalj")
    dialog.open()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    assert contains_text(SENTINEL)
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.locked
    flush_deletes()
    assert not contains_text(SENTINEL)
