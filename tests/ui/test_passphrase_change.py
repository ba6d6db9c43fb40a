"""Arkiv → Byt lösenfras…, and the forced change after an administrator's reset (issue 19)."""

from __future__ import annotations

from stodapp.core import Core
from tests.ui.conftest import ANNA_PASSPHRASE
from ui.gate import StoreGate
from ui.main_window import MainWindow
from ui.passphrase_change_dialog import PassphraseChangeDialog

TEMPORARY = "tillfällig fras från admin 4711"
OWN = "hennes egen fras om hösten 2031"


def _reset_anna(data, passphrase) -> None:  # type: ignore[no-untyped-def]
    admin = Core.unlock(data, "admin", passphrase)
    admin.users.reset_passphrase("anna", TEMPORARY)
    admin.close()


def _signed_in_after_reset(qtbot, prefs, real_store) -> tuple[MainWindow, list[bool]]:  # type: ignore[no-untyped-def]
    """Anna signs in on the passphrase an administrator set; the list records a sign-out."""
    data, passphrase = real_store
    _reset_anna(data, passphrase)
    win = MainWindow(Core.unlock(data, "anna", TEMPORARY), StoreGate(data), prefs)
    qtbot.addWidget(win)
    signed_out: list[bool] = []
    win.sig_signed_out.connect(lambda: signed_out.append(True))
    return win, signed_out


def test_after_a_reset_she_must_choose_her_own_before_working(qtbot, prefs, real_store) -> None:
    data, _passphrase = real_store
    win, _signed_out = _signed_in_after_reset(qtbot, prefs, real_store)
    dialog = win.passphrase_dialog
    assert isinstance(dialog, PassphraseChangeDialog) and dialog.forced and dialog.isModal()
    assert dialog.cancel_button.text() == "Logga ut"
    dialog.current_edit.setText(TEMPORARY)
    dialog.new_edit.setText(TEMPORARY)
    dialog.repeat_edit.setText(TEMPORARY)
    assert not dialog.ok_button.isEnabled()  # the administrator's phrase again is not her own
    assert "skilja sig" in dialog.feedback.text()
    dialog.new_edit.setText(OWN)
    dialog.repeat_edit.setText(OWN + "x")
    assert not dialog.ok_button.isEnabled() and "inte lika" in dialog.feedback.text()
    dialog.repeat_edit.setText(OWN)
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: win.passphrase_dialog is None, timeout=20000)
    assert "sparad" in win.statusBar().currentMessage()
    assert win.core is not None and not win.core.users.must_change_passphrase()
    win.close()
    Core.unlock(data, "anna", OWN).close()


def test_leaving_the_forced_change_signs_out_and_changes_nothing(qtbot, prefs, real_store) -> None:
    data, _passphrase = real_store
    win, signed_out = _signed_in_after_reset(qtbot, prefs, real_store)
    assert win.passphrase_dialog is not None
    win.passphrase_dialog.cancel_button.click()
    assert signed_out == [True] and win.core is None
    again = Core.unlock(data, "anna", TEMPORARY)  # still the temporary one, still flagged
    assert again.users.must_change_passphrase()
    again.close()


def test_a_wrong_current_passphrase_is_said_and_nothing_changes(qtbot, prefs, real_store) -> None:
    data, _passphrase = real_store
    win = MainWindow(Core.unlock(data, "anna", ANNA_PASSPHRASE), StoreGate(data), prefs)
    qtbot.addWidget(win)
    assert win.passphrase_dialog is None  # no reset: nothing opens by itself
    win.act_passphrase.trigger()
    dialog = win.passphrase_dialog
    assert dialog is not None and not dialog.forced and dialog.cancel_button.text() == "Avbryt"
    dialog.current_edit.setText("fel fras som inte stämmer alls")
    dialog.new_edit.setText(OWN)
    dialog.repeat_edit.setText(OWN)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "stämmer inte" in dialog.error.text(), timeout=20000)
    assert dialog.isVisible() and dialog.current_edit.text() == ""
    dialog.cancel_button.click()
    assert win.core is not None and win.passphrase_dialog is None  # Avbryt keeps her signed in
    win.lock()  # closing a closed dialog again is harmless
    win.close()
    Core.unlock(data, "anna", ANNA_PASSPHRASE).close()


def test_locking_closes_the_forced_dialog_without_signing_out(qtbot, prefs, real_store) -> None:
    win, signed_out = _signed_in_after_reset(qtbot, prefs, real_store)
    win.lock()
    assert win.passphrase_dialog is None and signed_out == [] and win.locked
    win.close()
