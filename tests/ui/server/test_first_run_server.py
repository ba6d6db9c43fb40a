"""The first-run wizard's "Server" choice on a real PostgreSQL: it signs in to a prepared unit and creates nothing;
on a database nobody prepared it fails in one line, says that `stodapp server init` comes first, and leaves no
local store behind."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWizard

from stodapp.store.keyslots import KdfParams
from tests.ui.conftest import PASSPHRASE
from tests.ui.server.conftest import USER_PASS, make_unit
from ui.first_run_wizard import FirstRunWizard
from ui.gate import StoreGate
from ui.main import Shell
from ui.unlock_window import UnlockWindow


def _gate(tmp_path: Path, clock) -> StoreGate:  # type: ignore[no-untyped-def]
    gate = StoreGate(tmp_path / "data", clock=clock, kdf=KdfParams.for_tests())
    gate.login_kdf = KdfParams.for_tests()
    gate.profiles_file = tmp_path / "server-profiles.json"
    return gate


def _to_server_page(qtbot, tmp_path: Path, prefs, clock, url: str) -> FirstRunWizard:  # type: ignore[no-untyped-def]
    wiz = FirstRunWizard(_gate(tmp_path, clock), prefs=prefs)
    qtbot.addWidget(wiz)
    wiz.show()
    next_button = wiz.button(QWizard.WizardButton.NextButton)
    assert wiz.intro.choice is not None and wiz.intro.choice.mode() == "local"
    assert wiz.intro.local_box.isVisibleTo(wiz) and not wiz.intro.server_text.isVisibleTo(wiz)
    wiz.intro.choice.server_radio.setChecked(True)
    assert wiz.intro.server_text.isVisibleTo(wiz) and not wiz.intro.local_box.isVisibleTo(wiz)
    assert not next_button.isEnabled()  # no server named yet
    wiz.intro.choice.server_edit.setCurrentText(url)
    assert next_button.isEnabled()
    wiz.next()
    assert wiz.currentPage() is wiz.server
    assert wiz.server.server_label.text() == url
    assert "stodapp server init" in wiz.server.prepared.text() and wiz.server.prepared.isVisibleTo(wiz)
    assert wiz.button(QWizard.WizardButton.BackButton).isVisible()  # the server can still be corrected
    assert wiz.button(QWizard.WizardButton.CancelButton).isVisible()
    return wiz


def _connect(qtbot, wiz: FirstRunWizard, user: str, passphrase: str) -> None:  # type: ignore[no-untyped-def]
    finish = wiz.button(QWizard.WizardButton.FinishButton)
    wiz.server.name_edit.setText(user)
    wiz.server.pass_edit.setText(passphrase)
    assert finish.isEnabled() and finish.text() == "&Anslut" and finish.accessibleName() == "Anslut"
    finish.click()
    qtbot.waitUntil(lambda: not wiz.busy, timeout=20000)


def test_wizard_signs_in_to_a_prepared_server_and_creates_nothing_locally(qtbot, tmp_path, prefs, clock,
                                                                          pg_server, pg_db) -> None:  # type: ignore[no-untyped-def]
    url = make_unit(pg_server, pg_db, clock)
    wiz = _to_server_page(qtbot, tmp_path, prefs, clock, url)
    connected: list[object] = []
    wiz.sig_connected.connect(connected.append)
    created: list[object] = []
    wiz.sig_created.connect(created.append)
    _connect(qtbot, wiz, "anna", USER_PASS)
    assert len(connected) == 1 and not created and not wiz.isVisible()
    core = connected[0]
    try:
        assert getattr(core, "is_server", False) and core.principal.username == "anna"  # type: ignore[attr-defined]
    finally:
        core.close()  # type: ignore[attr-defined]
    assert not (tmp_path / "data").exists()  # no local store
    prefs.sync()
    again = QSettings(prefs.fileName(), QSettings.Format.IniFormat)
    assert again.value("start/mode") == "server" and again.value("start/server") == url
    assert USER_PASS not in Path(prefs.fileName()).read_text(encoding="utf-8")
    # The next start goes to the sign-in window on that server, not to the wizard.
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = Shell(app, _gate(tmp_path, clock), again, clock=clock).show_start()
    qtbot.addWidget(window)
    assert isinstance(window, UnlockWindow) and window.panel.store_choice.target() == url


def test_wizard_on_a_database_nobody_prepared_says_server_init_comes_first(qtbot, tmp_path, prefs, clock,
                                                                           pg_server, pg_db) -> None:  # type: ignore[no-untyped-def]
    url = pg_server.url(pg_db)  # an empty database: `stodapp server init` was never run
    wiz = _to_server_page(qtbot, tmp_path, prefs, clock, url)
    connected: list[object] = []
    wiz.sig_connected.connect(connected.append)
    _connect(qtbot, wiz, "anna", USER_PASS)
    error = wiz.server.error_label.text()
    assert error and "\n" not in error and not connected
    assert wiz.isVisible() and wiz.currentPage() is wiz.server
    assert wiz.server.prepared.text() == ("Administratören måste först ha kört `stodapp server init` på en tom "
                                          "databas och lagt till dig som användare – guiden skapar ingen databas, "
                                          "varken på servern eller på den här datorn.")
    assert not (tmp_path / "data").exists()  # never a silent local store
    assert wiz.gate.server == "" and prefs.value("start/mode") is None
    with pg_server.super_connect(pg_db) as c:  # and nothing on the server either
        tables = c.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
    assert tables == (0,)
    # Back to the local choice: the wizard creates the local store as before (nothing of the attempt remains).
    wiz.back()
    assert wiz.intro.choice is not None
    wiz.intro.choice.local_radio.setChecked(True)
    wiz.next()
    assert wiz.currentPage() is wiz.admin
    wiz.admin.name_edit.setText("admin")
    wiz.admin.pass_edit.setText(PASSPHRASE)
    wiz.admin.repeat_edit.setText(PASSPHRASE)
    wiz.next()
    qtbot.waitUntil(lambda: wiz.currentPage() is wiz.recovery, timeout=15000)
    assert (tmp_path / "data").exists() and wiz.core is not None and not getattr(wiz.core, "is_server", False)
    assert not wiz.button(QWizard.WizardButton.BackButton).isVisible()  # no way back once the store exists
    assert not wiz.button(QWizard.WizardButton.CancelButton).isVisible()
    wiz.core.close()
