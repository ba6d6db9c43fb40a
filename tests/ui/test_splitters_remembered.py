"""Splitter positions in each area are remembered in QSettings and come back in the next window."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QSplitter

from stodapp.core import Core
from tests.ui.conftest import ANNA_PASSPHRASE
from ui.gate import StoreGate
from ui.main_window import MainWindow


def _window(qtbot: Any, data: Any, prefs: Any) -> MainWindow:
    win = MainWindow(Core.unlock(data, "anna", ANNA_PASSPHRASE), StoreGate(data), prefs)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    assert win.show_area("cases")
    return win


def test_a_moved_splitter_comes_back_in_the_next_session(qtbot: Any, prefs: Any, real_store: Any) -> None:
    data, _passphrase = real_store
    win = _window(qtbot, data, prefs)
    area = win.host.widget_for("cases")
    splitter = area.findChildren(QSplitter)[0]
    qtbot.waitUntil(lambda: sum(splitter.sizes()) > 0)
    total = sum(splitter.sizes())
    wanted = [total - 560, 560]
    splitter.setSizes(wanted)
    splitter.splitterMoved.emit(wanted[0], 1)  # what dragging the handle reports
    assert prefs.value("splitters/cases/0") is not None
    moved = splitter.sizes()
    win.close()

    again = _window(qtbot, data, prefs)
    restored = again.host.widget_for("cases").findChildren(QSplitter)[0]
    qtbot.waitUntil(lambda: sum(restored.sizes()) > 0)
    assert restored.sizes() == moved
    assert restored.sizes() != [470, 730]  # not the built-in default
    again.close()
