"""Administration in server mode on a real PostgreSQL: the unit's users listed off the GUI thread; an administrator
adds a user (she can then sign in), disables one (she can no longer), resets a passphrase (she must choose her own);
each after her step-up, with the owner role typed in the dialog and Enter doing the action; a wrong owner password
is said in one line and writes nothing; every read and write runs off the GUI thread."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from stodapp.errors import AuthError
from stodapp.store.keyslots import KdfParams
from tests.ui.server.conftest import ADMIN_PASS, OWNER, USER_PASS, make_unit
from ui import step_up
from ui.admin.passphrase_reset_dialog import PassphraseResetDialog
from ui.admin.server_add_user_dialog import ServerAddUserDialog
from ui.admin.server_disable_dialog import ServerDisableDialog
from ui.admin.server_users_panel import ServerUsersPanel
from ui.change_bus import ChangeBus

FAST = KdfParams.for_tests()
NEW = "hennes egen langa fras om hostar 2026"  # ASCII: QTest types ASCII only
TEMPORARY = "tillfallig fras fran admin 4711"


def _connect(url: str, clock, user: str, passphrase: str):  # type: ignore[no-untyped-def]
    from stodapp.core import Core

    return Core.connect_server(url, user, passphrase, clock=clock, login_kdf=FAST)


@pytest.fixture
def unit(pg_server, pg_db, clock, monkeypatch):  # type: ignore[no-untyped-def]
    from stodapp.store import keyslots

    monkeypatch.setattr(keyslots, "benchmark", lambda *a, **k: FAST)  # new key slots: the fast test KDF
    url = make_unit(pg_server, pg_db, clock)
    core = _connect(url, clock, "admin", ADMIN_PASS)
    asked: list[str] = []

    def confirm(_parent: object, message: str) -> bool:
        asked.append(message)
        core.reauthenticate(ADMIN_PASS)
        return True

    step_up.install(confirm)
    yield url, core, asked
    step_up.install(None)
    if core.is_open:
        core.close()


@pytest.fixture
def threads(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """'name:True' when a server read or write ran on the GUI thread (the panel must never do that)."""
    from stodapp.server import provision, user_admin

    seen: list[str] = []
    for module, name in ((provision, "list_users"), (provision, "add_user"), (user_admin, "disable_user"),
                         (user_admin, "reset_passphrase")):
        real = getattr(module, name)

        def spy(*args, _real=real, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            seen.append(f"{_name}:{threading.current_thread() is threading.main_thread()}")
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    return seen


def _shot(widget: QWidget, name: str) -> None:
    """Save a screenshot when STODAPP_SHOTS names a folder (a person looks at it; no test reads it)."""
    folder = os.environ.get("STODAPP_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))


def _panel(qtbot, core) -> ServerUsersPanel:  # type: ignore[no-untyped-def]
    panel = ServerUsersPanel(core)
    qtbot.addWidget(panel)
    panel.watch_changes(ChangeBus(core, panel))
    panel.resize(1000, 500)
    panel.show()
    qtbot.waitUntil(lambda: bool(panel.users), timeout=20000)
    return panel


def _rows(panel: ServerUsersPanel) -> list[list[str]]:
    t = panel.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def _select(panel: ServerUsersPanel, username: str) -> None:
    panel.table.selectRow(next(r for r, u in enumerate(panel.users) if u.username == username))


def _in_modal(kind: type, steps: list[Callable[[Any], None]], tries: int = 500) -> None:
    """Run each step on the open modal of `kind` (exec() blocks the test), one step per event-loop turn."""

    def attempt(left: int) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, kind) and modal.isVisible():
            try:
                steps.pop(0)(modal)
            except BaseException:
                modal.reject()  # a failed step must not leave exec() waiting for ever
                raise
            if steps:
                QTimer.singleShot(20, lambda: attempt(tries))
            return
        if left > 0:
            QTimer.singleShot(10, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))


def _type(edit: QWidget, text: str) -> None:
    edit.setFocus()
    QTest.keyClicks(edit, text)


def _owner(dialog: Any, password: str) -> None:
    fields = dialog.fields if isinstance(dialog, PassphraseResetDialog) else dialog.owner
    fields.owner_edit.setText(OWNER)
    _type(fields.password_edit, password)


def _enter(widget: QWidget) -> None:
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_the_table_lists_the_units_users_off_the_gui_thread(qtbot, unit, threads) -> None:  # type: ignore[no-untyped-def]
    _url, core, _asked = unit
    panel = _panel(qtbot, core)
    assert _rows(panel) == [["admin (du)", "Administratör", "Aktiv"], ["anna", "Handläggare", "Aktiv"],
                            ["bertil", "Handläggare", "Aktiv"], ["sara", "Arbetsledare", "Aktiv"]]
    assert threads == ["list_users:False"]
    _select(panel, "admin")
    assert not panel.disable_button.isEnabled() and not panel.reset_button.isEnabled()  # not oneself
    _select(panel, "anna")
    assert panel.disable_button.isEnabled() and panel.reset_button.isEnabled()
    _shot(panel, "server-admin-users.png")


def test_add_a_user_who_can_then_sign_in(qtbot, unit, threads, pg_server, clock) -> None:  # type: ignore[no-untyped-def]
    url, core, asked = unit
    panel = _panel(qtbot, core)
    seen: dict[str, Any] = {}

    def fill(dialog: ServerAddUserDialog) -> None:
        assert dialog.ok_button.isDefault()
        _type(dialog.name_edit, "dora")
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("handlaggare"))
        _type(dialog.form.new_edit, NEW)
        _type(dialog.form.repeat_edit, NEW)
        _owner(dialog, pg_server.owner_password)
        _shot(dialog, "server-admin-add-user.png")
        _enter(dialog.owner.password_edit)
        seen["busy"] = dialog.busy_label.text()

    _in_modal(ServerAddUserDialog, [fill])
    panel.add_button.click()
    assert len(asked) == 1 and "lägga till" in asked[0]
    assert panel.status.text() == "Användaren dora är tillagd på servern och kan logga in."
    assert seen["busy"] == "Sparar användaren på servern …"
    qtbot.waitUntil(lambda: ["dora", "Handläggare", "Aktiv"] in _rows(panel), timeout=20000)  # the change feed
    assert "add_user:False" in threads and not any(t.endswith(":True") for t in threads)
    dora = _connect(url, clock, "dora", NEW)
    assert dora.principal.role.value == "handlaggare"
    dora.close()


def test_disable_a_user_who_can_then_no_longer_sign_in(qtbot, unit, threads, pg_server, clock) -> None:  # type: ignore[no-untyped-def]
    url, core, asked = unit
    panel = _panel(qtbot, core)
    _select(panel, "anna")
    seen: dict[str, str] = {}

    def confirm_with_enter(box: QMessageBox) -> None:
        seen["question"] = box.text()
        seen["default"] = box.defaultButton().text()
        _enter(box)

    def owner(dialog: ServerDisableDialog) -> None:
        assert dialog.ok_button.isDefault() and dialog.ok_button.text() == "Inaktivera anna"
        _owner(dialog, pg_server.owner_password)
        _enter(dialog.owner.password_edit)

    _in_modal(QMessageBox, [confirm_with_enter])
    _in_modal(ServerDisableDialog, [owner], tries=2000)
    panel.disable_selected()
    assert seen["default"] == "Inaktivera anna" and "kan inte logga in" in seen["question"]
    assert len(asked) == 1 and "anna" in asked[0]
    assert panel.status.text().startswith("Användaren anna är inaktiverad")
    qtbot.waitUntil(lambda: ["anna", "Handläggare", "Inaktiverad"] in _rows(panel), timeout=20000)
    assert "disable_user:False" in threads and not any(t.endswith(":True") for t in threads)
    _select(panel, "anna")
    assert not panel.disable_button.isEnabled()
    with pytest.raises(AuthError):
        _connect(url, clock, "anna", USER_PASS)


def test_reset_she_must_choose_her_own_at_sign_in(qtbot, unit, threads, pg_server, clock) -> None:  # type: ignore[no-untyped-def]
    url, core, asked = unit
    panel = _panel(qtbot, core)
    _select(panel, "bertil")

    def fill(dialog: PassphraseResetDialog) -> None:
        assert dialog.ok_button.isDefault()
        _owner(dialog, pg_server.owner_password)
        _type(dialog.new_edit, TEMPORARY)
        _type(dialog.repeat_edit, TEMPORARY)
        _shot(dialog, "server-admin-reset.png")
        _enter(dialog.repeat_edit)

    _in_modal(PassphraseResetDialog, [fill])
    panel.reset_selected()
    assert len(asked) == 1 and "bertil" in asked[0]
    assert panel.status.text().startswith("Lösenfrasen för bertil är återställd på servern")
    assert "reset_passphrase:False" in threads and not any(t.endswith(":True") for t in threads)
    with pytest.raises(AuthError):
        _connect(url, clock, "bertil", USER_PASS)
    bertil = _connect(url, clock, "bertil", TEMPORARY)
    assert bertil.users.must_change_passphrase() is True
    bertil.close()


def test_a_wrong_owner_password_says_so_and_writes_nothing(qtbot, unit, threads, pg_server, clock) -> None:  # type: ignore[no-untyped-def]
    url, core, _asked = unit
    panel = _panel(qtbot, core)
    seen: dict[str, Any] = {}

    def wrong(dialog: ServerAddUserDialog) -> None:
        _type(dialog.name_edit, "dora")
        _type(dialog.form.new_edit, NEW)
        _type(dialog.form.repeat_edit, NEW)
        _owner(dialog, "inte ratt losenord")
        _enter(dialog.owner.password_edit)

    def look(dialog: ServerAddUserDialog) -> None:
        if dialog._busy or not dialog.error.text():
            _in_modal(ServerAddUserDialog, [look])  # the write is still under way: look again
            return
        seen["error"] = dialog.error.text()
        seen["open"] = dialog.isVisible()
        seen["password"] = dialog.owner.password_edit.text()
        seen["name"] = dialog.name_edit.text()
        dialog.reject()

    _in_modal(ServerAddUserDialog, [wrong, look])
    panel.add_button.click()
    assert seen["error"].startswith("Ägarrollen stod_test_owner fick inte logga in") and "\n" not in seen["error"]
    assert "Inget har sparats." in seen["error"] and seen["open"]
    assert seen["password"] == "" and seen["name"] == "dora"  # the owner's password is typed again; her name stays
    assert panel.status.text() == "Ingen användare lades till."
    assert [u.username for u in panel.users] == ["admin", "anna", "bertil", "sara"]
    with pytest.raises(AuthError):
        _connect(url, clock, "dora", NEW)
    # A reset with a wrong owner password: bertil keeps his passphrase.
    _select(panel, "bertil")

    def wrong_reset(dialog: PassphraseResetDialog) -> None:
        _owner(dialog, "inte ratt losenord")
        _type(dialog.new_edit, TEMPORARY)
        _type(dialog.repeat_edit, TEMPORARY)
        _enter(dialog.repeat_edit)

    def look_reset(dialog: PassphraseResetDialog) -> None:
        if dialog._busy or not dialog.error.text():
            _in_modal(PassphraseResetDialog, [look_reset])
            return
        seen["reset"] = dialog.error.text()
        dialog.reject()

    _in_modal(PassphraseResetDialog, [wrong_reset, look_reset])
    panel.reset_selected()
    assert seen["reset"].startswith("Ägarrollen stod_test_owner fick inte logga in") and "\n" not in seen["reset"]
    assert panel.status.text() == "Ingen lösenfras återställdes."
    assert threads == ["list_users:False", "add_user:False", "reset_passphrase:False"]  # nothing written: no reload
    assert [u.username for u in core.list_users()] == ["admin", "anna", "bertil", "sara"]
    _connect(url, clock, "bertil", USER_PASS).close()


def test_the_admin_area_on_the_server_is_the_users_panel_and_fits(qtbot, tmp_path, prefs, clock, pg_server,
                                                                  pg_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The main window's Administration in server mode: the users panel, laid out without a cut text (the layout
    audit) at 1280×720 logical pixels (1920×1080 at QT_SCALE_FACTOR=1.5); screenshots with STODAPP_SHOTS."""
    from tests.ui.layout_audit import audit
    from ui.gate import StoreGate
    from ui.main_window import MainWindow

    url = make_unit(pg_server, pg_db, clock)
    gate = StoreGate(tmp_path / "data", clock=clock)
    gate.login_kdf = FAST
    gate.profiles_file = tmp_path / "server-profiles.json"
    gate.use_server(url)
    core = gate.unlock("admin", ADMIN_PASS)
    window = MainWindow(core, gate, prefs, clock=clock)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert window.host is not None and window.host.select("admin")
    panel = window.host.widget_for("admin")
    assert isinstance(panel, ServerUsersPanel)
    qtbot.waitUntil(lambda: len(panel.users) == 4 and not panel.loading, timeout=20000)
    _select(panel, "anna")
    qtbot.wait(50)
    assert audit(window, main=True).problems == []
    scale = os.environ.get("QT_SCALE_FACTOR", "1")
    _shot(window, f"server-admin-area-1280x720@{scale}.png")
    from ui.admin.owner_fields import OwnerFields
    from ui.admin.server_users_panel import ServerResetSaver

    fields = OwnerFields(OWNER)
    reset = PassphraseResetDialog(ServerResetSaver(core, fields), "anna", "", window, fields)
    for dialog in (ServerAddUserDialog(core, OWNER, window), ServerDisableDialog(core, "anna", OWNER, window), reset):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.wait(50)
        assert audit(dialog).problems == []
        _shot(dialog, f"server-admin-{type(dialog).__name__}@{scale}.png")
        dialog.reject()
    window.lock()
    window.close()
