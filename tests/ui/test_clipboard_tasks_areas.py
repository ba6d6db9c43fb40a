"""Clipboard guard, the background helper and the area registry."""

from __future__ import annotations

import sys
import types

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from stodapp.errors import AuthError
from tests.ui.conftest import SENTINEL, sentinel_areas
from tests.ui.fakes import FakeGate
from ui.areas import AreaSpec, discover, for_role
from ui.clipboard import ClipboardGuard
from ui.main_window import MainWindow
from ui.tasks import error_text, run_op


def test_clipboard_cleared_after_timeout_only_if_unchanged(qtbot) -> None:
    cb = QApplication.clipboard()
    guard = ClipboardGuard(clear_after_ms=50)
    guard.copy(SENTINEL)
    assert cb.text() == SENTINEL
    assert "x-kde-passwordManagerHint" in cb.mimeData().formats()
    qtbot.waitUntil(lambda: cb.text() == "", timeout=2000)
    guard.copy(SENTINEL)
    cb.setText("något annat")  # the user copied something else meanwhile
    qtbot.wait(120)
    assert cb.text() == "något annat" and not guard.tracking


def test_ctrl_c_in_case_view_is_tracked_and_cleared_on_lock(qtbot, prefs, clock) -> None:
    gate = FakeGate(clock)
    core = gate.unlock("anna", gate.passphrase)
    win = MainWindow(core, gate, prefs, clock=clock, areas=sentinel_areas())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    area = win.host.widget_for("cases")
    search = area.findChild(QLineEdit)
    search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search, timeout=2000)
    search.selectAll()
    search.copy()
    cb = QApplication.clipboard()
    assert cb.text() == SENTINEL and win.clipboard.tracking
    assert "copy" in core.events
    win.lock()
    assert cb.text() == ""


def test_copy_outside_case_views_is_left_alone(qtbot, prefs, clock) -> None:
    gate = FakeGate(clock)
    win = MainWindow(gate.unlock("anna", gate.passphrase), gate, prefs, clock=clock, areas=sentinel_areas())
    qtbot.addWidget(win)
    QApplication.clipboard().setText("från en annan app")
    assert not win.clipboard.tracking
    win.lock()
    assert QApplication.clipboard().text() == "från en annan app"


def test_run_op_delivers_result_and_error_on_gui_thread(qtbot) -> None:
    import threading

    got: list[object] = []
    main = threading.get_ident()
    run_op(None, lambda: threading.get_ident(), lambda r: got.append((r, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(got), timeout=2000)
    worker, callback_thread = got[0]  # type: ignore[misc]
    assert worker != main and callback_thread == main
    errors: list[BaseException] = []

    def boom() -> None:
        raise AuthError("Fel användarnamn eller lösenfras.")

    run_op(None, boom, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=2000)
    assert error_text(errors[0]) == "Fel användarnamn eller lösenfras."
    assert "KeyError" in error_text(KeyError("personnummer 19121212-1212"))
    assert "1212" not in error_text(KeyError("personnummer 19121212-1212"))


def test_run_op_shows_progress_for_slow_work(qtbot) -> None:
    import threading

    from PySide6.QtWidgets import QProgressDialog

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    release = threading.Event()
    done: list[object] = []
    handle = run_op(parent, lambda: release.wait(5), done.append, label="Arbetar…")
    qtbot.waitUntil(lambda: any(d.isVisible() for d in parent.findChildren(QProgressDialog)), timeout=2000)
    release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=2000)
    assert handle.done


def test_discover_skips_missing_and_keeps_order(monkeypatch) -> None:
    mod = types.ModuleType("ui_test_area_mod")
    spec = AreaSpec("x", "X", frozenset({"handlaggare"}), lambda core, parent: QWidget(parent))
    mod.area = lambda: spec  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ui_test_area_mod", mod)
    found = discover(("ui.does_not_exist.area", "ui_test_area_mod", "ui.admin.area"))
    assert [s.id for s in found] == ["x", "admin"]
    assert [s.id for s in for_role(found, "administrator")] == ["admin"]
    bad = types.ModuleType("ui_test_bad_area")
    bad.area = lambda: "nope"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ui_test_bad_area", bad)
    with pytest.raises(TypeError):
        discover(("ui_test_bad_area",))


def test_broken_area_shows_message_instead_of_crashing(qtbot, prefs, clock) -> None:
    def broken(core, parent):  # type: ignore[no-untyped-def]
        raise ModuleNotFoundError("ui.x.widget")

    areas = [AreaSpec("broken", "Trasig", frozenset({"handlaggare"}), broken), *sentinel_areas()]
    gate = FakeGate(clock)
    win = MainWindow(gate.unlock("anna", gate.passphrase), gate, prefs, clock=clock, areas=areas)
    qtbot.addWidget(win)
    assert win.current_area() == "broken"
    assert "kunde inte öppnas" in win.host.stack.currentWidget().text()
    assert win.show_area("cases") and win.host.widget_for("cases") is not None
