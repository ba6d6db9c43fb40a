"""Administration area on the real store, demo mode marking, start-up without heavy imports, high contrast."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from stodapp.core import Core
from tests.ui.conftest import PASSPHRASE
from tests.ui.dialog_keys import press_on_next_dialog
from tests.ui.helpers import settled
from ui.admin.admin_area import AdminArea
from ui.gate import StoreGate
from ui.main_window import DEMO_MARK, MainWindow
from ui.style import apply_palette
from ui.widgets.banner import Banner

ROOT = Path(__file__).resolve().parents[2]


def test_admin_adds_and_disables_user_and_sets_idle_time(qtbot, prefs, real_store) -> None:
    data, passphrase = real_store
    core = Core.unlock(data, "admin", passphrase)
    win = MainWindow(core, StoreGate(data), prefs)
    qtbot.addWidget(win)
    assert win.show_area("admin")
    area = win.host.widget_for("admin")
    assert isinstance(area, AdminArea)
    settled(qtbot, area)  # the users tab reads its screen on the background helper
    assert area.table.rowCount() == 2 and area.status.text() == ""
    area.name_edit.setText("bo")
    area.display_edit.setText("Bo Demosson")
    area.role_combo.setCurrentIndex(area.role_combo.findData("arbetsledare"))
    area.pass_edit.setText("kort")
    area.repeat_edit.setText("kort")
    area.add_user()
    qtbot.waitUntil(lambda: "minst" in area.status.text(), timeout=10000)  # policy error, nothing added
    assert area.table.rowCount() == 2
    area.pass_edit.setText("blå cykel under bron i mars")
    area.repeat_edit.setText("blå cykel under bron i mars")
    area.add_user()
    qtbot.waitUntil(lambda: area.table.rowCount() == 3, timeout=10000)
    row = next(r for r in range(3) if area.table.item(r, 0).text() == "bo")
    assert area.table.item(row, 2).text() == "Arbetsledare"
    area.table.selectRow(row)
    seen: list[str] = []
    press_on_next_dialog(seen=seen)  # Enter on the confirmation runs the action it names
    area.disable_selected()
    assert seen == ["Inaktivera bo"]
    qtbot.waitUntil(lambda: "inaktiverad" in area.status.text(), timeout=10000)
    settled(qtbot, area)
    assert any(area.table.item(r, 3).text() == "Inaktiverad" for r in range(3))
    assert "inaktiverad" in area.status.text()  # the write's result stays while the table is read again
    area.idle_spin.setValue(2)
    area.save_idle()
    qtbot.waitUntil(lambda: win.guard.idle_seconds == 120, timeout=10000)
    assert core.idle_lock_minutes() == 2
    win.close()


def test_demo_is_marked_in_title_and_banner(qtbot, prefs) -> None:
    core = Core.open_demo()
    try:
        win = MainWindow(core, StoreGate(Path("/nonexistent"), demo_role="handlaggare"), prefs, areas=[])
        qtbot.addWidget(win)
        assert win.windowTitle().startswith(DEMO_MARK)
        assert any(b.text() == DEMO_MARK for b in win.findChildren(Banner))
    finally:
        core.close()


def test_first_paint_happens_before_heavy_imports(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from ui.main import run_gui\n"
        "rc = run_gui(sys.argv[1], False, 'sv')\n"
        "heavy = sorted(m for m in ('sqlalchemy', 'pydantic', 'reportlab', 'sqlcipher3') if m in sys.modules)\n"
        "print('heavy', heavy, 'rc', rc)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STODAPP_EXIT_AFTER_FIRST_PAINT="1",
               STODAPP_QSETTINGS=str(tmp_path / "q.ini"))
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert "first_paint" in out.stdout, out.stderr[-1500:]
    assert "heavy [] rc 0" in out.stdout


def test_high_contrast_palette_switch(qtbot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette().color(QPalette.ColorRole.Window)
    apply_palette(app, True)
    assert app.palette().color(QPalette.ColorRole.Window).name() == "#ffffff"
    assert app.palette().color(QPalette.ColorRole.WindowText).name() == "#000000"
    apply_palette(app, False)
    assert app.palette().color(QPalette.ColorRole.Window) == before


def test_passphrase_never_reaches_clipboard(qtbot) -> None:
    from PySide6.QtCore import Qt

    from ui.widgets.passphrase_edit import PassphraseEdit

    QApplication.clipboard().setText("före")
    edit = PassphraseEdit()
    qtbot.addWidget(edit)
    edit.setText(PASSPHRASE)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "före"


def test_capture_guard_is_a_noop_off_windows(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    from ui.capture_guard import exclude_from_capture

    w = QWidget()
    qtbot.addWidget(w)
    assert exclude_from_capture(w) is (sys.platform == "win32")
