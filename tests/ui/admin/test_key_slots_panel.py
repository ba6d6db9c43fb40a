"""The "Nycklar och lösenfraser" tab: the table read off the GUI thread; reset = step-up, the temporary passphrase
typed twice (a mismatch says so and changes nothing), Enter on the dialog resets, the result is said."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from stodapp.clock import FakeClock
from stodapp.core import Core
from tests.ui.admin.key_slots_shown import shown_panel
from tests.ui.conftest import ANNA_PASSPHRASE, PASSPHRASE
from ui import step_up
from ui.admin.key_slots_panel import KeySlotsPanel
from ui.admin.passphrase_reset_dialog import PassphraseResetDialog

TEMPORARY = "tillfallig fras fran admin 4711"  # ASCII: QTest types ASCII only


@pytest.fixture
def admin(real_store) -> Any:  # type: ignore[no-untyped-def]
    data, _pw = real_store
    core = Core.unlock(data, "admin", PASSPHRASE, clock=FakeClock(datetime(2026, 3, 2, 9, tzinfo=UTC)))
    yield core, data
    step_up.install(None)
    core.close()


def _digest(data: Path) -> str:
    return hashlib.sha256((data / "keyslots.json").read_bytes()).hexdigest()


def _cells(panel: KeySlotsPanel, username: str) -> list[str]:
    for r in range(panel.table.rowCount()):
        if panel.table.item(r, 1).text() == username:
            return [panel.table.item(r, c).text() for c in range(panel.table.columnCount())]
    raise AssertionError(username)


def _select(panel: KeySlotsPanel, username: str) -> None:
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 1).text() == username)
    panel.table.selectRow(row)


def _in_dialog(steps: list[Callable[[PassphraseResetDialog], None]], tries: int = 300) -> None:
    """Run each step on the open reset dialog (exec() blocks the test), one step per event-loop turn."""

    def attempt(left: int) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, PassphraseResetDialog) and modal.isVisible():
            steps.pop(0)(modal)
            if steps:
                QTimer.singleShot(20, lambda: attempt(tries))
            return
        if left > 0:
            QTimer.singleShot(10, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))


def _type(dialog: PassphraseResetDialog, new: str, repeat: str) -> None:
    dialog.new_edit.setFocus()
    QTest.keyClicks(dialog.new_edit, new)
    dialog.repeat_edit.setFocus()
    QTest.keyClicks(dialog.repeat_edit, repeat)


def test_the_table_shows_every_user_with_her_slot_in_words(qtbot: Any, admin: Any) -> None:
    core, _data = admin
    panel = shown_panel(qtbot, core)
    assert panel.table.rowCount() == 2
    name, username, role, slot, _when, must = _cells(panel, "admin")
    assert (username, role, slot, must) == ("admin", "Administratör", "Finns", "Nej") and name.endswith("(du)")
    assert _cells(panel, "anna")[2:4] == ["Handläggare", "Finns"]
    assert "återställningsnyckeln öppnar" in panel.recovery_label.text().lower()


def test_a_mismatch_says_so_and_changes_nothing_then_enter_resets(qtbot: Any, admin: Any) -> None:
    core, data = admin
    asked: list[str] = []

    def confirm(_parent: object, message: str) -> bool:
        asked.append(message)
        core.reauthenticate(PASSPHRASE)
        return True

    step_up.install(confirm)
    panel = shown_panel(qtbot, core)
    _select(panel, "anna")
    before = _digest(data)
    seen: dict[str, Any] = {}

    def mismatch(dialog: PassphraseResetDialog) -> None:
        assert dialog.ok_button.isDefault()
        _type(dialog, TEMPORARY, TEMPORARY + "x")
        QTest.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
        seen["error"] = dialog.error.text()
        seen["open"] = dialog.isVisible()
        seen["digest"] = _digest(data)
        seen["focus"] = dialog.focusWidget() is dialog.repeat_edit

    def fixed(dialog: PassphraseResetDialog) -> None:
        dialog.repeat_edit.clear()
        QTest.keyClicks(dialog.repeat_edit, TEMPORARY)
        QTest.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)

    _in_dialog([mismatch, fixed])
    panel.reset_selected()
    assert len(asked) == 1 and "anna" in asked[0]
    assert "Lösenfraserna är inte lika." in seen["error"] and "Inget har ändrats." in seen["error"]
    assert seen["open"] and seen["focus"] and seen["digest"] == before
    qtbot.waitUntil(lambda: "återställd" in panel.status.text(), timeout=15000)
    assert "Användaren måste byta lösenfras vid nästa inloggning" in panel.status.text()
    qtbot.waitUntil(lambda: _cells(panel, "anna")[5] == "Ja", timeout=10000)
    assert _cells(panel, "anna")[4] == "2026-03-02 10:00"  # Swedish local time of the reset
    assert _digest(data) != before
    core.close()
    anna = Core.unlock(data, "anna", TEMPORARY)
    assert anna.users.must_change_passphrase() is True
    anna.close()


def test_a_weak_temporary_passphrase_is_refused_in_the_dialog(qtbot: Any, admin: Any) -> None:
    core, data = admin
    step_up.install(lambda _p, _m: True)
    panel = shown_panel(qtbot, core)
    _select(panel, "anna")
    before = _digest(data)
    seen: dict[str, str] = {}

    def weak(dialog: PassphraseResetDialog) -> None:
        _type(dialog, "kort", "kort")
        QTest.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
        seen["error"] = dialog.error.text()
        dialog.reject()

    _in_dialog([weak])
    panel.reset_selected()
    assert "minst 12 tecken" in seen["error"] and _digest(data) == before
    assert panel.status.text() == "Ingen lösenfras återställdes."
    assert _cells(panel, "anna")[5] == "Nej"


def test_without_the_administrators_passphrase_no_dialog_opens(qtbot: Any, admin: Any) -> None:
    core, data = admin
    step_up.install(lambda _p, _m: False)
    panel = shown_panel(qtbot, core)
    _select(panel, "anna")
    before = _digest(data)
    panel.reset_selected()
    assert "bekräftades inte" in panel.status.text() and _digest(data) == before


def test_no_selection_and_ones_own_row_are_explained(qtbot: Any, admin: Any) -> None:
    core, _data = admin
    asked: list[str] = []
    step_up.install(lambda _p, m: (asked.append(m), True)[1])
    panel = shown_panel(qtbot, core)
    panel.reset_selected()
    assert panel.status.text() == "Välj en användare i listan först."
    _select(panel, "admin")
    panel.reset_selected()
    assert "Byt lösenfras" in panel.status.text() and asked == []


def test_a_reset_anywhere_reloads_the_table(qtbot: Any, admin: Any) -> None:
    from ui.change_bus import ChangeBus

    core, _data = admin
    bus = ChangeBus(core)
    panel = shown_panel(qtbot, core)
    panel.watch_changes(bus)
    core.users.reset_passphrase("anna", TEMPORARY)
    qtbot.waitUntil(lambda: _cells(panel, "anna")[5] == "Ja", timeout=10000)
    assert ANNA_PASSPHRASE not in " ".join(_cells(panel, "anna"))
