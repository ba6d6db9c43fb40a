"""Arkiv → Byt lösenfras… in server mode on a real PostgreSQL: the same dialog as on a laptop store changes her key
slot and her database login together, off the GUI thread; the new passphrase signs in, the old one no longer."""

from __future__ import annotations

import threading

import pytest

from stodapp.errors import AuthError
from stodapp.store.keyslots import KdfParams
from tests.ui.server.conftest import USER_PASS, make_unit
from ui.passphrase_change_dialog import PassphraseChangeDialog

FAST = KdfParams.for_tests()
OWN = "hennes egen fras om blåbär i skogen"


def test_the_dialog_changes_her_server_passphrase(qtbot, pg_server, pg_db, clock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from stodapp.core import Core
    from stodapp.server import user_admin

    url = make_unit(pg_server, pg_db, clock)
    core = Core.connect_server(url, "anna", USER_PASS, clock=clock, login_kdf=FAST)
    threads: list[str] = []
    real = user_admin.change_own_passphrase

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(user_admin, "change_own_passphrase", spy)
    seen: list[object] = []
    core.subscribe(seen.append)
    dialog = PassphraseChangeDialog(core)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current_edit.setText(USER_PASS)
    dialog.new_edit.setText(OWN)
    dialog.repeat_edit.setText(OWN)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.sig_changed, timeout=30000):
        dialog.ok_button.click()
    assert threads and threads[0] != threading.main_thread().name
    assert [(c.area, c.action) for c in seen] == [("users", "passphrase_changed")]  # type: ignore[attr-defined]
    core.close()
    with pytest.raises(AuthError):
        Core.connect_server(url, "anna", USER_PASS, clock=clock, login_kdf=FAST)
    Core.connect_server(url, "anna", OWN, clock=clock, login_kdf=FAST).close()
