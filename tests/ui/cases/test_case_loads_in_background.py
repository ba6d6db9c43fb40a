"""The case view reads its screen on the background helper: the window stays responsive and shows that it is
loading, and a slow read of a case clicked earlier never replaces the case clicked last."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QTimer

from stodapp.cases.models import PersonInput
from tests.ui.helpers import settled
from ui.cases.cases_area import CasesArea


def _area(open_core: Any, qtbot: Any) -> tuple[CasesArea, Any]:
    core = open_core("anna")
    area = CasesArea(core.cases, referrals=core.referrals)
    qtbot.addWidget(area)
    area.show()
    return area, core.cases


def _case(svc: Any, family: str) -> int:
    case_id = int(svc.create_case().ids[0])
    svc.persons.add(case_id, PersonInput(role="stodsokande", given_name="Fikta", family_name=family))
    return case_id


def test_the_screen_is_read_off_the_gui_thread_while_the_window_responds(open_core, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    area, svc = _area(open_core, qtbot)
    case_id = _case(svc, "Bakgrundsdotter")
    release = threading.Event()
    readers: list[int] = []
    real = svc.open_screen

    def slow(cid: int) -> Any:
        readers.append(threading.get_ident())
        assert release.wait(5)
        return real(cid)

    monkeypatch.setattr(svc, "open_screen", slow)
    area.open_case(case_id)
    detail = area.detail
    assert detail.loading and detail.case is None
    assert detail.title.text() == "Läser in ärendet…"
    assert not detail.add_note.isEnabled() and not detail.note_edit.isEnabled()  # nothing typed into a limbo
    ticks: list[int] = []
    timer = QTimer(area)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    qtbot.waitUntil(lambda: len(ticks) >= 3, timeout=2000)  # the event loop runs while the read waits
    assert detail.loading
    with qtbot.waitSignal(detail.sig_loaded, timeout=5000) as loaded:
        release.set()
    timer.stop()
    assert loaded.args == [case_id]
    assert readers and readers[0] != threading.get_ident()
    assert detail.case is not None and detail.case.id == case_id and not detail.loading
    assert detail.persons.rowCount() == 1 and "Bakgrundsdotter" in detail.persons.item(0, 0).text()
    assert detail.add_note.isEnabled()


def test_a_slow_earlier_case_never_replaces_the_case_clicked_last(open_core, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    area, svc = _area(open_core, qtbot)
    first, second = _case(svc, "Förstadotter"), _case(svc, "Andrasson")
    release_first = threading.Event()
    real = svc.open_screen
    finished: list[int] = []

    def read(cid: int) -> Any:
        if cid == first:
            assert release_first.wait(5)
        screen = real(cid)
        finished.append(cid)
        return screen

    monkeypatch.setattr(svc, "open_screen", read)
    shown: list[int] = []
    area.detail.sig_loaded.connect(shown.append)
    area.open_case(first)
    area.open_case(second)  # clicked before the first read came back
    qtbot.waitUntil(lambda: finished == [second], timeout=5000)
    settled(qtbot, area.detail)
    assert area.detail.case is not None and area.detail.case.id == second
    release_first.set()
    qtbot.waitUntil(lambda: finished == [second, first], timeout=5000)
    from ui.tasks import OpHandle

    qtbot.waitUntil(lambda: not OpHandle._running, timeout=5000)  # noqa: SLF001 - the stale result arrived...
    assert area.detail.case.id == second  # ...and was dropped
    assert shown == [second]
    assert "Andrasson" in area.detail.persons.item(0, 0).text()


def test_a_refused_case_shows_the_refusal_after_the_read(open_core, qtbot) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna").cases
    case_id = _case(anna, "Nekaddotter")
    core = open_core("bertil")
    area = CasesArea(core.cases, referrals=core.referrals)
    qtbot.addWidget(area)
    with qtbot.waitSignal(area.detail.sig_loaded, timeout=5000):
        area.open_case(case_id)
    assert area.detail.case is None and area.detail.glass_row.isVisibleTo(area)
    assert area.detail.error.text() and "Nekaddotter" not in area.detail.error.text()
    assert area.detail.title.text() == "Inget ärende valt"
