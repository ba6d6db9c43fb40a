"""A write in one area refreshes only the views subscribed to that area (through the session's change bus)."""

from __future__ import annotations

from typing import Any

from stodapp.changes import Change
from ui.area_host import AreaHost
from ui.areas import discover, for_role

PARTNER_CHECKLIST = "se.stodapp.vinr.spb_partner"


def _host(qtbot: Any, core: Any) -> AreaHost:
    host = AreaHost(core, for_role(discover(), "handlaggare"), None)
    qtbot.addWidget(host)
    host.resize(1280, 720)
    host.show()
    for row in range(host.nav.count()):  # build every area, as a caseworker who visited each would have
        host.nav.setCurrentRow(row)
    return host


def test_a_write_refreshes_only_its_subscribers(qtbot: Any, open_core: Any) -> None:
    core = open_core("anna")
    case_id = int(core.cases.create_case("Enhet A").ids[0])
    host = _host(qtbot, core)
    cases, checklists = host.widget_for("cases"), host.widget_for("checklists")
    assert cases is not None and checklists is not None
    counts = {"case list": 0, "checklist history": 0}

    def counting(name: str, original: Any) -> Any:
        def call(*args: Any) -> Any:
            counts[name] += 1
            return original(*args)
        return call

    cases._reload_list = counting("case list", cases._reload_list)  # type: ignore[attr-defined]
    checklists.load_history = counting("checklist history", checklists.load_history)  # type: ignore[attr-defined]
    heard: list[Change] = []
    host.bus.sig_change.connect(heard.append)

    core.cases.notes.add(case_id, "Fiktiv anteckning.")  # area "cases"
    qtbot.waitUntil(lambda: len(heard) == 1)
    assert counts == {"case list": 1, "checklist history": 0}

    core.checklists.start(PARTNER_CHECKLIST, case_id)  # area "assessments"
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert counts == {"case list": 1, "checklist history": 1}
    assert [c.area for c in heard] == ["cases", "assessments"]


def test_a_locked_session_hears_nothing_more(qtbot: Any, open_core: Any) -> None:
    core = open_core("anna")
    host = _host(qtbot, core)
    heard: list[Change] = []
    host.bus.sig_change.connect(heard.append)
    host.bus.close()
    core.cases.create_case("Enhet A")
    qtbot.wait(50)
    assert heard == []
