"""Saving an asking event confirms it in place (a status line, no message box) and the case view lists the latest
asking events — date, who asked, whom, the answer, whether the person could talk undisturbed — from its one read."""

from __future__ import annotations

import logging
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from stodapp.cases.asking_models import AskingInput
from stodapp.cases.models import PersonInput
from tests.ui.helpers import settled
from ui.cases.cases_area import CasesArea

REASON = "Fiktiv partner hördes i bakgrunden"


def _area(open_core, qtbot):  # type: ignore[no-untyped-def]
    core = open_core("anna")
    svc = core.cases
    case_id = int(svc.create_case().ids[0])
    svc.persons.add(case_id, PersonInput(role="stodsokande", given_name="Fiktiva", family_name="Frågesson"))
    area = CasesArea(svc, referrals=core.referrals)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    area.open_case(case_id)
    settled(qtbot, area.detail)
    return area, svc, case_id


def test_saving_confirms_in_place_and_the_answer_is_listed(open_core, qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    area, svc, case_id = _area(open_core, qtbot)
    detail = area.detail
    assert detail.asking.empty.isVisible() and not detail.asking.table.isVisible()
    assert not detail.status.isVisible()
    dlg = detail.asking_dialog()
    dlg.open()
    dlg.set_choice(dlg.channel, "telefon")
    dlg.safe_no.setChecked(True)  # she could not talk freely: nothing is asked now
    dlg.set_choice(dlg.answer, "ej_fragat")
    dlg.reason.setText(REASON)
    with caplog.at_level(logging.DEBUG):
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
        settled(qtbot, detail)
    assert not dlg.isVisible() and QApplication.activeModalWidget() is None  # no message box to click away
    today = svc.today().isoformat()
    assert detail.status.isVisible()
    assert detail.status.text() == f"Frågetillfället {today} är sparat – svar: Inte frågat."
    table = detail.asking.table
    assert table.isVisible() and table.rowCount() == 1
    row = [table.item(0, c).text() for c in range(5)]
    assert row == [today, "anna", "Fiktiva Frågesson, utsatt för våld (Telefon)", "Inte frågat",
                   "Nej – frågan ställdes inte"]
    # No case content in the log records of the save and the reload.
    assert not any(REASON in r.getMessage() or "Frågesson" in r.getMessage() for r in caplog.records)

    # A "yes" in a meeting comes first, and says how many next steps it suggested.
    dlg = detail.asking_dialog()
    dlg.open()
    dlg.set_choice(dlg.answer, "ja")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    settled(qtbot, detail)
    assert detail.status.text().startswith(f"Frågetillfället {today} är sparat – svar: Ja.")
    assert "under Nästa steg" in detail.status.text()
    assert table.rowCount() == 2 and table.item(0, 3).text() == "Ja" and table.item(0, 4).text() == "Personligt möte"
    assert table.item(1, 3).text() == "Inte frågat"


def test_an_invalid_event_shows_its_error_in_the_dialog_and_confirms_nothing(open_core, qtbot) -> None:  # type: ignore[no-untyped-def]
    area, _svc, _case_id = _area(open_core, qtbot)
    dlg = area.detail.asking_dialog()
    dlg.open()
    dlg.set_choice(dlg.channel, "telefon")  # no safety check made
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and dlg.error.isVisible()
    assert not area.detail.status.isVisible() and area.detail.asking.table.rowCount() == 0


def test_the_view_shows_the_latest_and_says_how_many_there_are(open_core, qtbot) -> None:  # type: ignore[no-untyped-def]
    area, svc, case_id = _area(open_core, qtbot)
    today = svc.today()
    for days in range(7, 0, -1):
        svc.asking.record(case_id, AskingInput(asked_on=today - timedelta(days=days), channel="besok",
                                               trigger="rutin", answer="nej"))
    area.detail.refresh()
    settled(qtbot, area.detail)
    view = area.detail.asking
    assert view.title.text() == "Frågor om våld – de 5 senaste av 7"
    assert [view.table.item(r, 0).text() for r in range(view.table.rowCount())] == [
        (today - timedelta(days=d)).isoformat() for d in range(1, 6)]
    # Another case shows none of them while it loads or after.
    other = int(svc.create_case().ids[0])
    area.open_case(other)
    settled(qtbot, area.detail)
    assert view.table.rowCount() == 0 and view.empty.isVisible() and view.title.text() == "Frågor om våld"
