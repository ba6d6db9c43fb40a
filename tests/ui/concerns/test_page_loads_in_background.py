"""The concerns page reads its screen on the background helper: it says it is loading (nothing to act on yet)
while the window keeps responding, then shows the cases and the chosen case's reports; a slower read for a case
chosen earlier never replaces the case chosen last, and a failed read is said in the page."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QTimer

from stodapp.errors import StoreError
from tests.ui.concerns.conftest import make_case
from tests.ui.helpers import settled
from ui.concerns.panel import ConcernsPanel


def _report(core: Any, case_id: int) -> int:
    from stodapp.concerns.prefill import CaseSnapshot, ChildSnapshot

    snapshot = CaseSnapshot(case_id=case_id, child=ChildSnapshot(name="Åsa Övningsdotter",
                                                                 personnummer="20150315-2389"))
    return int(core.concerns.create_from_case(snapshot).ids[0])


def test_the_page_shows_loading_then_its_data_without_blocking(open_core, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    core = open_core("anna")
    case_id = make_case(core)
    report = _report(core, case_id)
    release = threading.Event()
    readers: list[int] = []
    real = core.concerns.page_screen

    def slow(*args: Any, **kwargs: Any) -> Any:
        readers.append(threading.get_ident())
        assert release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(core.concerns, "page_screen", slow)
    panel = ConcernsPanel(core)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.loading and panel.status.text() == "Läser in orosanmälningar…"
    assert panel.case_combo.count() == 0 and panel.list.rowCount() == 0
    assert not panel.new_button.isEnabled() and not panel.case_combo.isEnabled()
    ticks: list[int] = []
    timer = QTimer(panel)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2000)  # the event loop runs while the read waits
    assert panel.loading
    with qtbot.waitSignal(panel.sig_loaded, timeout=5000):
        release.set()
    timer.stop()
    assert readers and readers[0] != threading.get_ident()
    assert not panel.loading and panel.case_id() == case_id and panel.case_combo.isEnabled()
    assert panel.new_button.isEnabled()
    assert [r.id for r in panel.list.rows] == [report]
    assert panel.status.text() == "1 orosanmälan i ärendet."


def test_a_slower_read_for_the_case_chosen_before_is_dropped(open_core, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    core = open_core("anna")
    first, second = make_case(core), make_case(core)
    in_first = _report(core, first)
    panel = ConcernsPanel(core)
    qtbot.addWidget(panel)
    settled(qtbot, panel)
    assert panel.case_id() == second and panel.list.rows == []
    release = threading.Event()
    real = core.concerns.list

    def slow_for_first(case_id: int | None = None) -> Any:
        if case_id == first:
            assert release.wait(5)
        return real(case_id)

    monkeypatch.setattr(core.concerns, "list", slow_for_first)
    panel.case_combo.setCurrentIndex(panel.case_combo.findData(first))
    assert panel.loading and panel.status.text() == "Läser in anmälningarna i ärendet…"
    panel.case_combo.setEnabled(True)  # as if the choice went back before the read was done
    panel.case_combo.setCurrentIndex(panel.case_combo.findData(second))
    settled(qtbot, panel)
    release.set()
    qtbot.wait(100)  # the first read's result arrives now and is dropped
    assert panel.case_id() == second and panel.list.rows == []
    assert panel.status.text() == "Inga orosanmälningar i ärendet ännu."
    panel.case_combo.setCurrentIndex(panel.case_combo.findData(first))
    settled(qtbot, panel)
    assert [r.id for r in panel.list.rows] == [in_first]


def test_a_failed_read_is_said_in_the_page(open_core, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    core = open_core("anna")
    make_case(core)

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("databasen är låst")

    monkeypatch.setattr(core.concerns, "page_screen", broken)
    panel = ConcernsPanel(core)
    qtbot.addWidget(panel)
    settled(qtbot, panel)
    assert panel.status.text() == "databasen är låst"
    assert panel.case_combo.count() == 0 and not panel.new_button.isEnabled()


def test_the_editor_reads_a_report_off_the_gui_thread(open_core, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    core = open_core("anna")
    case_id = make_case(core)
    first, second = _report(core, case_id), _report(core, case_id)
    panel = ConcernsPanel(core)
    qtbot.addWidget(panel)
    panel.show()
    settled(qtbot, panel)
    editor = panel.editor
    release = threading.Event()
    readers: list[int] = []
    real = core.concerns.editor_screen

    def slow(report_id: int) -> Any:
        readers.append(threading.get_ident())
        if report_id == first:
            assert release.wait(5)
        return real(report_id)

    monkeypatch.setattr(core.concerns, "editor_screen", slow)
    panel.list.select_id(first)  # chosen in the list: the editor opens it
    assert panel.loading and editor.heading.text() == "Läser in orosanmälan…"
    assert not editor.form.isEnabled() and not editor.save_button.isEnabled() and editor.view is None
    ticks: list[int] = []
    timer = QTimer(panel)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2000)  # the event loop runs while the read waits
    timer.stop()
    assert panel.loading and readers and readers[0] != threading.get_ident()
    editor.open_report(second)  # chosen next, read at once
    settled(qtbot, panel)
    assert editor.view is not None and editor.view.id == second
    release.set()
    qtbot.wait(100)  # the first read's result arrives now and is dropped
    assert editor.view.id == second and editor.form.isEnabled() and editor.save_button.isEnabled()
    assert editor.heading.text() == f"Orosanmälan nr {second} – Utkast"
    assert editor.form.child_name.text() == "Åsa Övningsdotter"


def test_a_failed_report_read_is_said_in_the_editor(open_core, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    core = open_core("anna")
    report = _report(core, make_case(core))
    panel = ConcernsPanel(core)
    qtbot.addWidget(panel)
    settled(qtbot, panel)

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("databasen är låst")

    monkeypatch.setattr(core.concerns, "editor_screen", broken)
    panel.editor.open_report(report)
    settled(qtbot, panel)
    assert panel.editor.message.text() == "databasen är låst" and panel.editor.view is None
    assert panel.editor.heading.text() == "Ingen anmälan vald"
