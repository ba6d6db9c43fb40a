"""Backup tab (backup now, list, verify, daily schedule on a fake clock) and restore from the integrity-failure screen."""

from __future__ import annotations

from pathlib import Path

from stodapp.clock import FakeClock
from stodapp.core import Core
from tests.ui.conftest import PASSPHRASE
from ui.admin.backup_panel import BackupPanel
from ui.gate import StoreGate
from ui.unlock_window import UnlockWindow

BACKUP_PASS = "säker kopia i källaren varje dag"
NEW_PASS = "en helt ny fras efter återställning"


def _panel(qtbot, core: Core) -> BackupPanel:  # type: ignore[no-untyped-def]
    panel = BackupPanel(core, check_ms=3_600_000)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: not panel.busy, timeout=5000)
    return panel


def _wait(qtbot, panel: BackupPanel) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: not panel.busy, timeout=20000)


def _backup_dirs(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.name.startswith("stodapp-backup-"))


def _ready_panel(qtbot, core: Core, root: Path) -> BackupPanel:  # type: ignore[no-untyped-def]
    panel = _panel(qtbot, core)
    panel.set_folder(root)
    _wait(qtbot, panel)
    _wait(qtbot, panel)
    panel.secret_edit.setText(BACKUP_PASS)
    panel.repeat_edit.setText(BACKUP_PASS)
    panel.set_secret()
    _wait(qtbot, panel)
    return panel


