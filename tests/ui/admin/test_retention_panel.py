"""The Gallring tab: the report read off the GUI thread; Enter on the confirmation cancels; step-up; result."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import update

from stodapp.cases.tables import CaseRow
from stodapp.clock import FakeClock
from stodapp.core import Core
from tests.ui.conftest import ANNA_PASSPHRASE, PASSPHRASE
from ui import step_up
from ui.admin.retention_panel import RetentionPanel


def _old_case(core: Core, last: date) -> int:
    cid = int(core.cases.create_case().ids[0])
    with core.ctx.session() as s:
        s.execute(update(CaseRow).where(CaseRow.id == cid).values(
            last_entry_at=datetime(last.year, last.month, last.day, 12, tzinfo=UTC)))
    return cid


@pytest.fixture
def admin(real_store) -> Any:  # type: ignore[no-untyped-def]
    data, _pw = real_store
    clock = FakeClock(datetime(2026, 3, 2, 9, tzinfo=UTC))
    anna = Core.unlock(data, "anna", ANNA_PASSPHRASE, clock=clock)
    old, held = _old_case(anna, date(2019, 1, 10)), _old_case(anna, date(2019, 2, 10))
    _old_case(anna, date(2025, 6, 1))
    anna.close()
    core = Core.unlock(data, "admin", PASSPHRASE, clock=clock)
    core.retention.hold(held, "adoption")
    yield core, old, held
    step_up.install(None)
    core.close()


def press_in_next_box(key: Qt.Key, seen: list[str], tries: int = 300) -> None:
    """A real key press on the widget that has the focus inside the next message box (its own focus chain)."""

    def attempt(left: int) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QMessageBox) and modal.isVisible():
            default = modal.defaultButton()
            seen.append(default.text() if default is not None else "")
            QTest.keyClick(modal.focusWidget() or modal, key)
            return
        if left > 0:
            QTimer.singleShot(10, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))


def _panel(qtbot: Any, core: Core) -> RetentionPanel:
    panel = RetentionPanel(core)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=10000)
    return panel


def test_report_and_holds_are_shown(qtbot: Any, admin: Any) -> None:
    core, _old, held = admin
    panel = _panel(qtbot, core)
    assert panel.values["cases_total"].text() == "3" and panel.values["to_cull"].text() == "1"
    assert panel.values["held"].text() == "1"
    assert panel.reasons.item(0, 0).text() == "Adoption" and panel.reasons.item(0, 1).text() == "1"
    assert panel.holds.item(0, 0).text() == f"Ärende {held}" and panel.holds.item(0, 2).text() == "2026-03-02"
    assert panel.cull_button.isEnabled()


def test_enter_cancels_the_cull_and_nothing_is_deleted(qtbot: Any, admin: Any) -> None:
    core, _old, _held = admin
    asked: list[str] = []
    step_up.install(lambda _p, m: (asked.append(m), True)[1])
    panel = _panel(qtbot, core)
    seen: list[str] = []
    press_in_next_box(Qt.Key.Key_Return, seen)
    panel.cull()
    assert seen == ["Avbryt"] and asked == []
    assert core.retention.report().to_cull == 1 and "Ingenting gallrades" in panel.status.text()


def test_click_then_step_up_culls_and_says_how_many(qtbot: Any, admin: Any, monkeypatch: Any) -> None:
    core, _old, _held = admin
    import ui.confirm

    monkeypatch.setattr(ui.confirm, "confirm", lambda *a, **k: k.get("safe_default") is True)
    asked: list[str] = []

    def passphrase(_parent: object, message: str) -> bool:
        asked.append(message)
        core.reauthenticate(PASSPHRASE)
        return True

    step_up.install(passphrase)
    panel = _panel(qtbot, core)
    culled: list[int] = []
    panel.sig_culled.connect(culled.append)
    panel.cull()
    qtbot.waitUntil(lambda: bool(culled) and not panel._loader.loading, timeout=15000)
    assert culled == [1] and len(asked) == 1
    assert panel.status.text() == "1 ärenden gallrade."
    assert panel.values["to_cull"].text() == "0" and not panel.cull_button.isEnabled()
    assert core.retention.report().cases_total == 2


def test_wrong_or_cancelled_passphrase_deletes_nothing(qtbot: Any, admin: Any, monkeypatch: Any) -> None:
    core, _old, _held = admin
    import ui.confirm

    monkeypatch.setattr(ui.confirm, "confirm", lambda *a, **k: True)
    step_up.install(lambda _p, _m: False)
    panel = _panel(qtbot, core)
    panel.cull()
    assert "lösenfrasen bekräftades inte" in panel.status.text()
    assert core.retention.report().to_cull == 1
