"""The "Lokala stödkontakter" tab writes, imports and exports on the background helper: meanwhile it takes no
input and says what it does; a refused save is said and the draft stays as it was; after Spara nothing is read
again (what is stored is the document just written)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from stodapp.errors import StoreError
from tests.core.referrals.test_local_and_cli import local_doc
from tests.ui.helpers import settled
from tests.ui.referrals.test_local_entries import add
from ui.referrals.local_entries_panel import LocalEntriesPanel


def _held(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> tuple[threading.Event, list[threading.Thread]]:
    """Wrap `owner.name` so it records the thread it runs on and waits for the returned event."""
    release, threads = threading.Event(), []
    real = getattr(owner, name)

    def held(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        assert release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, held)
    return release, threads


def _panel(qtbot: Any, core: Any) -> LocalEntriesPanel:
    panel = LocalEntriesPanel(core)
    qtbot.addWidget(panel)
    settled(qtbot, panel)
    return panel


def _inputs_on(panel: LocalEntriesPanel) -> bool:
    return all(w.isEnabled() for w in (panel.municipality, panel.table, panel.save_button, panel.import_button,
                                       panel.export_button, panel.add_button))


def test_spara_runs_off_the_gui_thread_and_reads_nothing_again(qtbot: Any, open_core: Any,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.change_bus import ChangeBus

    core = open_core("admin")
    panel = _panel(qtbot, core)
    bus = ChangeBus(core)
    panel.watch_changes(bus)
    panel.set_municipality("1447")
    add(panel, slot="socialjour", name="Jouren", phone="0501-11 11 11")
    reads: list[int] = []
    real_screen = core.referrals.local_screen
    monkeypatch.setattr(core.referrals, "local_screen", lambda: reads.append(1) or real_screen())
    release, threads = _held(monkeypatch, core.referrals, "save_local")
    assert panel.save()
    assert panel.loading and not _inputs_on(panel)
    qtbot.waitUntil(lambda: panel.status.text() == "Sparar…", timeout=3000)  # said in place
    assert threads and threads[0] is not threading.current_thread()
    assert not panel.save()  # one at a time
    release.set()
    settled(qtbot, panel)
    qtbot.wait(50)  # the change the save published has arrived on the bus
    assert panel.status.text() == "De lokala stödkontakterna är sparade (1 poster)."
    assert _inputs_on(panel) and not panel.is_dirty() and reads == []
    assert core.referrals.local_entries().resources[0].name == "Jouren"
    bus.close()


def test_a_refused_save_keeps_the_draft_and_says_why(qtbot: Any, open_core: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    core = open_core("admin")
    panel = _panel(qtbot, core)
    panel.set_municipality("1447")
    add(panel, slot="socialjour", name="Jouren", phone="0501-11 11 11")

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("databasen är låst")

    monkeypatch.setattr(core.referrals, "save_local", broken)
    assert panel.save()
    settled(qtbot, panel)
    assert panel.status.text() == "databasen är låst Inget har ändrats."
    assert [r.name for r in panel.entries()] == ["Jouren"] and panel.municipality_code() == "1447"
    assert panel.is_dirty() and _inputs_on(panel)
    monkeypatch.undo()
    assert core.referrals.local_entries() is None


def test_import_and_export_run_off_the_gui_thread(qtbot: Any, open_core: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.referrals.local_entries_panel as module

    core = open_core("admin")
    panel = _panel(qtbot, core)
    path = tmp_path / "egen.yaml"
    path.write_text(yaml.safe_dump(local_doc(), allow_unicode=True), encoding="utf-8")
    release, threads = _held(monkeypatch, module, "load_local")
    panel.import_path(path)
    assert panel.loading and not _inputs_on(panel)
    release.set()
    settled(qtbot, panel)
    assert threads and threads[0] is not threading.current_thread()
    assert len(panel.entries()) == 2 and "importerade från egen.yaml" in panel.status.text()
    assert panel.save()
    settled(qtbot, panel)

    release, threads = _held(monkeypatch, core.referrals, "export_local")
    out = tmp_path / "ut.yaml"
    panel.export_path(out)
    assert panel.loading and not out.exists()
    release.set()
    settled(qtbot, panel)
    assert threads and threads[0] is not threading.current_thread()
    assert out.exists() and panel.status.text() == "Exporterat till ut.yaml."
    assert _inputs_on(panel)
