"""The checklist page reads its screen on the background helper: the page says it is loading (nothing to act on
yet) while the window keeps responding, then shows the cases, the checklists and the history."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt, QTimer

from tests.ui.helpers import settled
from ui.checklists.checklist_page import ChecklistPage


def test_the_page_shows_loading_then_its_data_without_blocking(open_core, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    core = open_core("anna")
    case_id = int(core.cases.create_case().ids[0])
    started = core.checklists.start("se.stodapp.vinr.farlighet", case_id)
    release = threading.Event()
    readers: list[int] = []
    real = core.checklists.page_screen

    def slow(*args: Any, **kwargs: Any) -> Any:
        readers.append(threading.get_ident())
        assert release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(core.checklists, "page_screen", slow)
    page = ChecklistPage(core, confirm=lambda *_a: True)
    qtbot.addWidget(page)
    page.show()
    assert page.loading
    assert page.message.text() == "Läser in checklistsidan…"
    assert page.subjects.count() == 0 and page.history.count() == 0
    assert not page.start_button.isEnabled() and not page.subjects.isEnabled()
    ticks: list[int] = []
    timer = QTimer(page)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2000)  # the event loop runs while the read waits
    assert page.loading
    with qtbot.waitSignal(page.sig_loaded, timeout=5000):
        release.set()
    timer.stop()
    assert readers and readers[0] != threading.get_ident()
    assert not page.loading and page.message.text() == ""
    assert page.subjects.count() == 1 and page.subject() == case_id
    assert page.checklist.count() > 0 and page.start_button.isEnabled()
    assert [page.history.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.history.count())] == [started.id]


def test_a_view_state_given_while_loading_is_restored_after_the_read(open_core, qtbot) -> None:  # type: ignore[no-untyped-def]
    core = open_core("anna")
    first = int(core.cases.create_case().ids[0])
    second = int(core.cases.create_case().ids[0])
    core.checklists.start("se.stodapp.vinr.farlighet", first)
    wanted = core.checklists.start("se.stodapp.vinr.farlighet", second)
    page = ChecklistPage(core, confirm=lambda *_a: True)
    qtbot.addWidget(page)
    page.restore_view_state({"subject": second, "history": wanted.id, "open": None})  # before the read is back
    settled(qtbot, page)
    assert page.subject() == second
    selected = page.selected()
    assert selected is not None and selected.id == wanted.id