def test_backup_now_is_listed_and_verifies(qtbot, real_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data, passphrase = real_store
    clock = FakeClock()
    core = Core.unlock(data, "admin", passphrase, clock=clock)
    root = tmp_path / "share"
    try:
        panel = _ready_panel(qtbot, core, root)  # no backups yet: the schedule takes the first one at once
        qtbot.waitUntil(lambda: len(_backup_dirs(root)) == 1 and not panel.busy, timeout=20000)
        assert "lösenfras" in panel.secret_state.text().lower() and panel.secret_edit.text() == ""
        clock.advance(3600)
        panel.backup_now()
        _wait(qtbot, panel)
        qtbot.waitUntil(lambda: panel.table.rowCount() == 2 and not panel.busy, timeout=10000)
        assert "kontrollerad" in panel.last_label.text()
        assert panel.table.item(0, 1).text() == "Hel"
        panel.table.selectRow(0)
        panel.verify_selected()
        _wait(qtbot, panel)
        assert panel.table.item(0, 2).text().startswith("Hel:"), panel.status.text()
        # Settings live in the store (folder, keep), never the passphrase.
        assert core.settings.store_wide("backup.folder") == str(root)
        assert BACKUP_PASS not in str(core.settings.store_wide("backup.keep"))
    finally:
        core.close()


def test_one_click_is_one_backup(qtbot, real_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    data, passphrase = real_store
    clock = FakeClock()
    core = Core.unlock(data, "admin", passphrase, clock=clock)
    root = tmp_path / "share"
    try:
        panel = _ready_panel(qtbot, core, root)
        qtbot.waitUntil(lambda: len(_backup_dirs(root)) == 1 and not panel.busy, timeout=20000)
        assert panel.now_button.isEnabled()
        clock.advance(3600)
        qtbot.mouseClick(panel.now_button, Qt.MouseButton.LeftButton)
        assert not panel.now_button.isEnabled()  # disabled while the backup runs
        qtbot.mouseClick(panel.now_button, Qt.MouseButton.LeftButton)  # an impatient second click does nothing
        qtbot.mouseDClick(panel.now_button, Qt.MouseButton.LeftButton)
        _wait(qtbot, panel)
        qtbot.waitUntil(lambda: not panel.busy and panel.now_button.isEnabled(), timeout=20000)
        assert len(_backup_dirs(root)) == 2
        assert panel.folder_edit.isReadOnly() and panel.folder_button.text() == "&Välj mapp…"
    finally:
        core.close()


def test_daily_schedule_rotation_and_wrong_passphrase(qtbot, real_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data, passphrase = real_store
    clock = FakeClock()
    core = Core.unlock(data, "admin", passphrase, clock=clock)
    root = tmp_path / "share"
    try:
        panel = _ready_panel(qtbot, core, root)
        qtbot.waitUntil(lambda: len(_backup_dirs(root)) == 1 and not panel.busy, timeout=20000)
        panel.keep_spin.setValue(2)
        clock.advance(13 * 3600)  # FakeClock starts 2026-01-15 10:00 Swedish time; 23:00 is still that day
        panel.check_schedule()  # one backup on this Swedish day already: nothing
        _wait(qtbot, panel)
        assert len(_backup_dirs(root)) == 1
        for _day in range(2):
            clock.advance(24 * 3600)  # the next Swedish days
            panel.check_schedule()
            _wait(qtbot, panel)
        assert len(_backup_dirs(root)) == 2  # rotation kept the newest two of three
        assert "schemalagd" in panel.last_label.text()
        # A later session with a wrong passphrase: refused in one line, nothing written.
        other = _panel(qtbot, core)
        _wait(qtbot, other)
        other.secret_edit.setText("fel lösenfras för kopiorna här")
        other.set_secret()
        _wait(qtbot, other)
        before = sorted(p.name for p in root.rglob("*"))
        assert "\n" not in other.status.text() and other.status.text()
        assert "nyckel" in other.status.text().lower() or "lösenfras" in other.status.text().lower()
        assert other.secret_state.text() == "Ingen lösenfras angiven i den här sessionen."
        other.backup_now()
        assert "lösenfrasen" in other.status.text()
        assert sorted(p.name for p in root.rglob("*")) == before
    finally:
        core.close()


def _corrupt(data: Path) -> None:
    db = data / "stodapp.db"
    raw = bytearray(db.read_bytes())
    raw[4096 * 2 + 100] ^= 0xFF
    db.write_bytes(bytes(raw))


def _problem_screen(qtbot, data: Path):  # type: ignore[no-untyped-def]
    gate = StoreGate(data)
    win = UnlockWindow(gate, username="admin")
    qtbot.addWidget(win)
    win.show()
    win.panel.pass_edit.setText(PASSPHRASE)
    win.panel.submit()
    qtbot.waitUntil(lambda: win.problem is not None, timeout=15000)
    return gate, win


def test_corrupt_store_restore_opens_new_store(qtbot, real_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from stodapp.backup import create_backup

    data, passphrase = real_store
    core = Core.unlock(data, "admin", passphrase)
    backup = tmp_path / "share" / "stodapp-backup-20260101T000000Z"
    create_backup(core, backup, BACKUP_PASS)
    core.close()
    _corrupt(data)
    damaged = (data / "stodapp.db").read_bytes()
    gate, win = _problem_screen(qtbot, data)
    problem = win.problem
    assert problem.restore_button is not None
    dlg = problem.open_restore_dialog()
    target = Path(dlg.target_edit.text())
    assert target.parent == data.parent and target != data
    dlg.folder_edit.setText(str(backup.parent))  # the root folder: the newest complete backup is used
    # A wrong backup passphrase: a clear line, nothing written.
    dlg.secret_edit.setText("inte rätt lösenfras för kopian")
    dlg.new_edit.setText(NEW_PASS)
    dlg.repeat_edit.setText(NEW_PASS)
    dlg.submit()
    qtbot.waitUntil(lambda: not dlg.busy, timeout=15000)
    assert dlg.error_label.text().startswith("Återställningen gjordes inte") and "\n" not in dlg.error_label.text()
    assert not target.exists()
    # The damaged data dir as target is refused before any work.
    dlg.target_edit.setText(str(data))
    dlg.secret_edit.setText(BACKUP_PASS)
    dlg.submit()
    assert "skadade" in dlg.error_label.text() and not dlg.busy
    dlg.target_edit.setText(str(target))
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.pages.currentIndex() == 1, timeout=20000)
    key = dlg.key_view.toPlainText()
    assert len(key) > 20 and not dlg.open_button.isEnabled()
    dlg.reject()  # Escape before confirming the key does not close the only view of it
    assert dlg.isVisible()
    dlg.saved_check.setChecked(True)
    dlg.open_button.click()
    qtbot.waitUntil(lambda: win._stack.currentWidget() is win.panel, timeout=5000)  # noqa: SLF001
    assert gate.data_dir == target and (data / "stodapp.db").read_bytes() == damaged
    opened: list[Core] = []
    win.sig_unlocked.connect(opened.append)
    win.panel.user_edit.setText("admin")
    win.panel.pass_edit.setText(NEW_PASS)
    win.panel.submit()
    qtbot.waitUntil(lambda: bool(opened), timeout=15000)
    try:
        assert opened[0].verify_audit().ok
    finally:
        opened[0].close()
    win.close()


def _msgids(path: Path) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.add(node.args[0].value)
    return found


def test_backup_ui_strings_have_english() -> None:
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    translated = set()
    for po in (root / "resources/translations/en/LC_MESSAGES/stodapp.po",):
        with po.open("rb") as fh:
            translated |= {m.id for m in read_po(fh) if m.id and m.string}
    wanted = set().union(*(_msgids(root / f) for f in ("ui/admin/backup_panel.py", "ui/restore_dialog.py",
                                                        "ui/store_problem.py")))
    assert len(wanted) >= 60
    assert wanted - translated == set()
