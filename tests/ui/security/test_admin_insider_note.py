"""The administrator's view says plainly that roles in a local store are enforced by the application (issue 18)."""

from __future__ import annotations

from pathlib import Path

from stodapp.core import Core
from ui.admin.admin_area import AdminArea
from ui.gate import StoreGate
from ui.main_window import MainWindow


def test_admin_view_states_the_insider_limitation(qtbot, prefs, real_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data, passphrase = real_store
    core = Core.unlock(data, "admin", passphrase)
    win = MainWindow(core, StoreGate(data), prefs)
    qtbot.addWidget(win)
    win.resize(1100, 760)
    assert win.show_area("admin")
    area = win.host.widget_for("admin")
    assert isinstance(area, AdminArea)
    note = area.insider_note.text()
    assert "hela dess datanyckel" in note and "programmet, inte av krypteringen" in note
    assert "serverläget" in note and "PostgreSQL" in note
    win.show()
    qtbot.waitExposed(win)
    assert area.insider_note.isVisible()
    win.grab().save(str(tmp_path / "admin-insider.png"))
