"""The sign-in window's "Lokal databas / Server" choice against a real PostgreSQL unit."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from stodapp.store.keyslots import KdfParams
from tests.ui.server.conftest import USER_PASS, make_unit
from ui.gate import StoreGate
from ui.main import Shell
from ui.server_placeholder import ServerPlaceholder
from ui.unlock_window import UnlockWindow


def _gate(tmp_path: Path, clock) -> StoreGate:  # type: ignore[no-untyped-def]
    gate = StoreGate(tmp_path / "data", clock=clock)
    gate.login_kdf = KdfParams.for_tests()
    gate.profiles_file = tmp_path / "server-profiles.json"
    return gate


def _free_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


def _sign_in(qtbot, win: UnlockWindow, target: str, user: str, passphrase: str) -> None:  # type: ignore[no-untyped-def]
    win.panel.store_choice.server_radio.setChecked(True)
    win.panel.store_choice.server_edit.setCurrentText(target)
    win.panel.user_edit.setText(user)
    win.panel.pass_edit.setText(passphrase)
    win.panel.unlock_button.click()
    qtbot.waitUntil(lambda: not win.panel._busy, timeout=20000)


def test_server_sign_in_opens_a_server_core_and_remembers_the_choice(qtbot, tmp_path, prefs, clock,
                                                                     pg_server, pg_db) -> None:  # type: ignore[no-untyped-def]
    url = make_unit(pg_server, pg_db, clock)
    gate = _gate(tmp_path, clock)
    win = UnlockWindow(gate, clock=clock, prefs=prefs)
    qtbot.addWidget(win)
    assert win.panel.store_choice.mode() == "local"
    assert not win.panel.store_choice.server_edit.isVisibleTo(win)
    with qtbot.waitSignal(win.sig_unlocked, timeout=20000) as blocker:
        _sign_in(qtbot, win, url, "anna", USER_PASS)
    core = blocker.args[0]
    try:
        assert core.is_server and core.principal.username == "anna"
        assert core.cases.list_cases().total == 0
        assert win.panel.pass_edit.text() == ""
    finally:
        core.close()
    prefs.sync()
    again = QSettings(prefs.fileName(), QSettings.Format.IniFormat)
    assert again.value("start/mode") == "server" and again.value("start/server") == url
    assert USER_PASS not in Path(prefs.fileName()).read_text(encoding="utf-8")
    # The next start opens on the sign-in window in server mode, with the server filled in.
    shell = Shell(qtbot_app(), _gate(tmp_path, clock), again, clock=clock)  # no local store exists
    window = shell.show_start()
    qtbot.addWidget(window)
    assert isinstance(window, UnlockWindow)
    assert window.panel.store_choice.mode() == "server"
    assert window.panel.store_choice.target() == url


def qtbot_app():  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


def test_wrong_passphrase_on_the_server_is_one_line_and_remembers_nothing(qtbot, tmp_path, prefs, clock,
                                                                          pg_server, pg_db) -> None:  # type: ignore[no-untyped-def]
    url = make_unit(pg_server, pg_db, clock)
    win = UnlockWindow(_gate(tmp_path, clock), clock=clock, prefs=prefs)
    qtbot.addWidget(win)
    _sign_in(qtbot, win, url, "anna", "fel fras helt och hållet")
    text = win.panel.error_label.text()
    assert win.panel.error_label.isVisibleTo(win) and "\n" not in text and "lösenfras" in text
    assert not win.panel.retry_button.isVisibleTo(win)
    assert win.panel.pass_edit.text() == ""
    assert prefs.value("start/mode") is None


def test_unreachable_server_shows_one_line_and_retry(qtbot, tmp_path, prefs, clock) -> None:  # type: ignore[no-untyped-def]
    gate = _gate(tmp_path, clock)
    win = UnlockWindow(gate, clock=clock, prefs=prefs)
    qtbot.addWidget(win)
    url = f"postgresql://127.0.0.1:{_free_port()}/enheten?connect_timeout=2"
    _sign_in(qtbot, win, url, "anna", USER_PASS)
    text = win.panel.error_label.text()
    assert "servern svarar inte" in text and "\n" not in text
    assert win.panel.retry_button.isVisibleTo(win)
    assert win.panel.pass_edit.text() == USER_PASS  # kept (masked) for "Försök igen" only
    assert not (tmp_path / "data").exists()  # never a silent new local store
    win.panel.retry_button.click()
    qtbot.waitUntil(lambda: not win.panel._busy, timeout=20000)
    assert win.panel.retry_button.isVisibleTo(win)


def test_plaintext_to_a_remote_host_is_refused_in_words(qtbot, tmp_path, prefs, clock) -> None:  # type: ignore[no-untyped-def]
    win = UnlockWindow(_gate(tmp_path, clock), clock=clock, prefs=prefs)
    qtbot.addWidget(win)
    _sign_in(qtbot, win, "postgresql://db.example.se/enheten?sslmode=disable", "anna", USER_PASS)
    assert "vägras" in win.panel.error_label.text()
    assert not win.panel.retry_button.isVisibleTo(win)


def test_main_window_in_server_mode_shows_placeholders(qtbot, tmp_path, prefs, clock,
                                                       pg_server, pg_db) -> None:  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    url = make_unit(pg_server, pg_db, clock)
    gate = _gate(tmp_path, clock)
    gate.use_server(url)
    core = gate.unlock("anna", USER_PASS)
    window = MainWindow(core, gate, prefs, clock=clock)
    qtbot.addWidget(window)
    assert window.host is not None and window.host.select("concerns")  # not on the server yet: said so
    shown = window.host.widget_for("concerns")
    assert isinstance(shown, ServerPlaceholder)
    assert shown.label.text() == "Finns inte i serverläge ännu"
    assert "ansluten till 127.0.0.1:" in window.user_label.text()
    window.lock()
    assert not core.is_open
    window.close()


@pytest.mark.parametrize("mode", ["local", "server"])
def test_choice_survives_a_restart(tmp_path, prefs, mode) -> None:  # type: ignore[no-untyped-def]
    from ui.store_choice import StoreChoice

    first = StoreChoice(prefs, [])
    (first.server_radio if mode == "server" else first.local_radio).setChecked(True)
    first.server_edit.setCurrentText("enheten")
    first.remember()
    second = StoreChoice(QSettings(prefs.fileName(), QSettings.Format.IniFormat), ["enheten"])
    assert second.mode() == mode
    assert second.target() == ("enheten" if mode == "server" else "")
