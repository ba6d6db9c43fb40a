"""A search in the cases area filters the case table itself: one table, a "N träffar för ”…”" line, Rensa / Esc
to show all again, a clear empty result; Enter runs it and the first hit takes the selection and the focus."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QListWidget

from stodapp.cases.models import PersonInput
from stodapp.cases.service import CaseService
from stodapp.demo import luhn_digit
from tests.ui.helpers import settled
from ui.cases.cases_area import CasesArea


def _pnr(birth: date, serial: str) -> str:
    return f"{birth:%Y%m%d}-{serial}{luhn_digit(birth.strftime('%y%m%d') + serial)}"


PNR = _pnr(date(1984, 4, 4), "322")


@pytest.fixture
def area(open_core, qtbot):  # type: ignore[no-untyped-def]
    core = open_core("anna")
    svc: CaseService = core.cases
    ids = {}
    for family, number in (("Öbergsdotter", ""), ("Lindqvist", PNR), ("Öbergsson", ""), ("Testman", "")):
        case_id = int(svc.create_case().ids[0])
        svc.persons.add(case_id, PersonInput(role="stodsokande", given_name="Fiktiva", family_name=family,
                                             id_kind="personnummer" if number else "okant", number=number))
        ids[family] = case_id
    svc.notes.add(ids["Testman"], "Samtal om fönsterbläck och flytt.")
    widget = CasesArea(svc, referrals=core.referrals)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    qtbot.waitExposed(widget)
    widget.ids = ids  # type: ignore[attr-defined]
    return widget


def _shown(area: CasesArea) -> list[int]:
    return [area.model.case_id(r) for r in range(area.model.rowCount())]


def _search(qtbot, area: CasesArea, text: str) -> None:  # type: ignore[no-untyped-def]
    area.search.setFocus()
    area.search.setText(text)  # (QTest types ASCII only; Enter is a real key press)
    qtbot.keyClick(area.search, Qt.Key.Key_Return)
    settled(qtbot, area.detail)


def test_enter_filters_the_one_table_and_the_first_hit_takes_selection_and_focus(qtbot, area) -> None:  # type: ignore[no-untyped-def]
    ids = area.ids
    assert len(_shown(area)) == 4 and area.count.isVisible()
    assert not area.findChildren(QListWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    _search(qtbot, area, "öberg")
    # Only the hits, newest first, in the case table itself (there is no second list of hits).
    assert _shown(area) == [ids["Öbergsson"], ids["Öbergsdotter"]]
    assert area.filter_row.isVisible() and area.filter_line.text() == "2 träffar för ”öberg”"
    assert not area.count.isVisible()
    # The first hit is selected (and so opened) and has the focus: arrow keys move through the hits.
    assert area.table.currentIndex().row() == 0 and QApplication.focusWidget() is area.table
    assert area.detail.case is not None and area.detail.case.id == ids["Öbergsson"]
    tip = area.model.data(area.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "namn" in tip
    qtbot.keyClick(area.table, Qt.Key.Key_Down)
    settled(qtbot, area.detail)
    assert area.detail.case is not None and area.detail.case.id == ids["Öbergsdotter"]


def test_personnummer_and_note_text_filter_too(qtbot, area) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, area, PNR)
    assert _shown(area) == [area.ids["Lindqvist"]]
    assert area.filter_line.text() == "1 träff för ”" + PNR + "”"
    _search(qtbot, area, "fönsterbläck")
    assert _shown(area) == [area.ids["Testman"]]
    tip = area.model.data(area.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "anteckning" in tip


def test_rensa_and_escape_show_all_again(qtbot, area) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, area, "öberg")
    opened = area.detail.case.id
    qtbot.mouseClick(area.clear_search, Qt.MouseButton.LeftButton)
    assert len(_shown(area)) == 4 and not area.filter_row.isVisible() and area.search.text() == ""
    assert area.count.isVisible() and area.detail.case.id == opened  # the open case stays open
    _search(qtbot, area, "öberg")
    assert len(_shown(area)) == 2
    qtbot.keyClick(area.table, Qt.Key.Key_Escape)  # Esc from the table (where the focus went)
    assert len(_shown(area)) == 4 and not area.filter_row.isVisible()
    assert QApplication.focusWidget() is area.search
    _search(qtbot, area, "öberg")
    qtbot.keyClick(area.search, Qt.Key.Key_Escape)  # and from the search field
    assert len(_shown(area)) == 4


def test_an_empty_result_says_so_and_a_bad_query_changes_nothing(qtbot, area) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, area, "Ingenstansson")
    assert _shown(area) == [] and area.filter_row.isVisible()
    assert area.filter_line.text() == "Inga träffar för ”Ingenstansson” bland dina ärenden."
    area.show_all()
    _search(qtbot, area, "x")  # too short: one clear error, the table is left as it was
    assert len(_shown(area)) == 4 and not area.filter_row.isVisible()
    assert area.error.isVisible() and "två tecken" in area.error.text()


def test_a_write_while_filtered_keeps_the_filter_and_the_open_case(qtbot, area) -> None:  # type: ignore[no-untyped-def]
    _search(qtbot, area, "öberg")
    qtbot.keyClick(area.table, Qt.Key.Key_Down)
    settled(qtbot, area.detail)
    opened = area.detail.case.id
    area.detail.note_edit.setPlainText("Fiktiv uppföljning.")
    area.detail.save_note()
    settled(qtbot, area.detail)
    assert _shown(area) == [area.ids["Öbergsson"], area.ids["Öbergsdotter"]]
    assert area.model.case_id(area.table.currentIndex().row()) == opened == area.detail.case.id
