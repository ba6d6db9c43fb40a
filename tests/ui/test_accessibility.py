"""Every interactive widget in every window has an accessible name; windows are keyboard-operable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)

from stodapp.core import Core
from stodapp.store.keyslots import KdfParams
from tests.ui.conftest import PASSPHRASE
from tests.ui.fakes import FakeCore, FakeGate
from ui.about_dialog import AboutDialog
from ui.demo_start import DemoStartWindow
from ui.first_run_wizard import FirstRunWizard
from ui.gate import StoreGate
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog
from ui.store_problem import StoreProblemPanel
from ui.unlock_window import UnlockWindow

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit,
               QPlainTextEdit, QSlider, QTabBar)


def accessible_name(w: QWidget) -> str:
    if w.accessibleName():
        return w.accessibleName()
    iface = QAccessible.queryAccessibleInterface(w)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


def unnamed(top: QWidget) -> list[str]:
    missing = []
    for w in [top, *top.findChildren(QWidget)]:
        if (isinstance(w, QHeaderView) or isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)
                or w.objectName().startswith("qt_")):
            continue  # parts of a named table, spin box or combo box
        if isinstance(w, INTERACTIVE) and w.isVisibleTo(top) and not accessible_name(w).strip():
            missing.append(f"{type(w).__name__}({w.objectName()}) in {type(w.parentWidget()).__name__}")
    return missing


def test_unlock_window_and_problem_screen(qtbot, clock) -> None:
    gate = FakeGate(clock)
    win = UnlockWindow(gate, clock=clock)
    qtbot.addWidget(win)
    win.show()
    assert unnamed(win) == []
    problem = StoreProblemPanel(gate, "integritetskontroll misslyckades")
    qtbot.addWidget(problem)
    problem.show()
    assert unnamed(problem) == []


def test_wizard_pages(qtbot, tmp_path) -> None:
    wiz = FirstRunWizard(StoreGate(tmp_path / "d", kdf=KdfParams.for_tests()))
    qtbot.addWidget(wiz)
    wiz.show()
    assert unnamed(wiz) == []
    wiz.next()
    assert unnamed(wiz) == []
    wiz.create_store("admin", PASSPHRASE)
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.recovery, timeout=15000)
    assert unnamed(wiz) == []
    wiz.recovery.confirm.setChecked(True)
    wiz.accept()
    wiz.core.close() if wiz.core else None


def test_main_window_admin_lock_privacy_and_dialogs(qtbot, prefs, real_store) -> None:
    data, passphrase = real_store
    core = Core.unlock(data, "admin", passphrase)
    win = MainWindow(core, StoreGate(data), prefs)
    qtbot.addWidget(win)
    win.show()
    ids = [s.id for s in win.host.specs]
    assert "admin" in ids
    for area_id in ids:  # every area this role can reach, including the features' own
        assert win.show_area(area_id)
        assert unnamed(win) == [], area_id
    settings = SettingsDialog(core, prefs, win)
    qtbot.addWidget(settings)
    settings.show()
    assert unnamed(settings) == []
    about = AboutDialog({"stodapp": "0.1.0", "integrity": "ok"}, win)
    qtbot.addWidget(about)
    about.show()
    assert unnamed(about) == []
    win.toggle_privacy()
    assert unnamed(win) == []
    win.toggle_privacy()
    win.lock()
    assert unnamed(win) == []


def test_demo_start_window(qtbot, clock) -> None:
    win = DemoStartWindow(FakeGate(clock))
    qtbot.addWidget(win)
    win.show()
    assert unnamed(win) == []


def test_keyboard_only_unlock_flow(qtbot, clock) -> None:
    gate = FakeGate(clock, passphrase="correct horse battery")  # QTest types ASCII only
    win = UnlockWindow(gate, clock=clock)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=2000)
    assert win.panel.user_edit.hasFocus()
    with qtbot.waitSignal(win.sig_unlocked, timeout=3000):
        qtbot.keyClicks(win.panel.user_edit, "anna")
        qtbot.keyClick(win.panel.user_edit, Qt.Key.Key_Return)  # moves to the passphrase
        assert win.panel.pass_edit.hasFocus()
        qtbot.keyClicks(win.panel.pass_edit, gate.passphrase)
        qtbot.keyClick(win.panel.pass_edit, Qt.Key.Key_Return)


def test_caps_lock_warning(qtbot, clock) -> None:
    win = UnlockWindow(FakeGate(clock), clock=clock)
    qtbot.addWidget(win)
    win.show()
    qtbot.keyClick(win.panel.pass_edit, "A")  # capital letter without Shift
    assert win.panel.caps_label.isVisible()
    qtbot.keyClick(win.panel.pass_edit, "a")
    assert not win.panel.caps_label.isVisible()


def test_fake_core_main_window_has_no_unnamed_widgets(qtbot, prefs, clock) -> None:
    from tests.ui.conftest import sentinel_areas

    win = MainWindow(FakeCore(clock=clock), FakeGate(clock), prefs, clock=clock, areas=sentinel_areas())
    qtbot.addWidget(win)
    win.show()
    assert unnamed(win) == []
