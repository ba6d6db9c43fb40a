"""The administration tabs read their screens on the background helper: each says it is loading and takes no
input meanwhile, the window keeps responding, then the users and the question routines are shown; a failed read
is said in the tab."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QTimer

from stodapp.errors import StoreError
from tests.ui.helpers import settled
from ui.admin.admin_area import AdminArea


def _gate(monkeypatch: Any, owner: object, name: str) -> tuple[threading.Event, list[int]]:
    """Make `owner.name` wait until released; returns (release, the threads that ran it)."""
    release, threads = threading.Event(), []
    real = getattr(owner, name)

    def slow(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.get_ident())
        assert release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, slow)
    return release, threads


def test_users_and_routines_show_loading_then_their_data(open_core, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")
    core.set_idle_lock_minutes(4)
    users_release, users_threads = _gate(monkeypatch, core.users, "screen")
    policy_release, policy_threads = _gate(monkeypatch, core.cases.asking, "policies")
    area = AdminArea(core)
    qtbot.addWidget(area)
    area.show()
    panel = area.asking_policy_panel
    assert area.loading and area.status.text() == "Läser in användarna…"
    assert area.table.rowCount() == 0 and not area.table.isEnabled() and not area.idle_button.isEnabled()
    assert panel.loading and panel.status.text() == "Läser in rutinerna…" and not panel.save_button.isEnabled()
    ticks: list[int] = []
    timer = QTimer(area)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2000)  # the event loop runs while the reads wait
    assert area.loading
    users_release.set()
    policy_release.set()
    settled(qtbot, area)
    timer.stop()
    gui = threading.get_ident()
    assert users_threads and users_threads[0] != gui and policy_threads and policy_threads[0] != gui
    assert area.status.text() == "" and area.table.isEnabled() and area.idle_spin.value() == 4
    assert sorted(area.table.item(r, 0).text() for r in range(area.table.rowCount())) == [
        "admin", "anna", "bertil", "sara", "tove"]
    assert panel.status.text() == "" and panel.save_button.isEnabled() and panel.table.rowCount() == 1


def test_a_failed_read_is_said_in_the_tab(open_core, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    core = open_core("admin")

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("databasen är låst")

    monkeypatch.setattr(core.users, "screen", broken)
    monkeypatch.setattr(core.cases.asking, "policies", broken)
    area = AdminArea(core)
    qtbot.addWidget(area)
    settled(qtbot, area)
    assert area.status.text() == "databasen är låst" and area.table.rowCount() == 0
    assert area.asking_policy_panel.error.text() == "databasen är låst"


def test_the_packs_tab_shows_loading_then_its_packs_users_and_trainings(open_core, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from tests.core.checklists.helpers import FIXTURES

    core = open_core("admin")
    core.checklists.import_pack(FIXTURES / "pack_licensed.yaml")
    core.checklists.record_training("anna", "testutbildning_steg1", date(2026, 1, 2),
                                    pack_id="se.testkommun.licensierad.exempel")
    release, threads = _gate(monkeypatch, core, "packs_screen")
    area = AdminArea(core)
    qtbot.addWidget(area)
    area.show()
    panel = area.packs_panel
    area.tabs.setCurrentWidget(panel)
    assert area.loading and panel.status.text() == "Läser innehållspaket…"
    assert panel.packs_table.rowCount() == 0 and not panel.user_combo.isEnabled()
    assert not panel.record_button.isEnabled()
    _responds_while_waiting(qtbot, area)
    release.set()
    settled(qtbot, area)
    assert threads and all(t != threading.get_ident() for t in threads)
    assert panel.status.text() == "" and panel.user_combo.isEnabled()
    assert panel.packs_table.item(0, 0).text() == "se.testkommun.licensierad.exempel"
    assert panel.trainings_table.rowCount() == 1 and panel.trainings_table.item(0, 0).text() == "anna"
    assert panel.user_combo.count() == 5 and panel.training_combo.currentText() == "testutbildning_steg1"
    assert panel.record_button.isEnabled()



def test_the_local_entries_tab_shows_loading_then_what_is_stored(open_core, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from stodapp.referrals.local_entries import LocalEntries
    from tests.core.referrals.test_local_and_cli import local_doc

    core = open_core("admin")
    core.referrals.save_local(LocalEntries.model_validate(local_doc()))
    release, threads = _gate(monkeypatch, core.referrals, "local_screen")
    area = AdminArea(core)
    qtbot.addWidget(area)
    area.show()
    panel = area.local_panel
    area.show_local_entries()
    assert area.loading and panel.status.text() == "Läser in de lokala stödkontakterna…"
    assert panel.table.rowCount() == 0 and not panel.municipality.isEnabled() and not panel.save_button.isEnabled()
    assert "Socialjouren" in area.slots_banner.text()  # not known yet: the banner says what the first run asks
    _responds_while_waiting(qtbot, area)
    release.set()
    settled(qtbot, area)
    assert threads and all(t != threading.get_ident() for t in threads)
    assert panel.status.text() == "" and panel.municipality.isEnabled() and panel.save_button.isEnabled()
    assert panel.municipality_code() == "1447" and panel.table.rowCount() == 2 and not panel.is_dirty()
    assert panel.logo.remove_button.isEnabled() and area.slots_banner.isHidden()
    # saved in another window: the tab reads it again (it holds no unsaved changes)
    from ui.change_bus import ChangeBus

    bus = ChangeBus(core, area)
    area.watch_changes(bus)
    other = LocalEntries.model_validate(local_doc())
    core.referrals.save_local(other.model_copy(update={"resources": other.resources[:1]}))
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    settled(qtbot, area)
    assert "Socialjouren" in area.slots_banner.text() or "Socialtjänsten" in area.slots_banner.text()


def _responds_while_waiting(qtbot, owner) -> None:  # type: ignore[no-untyped-def]
    """The event loop runs while a gated read waits."""
    ticks: list[int] = []
    timer = QTimer(owner)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2000)
    timer.stop()
    assert owner.loading
