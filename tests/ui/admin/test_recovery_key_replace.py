"""'Ny återställningsnyckel…' in the keys tab: confirm (Enter = the action), step up, the new key shown once and
the dialog closes only after she confirms it is stored; the old key stops opening the store, the new one does."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from stodapp.clock import FakeClock
from stodapp.core import Core
from stodapp.errors import AuthError
from tests.ui.admin.key_slots_shown import shown_panel
from tests.ui.conftest import PASSPHRASE
from tests.ui.dialog_keys import press_on_next_dialog
from ui import step_up
from ui.admin.recovery_key_dialog import RecoveryKeyDialog

CLOCK = FakeClock(datetime(2026, 3, 2, 9, tzinfo=UTC))  # the test's own now


@pytest.fixture
def admin(tmp_path: Path) -> Any:
    from stodapp.store.keyslots import KdfParams

    data = tmp_path / "data"
    core, recovery = Core.initialize(data, "admin", PASSPHRASE, kdf=KdfParams.for_tests(), clock=CLOCK)
    yield core, data, recovery
    step_up.install(None)
    core.close()


def _on_key_dialog(seen: list[str], tries: int = 12000) -> None:
    """When the key dialog opens (after the recovery slot's full-strength key derivation: up to 2 min on a slow
    CI machine): try Esc (refused), tick the confirmation, press Enter (= Klar)."""

    def attempt(left: int) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, RecoveryKeyDialog) and modal.isVisible():
            seen.append(modal.key_label.text())
            QTest.keyClick(modal, Qt.Key.Key_Escape)
            seen.append("still open" if modal.isVisible() else "closed")
            modal.confirm.setChecked(True)
            QTest.keyClick(modal.done_button, Qt.Key.Key_Return)
            return
        if left > 0:
            QTimer.singleShot(10, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))


def test_a_new_recovery_key_replaces_the_old_one(qtbot: Any, admin: Any) -> None:
    core, data, old_key = admin
    panel = shown_panel(qtbot, core)
    asked: list[str] = []
    step_up.install(lambda _p, message: (asked.append(message), True)[1])
    defaults: list[str] = []
    seen: list[str] = []
    press_on_next_dialog(seen=defaults)  # the warning: Enter = "Skapa ny nyckel"
    _on_key_dialog(seen)
    panel.replace_recovery_key()
    qtbot.waitUntil(lambda: "ny återställningsnyckel gäller" in panel.status.text(), timeout=150000)
    assert defaults == ["Skapa ny nyckel"] and len(asked) == 1
    new_key = seen[0]
    assert new_key and new_key != old_key and seen[1] == "still open"

    core.close()  # one process opens the store at a time
    with pytest.raises(AuthError):
        Core.unlock(Path(data), "admin", old_key, clock=CLOCK, recovery=True)
    Core.unlock(Path(data), "admin", new_key, clock=CLOCK, recovery=True).close()


def test_without_the_passphrase_no_key_is_made(qtbot: Any, admin: Any) -> None:
    core, data, old_key = admin
    panel = shown_panel(qtbot, core)
    step_up.install(lambda _p, _m: False)
    press_on_next_dialog()
    panel.replace_recovery_key()
    assert "Ingen ny nyckel skapades" in panel.status.text()
    core.close()
    Core.unlock(Path(data), "admin", old_key, clock=CLOCK, recovery=True).close()  # the old key still opens it


def test_the_key_dialog_stays_until_she_confirms_and_then_forgets_the_key(qtbot: Any) -> None:
    printed: list[str] = []
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL", "/nowhere", lambda: printed.append("x"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.done_button.isEnabled()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.reject()
    dialog.close()
    assert dialog.isVisible() and dialog.key_label.text() == "ABCD-EFGH-IJKL"
    dialog.confirm.setChecked(True)
    assert dialog.done_button.isEnabled()
    QTest.keyClick(dialog.done_button, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result() == RecoveryKeyDialog.DialogCode.Accepted
    assert dialog.key_label.text() == "" and printed == []
