"""Walks a whole conversation in the cases area: new case, persons (one child), phone asking with safety check,
"yes", next steps offered and resolved, safety plan PDF; plus isolation and masking in the widgets."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stodapp.calendar_se import local_date
from stodapp.cases.models import MASK, PersonInput
from stodapp.cases.service import CaseService
from stodapp.clock import FakeClock
from tests.conftest import USER_PASS
from tests.ui.helpers import all_visible_text, settled
from ui.cases.cases_area import CasesArea

# the suite's own now (tests/conftest.py's clock); never the machine's
NOW = FakeClock().now()
TODAY = local_date(NOW)

SHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots" / "cases"


@pytest.fixture
def area_for(open_core, qtbot):  # type: ignore[no-untyped-def]
    def make(name: str) -> tuple[CasesArea, CaseService]:
        core = open_core(name)
        svc = core.cases
        area = CasesArea(svc, referrals=core.referrals)
        qtbot.addWidget(area)
        area.resize(1200, 720)
        area.show()
        return area, svc
    return make


def _fill_person(dlg: Any, role: str, given: str, family: str, number: str = "", birth: date | None = None,
                 **extra: Any) -> None:
    dlg.role.setCurrentIndex(dlg.role.findData(role))
    dlg.given.setText(given)
    dlg.family.setText(family)
    if number:
        dlg.id_kind.setCurrentIndex(dlg.id_kind.findData("personnummer"))
        dlg.number.setText(number)
    else:
        dlg.id_kind.setCurrentIndex(dlg.id_kind.findData("okant"))
    if birth is not None:
        dlg.known_birth.setChecked(True)
        from PySide6.QtCore import QDate

        dlg.birth.setDate(QDate(birth.year, birth.month, birth.day))
    if extra.get("protected"):
        dlg.protected.setChecked(True)
        dlg.address.setText(extra["address"])


def test_full_conversation(area_for, qtbot) -> None:  # type: ignore[no-untyped-def]
    area, svc = area_for("anna")
    case_id = area.create_case()
    settled(qtbot, area.detail)
    assert case_id is not None and area.model.rowCount() == 1
    dlg = area.detail.person_dialog()
    dlg.open()
    _fill_person(dlg, "stodsokande", "Testa", "Öberg-Fiktiv", "19121212-1213")
    dlg.save()
    assert dlg.error.isVisible() and "kontrollsiffran" in dlg.error.text()  # bad checksum: refused, dialog stays
    dlg.number.setText("19121212-1212")
    dlg.save()
    assert dlg.result() == dlg.DialogCode.Accepted
    settled(qtbot, area.detail)
    child = area.detail.person_dialog()
    _fill_person(child, "barn", "Demo", "Öberg-Fiktiv", birth=date(2017, 4, 4))
    child.open()
    child.save()
    assert not child.error.isVisible(), child.error.text()
    settled(qtbot, area.detail)
    assert area.detail.persons.rowCount() == 2

    ask = area.detail.asking_dialog()
    ask.open()
    ask.set_choice(ask.channel, "telefon")
    assert ask.safety_box.isVisibleTo(ask)
    ask.set_choice(ask.answer, "ja")
    ask.support.setChecked(True)
    ask.save()
    assert ask.error.isVisible() and "säkerhetskollen" in ask.error.text()
    ask.safe_yes.setChecked(True)
    ask.save()
    assert ask.result() == ask.DialogCode.Accepted
    settled(qtbot, area.detail)
    ask.set_choice(ask.channel, "besok")
    assert not ask.safety_box.isVisibleTo(ask)

    panel = area.detail.steps
    # acute danger first: a banner at the top of the case, above the list (never behind its scroll), naming 112
    assert panel.acute.isVisible() and "112" in panel.acute.text()
    detail = area.detail
    banner_bottom = panel.acute.mapTo(detail, panel.acute.rect().bottomLeft()).y()
    assert banner_bottom < panel.list.mapTo(detail, panel.list.rect().topLeft()).y()
    assert banner_bottom < detail.persons.mapTo(detail, detail.persons.rect().topLeft()).y()
    # the panel lists exactly what `stodapp guidance next-steps --answer ja --subject utsatt --children` prints
    from stodapp.cases.next_steps import Facts, guidance

    expected = guidance(Facts(answer="ja", subject="utsatt", children=True, groups=frozenset()))
    assert panel.titles() == [r.title.sv for r in expected]  # the Swedish UI shows the Swedish texts
    SHOTS.mkdir(parents=True, exist_ok=True)
    panel.grab().save(str(SHOTS / "next_steps_panel.png"))
    titles = " | ".join(panel.titles())
    for expected in ("orosanmälan", "beskrivning", "farlighetsbedömning", "stödinsatser", "polis"):
        assert expected in titles.lower(), expected
    area.detail.steps.select_rule("farlighet")
    area.detail.steps.done.click()  # danger assessment signed -> step done
    status = {s.rule_id: s.status for s in svc.asking.next_steps(case_id)}
    assert status["farlighet"] == "klar"
    area.detail.steps.select_rule("beskrivning")
    area.detail.steps.postpone.click()
    assert {s.rule_id: s.status for s in svc.asking.next_steps(case_id)}["beskrivning"] == "uppskjuten"

    area.detail.note_edit.setPlainText("Samtal per telefon, personen kunde tala fritt.")
    area.detail.save_note()
    settled(qtbot, area.detail)
    assert area.detail.notes.count() == 1
    plan = area.detail.plan_dialog()
    plan.open()
    plan.save()
    assert "risksituation" in plan.error.text()
    plan.risks.setPlainText("Vid hämtning på förskolan\nSena kvällar")
    plan.children_plan.setPlainText("Förskolan vet vem som får hämta")
    plan.save()
    assert plan.result() == plan.DialogCode.Accepted
    settled(qtbot, area.detail)
    saved = svc.followup.latest_plan(case_id)
    assert saved is not None and saved.risk_situations == ("Vid hämtning på förskolan", "Sena kvällar")
    assert svc.followup.plan_pdf(case_id).startswith(b"%PDF")
    area.search.setText("öberg")
    area.run_search()
    assert area.model.rowCount() >= 1 and area.model.data(area.model.index(0, 0)).startswith("VNR-")
    from tests.ui.test_accessibility import unnamed

    assert unnamed(area) == [] and unnamed(ask) == [] and unnamed(dlg) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    area.grab().save(str(SHOTS / "case_walk.png"))
    ask.set_choice(ask.channel, "telefon")
    ask.grab().save(str(SHOTS / "asking_dialog.png"))


def test_other_caseworker_and_masking_in_widgets(area_for, qtbot) -> None:  # type: ignore[no-untyped-def]
    anna_area, anna = area_for("anna")
    case_id = int(anna.create_case().ids[0])
    anna.persons.add(case_id, PersonInput(role="stodsokande", given_name="Fikta", family_name="Skyddsson",
                                          protected_identity=True, address="Hemliga gatan 3, Demoby"))
    anna_area.open_case(case_id)
    settled(qtbot, anna_area.detail)
    texts = all_visible_text()
    assert any(MASK in t for t in texts) and not any("Hemliga gatan" in t for t in texts)
    anna_area.detail.persons.setCurrentCell(0, 0)
    assert anna_area.detail.reveal.isEnabled()
    dlg = anna_area.detail.reveal_dialog()
    dlg.open()
    dlg.passphrase.setText("fel fras")
    dlg.reason.setText("Behöver skicka kallelse säkert")
    dlg.confirm()
    assert dlg.error.isVisible() and dlg.passphrase.text() == ""
    dlg.passphrase.setText(USER_PASS)
    dlg.confirm()
    assert anna_area.detail.persons.item(0, 4).text() == "Hemliga gatan 3, Demoby"
    anna_area.detail.refresh()
    settled(qtbot, anna_area.detail)
    assert anna_area.detail.persons.item(0, 4).text() == MASK
    bertil_area, _svc = area_for("bertil")
    assert bertil_area.model.rowCount() == 0
    bertil_area.search.setText("Skyddsson")
    bertil_area.run_search()
    assert bertil_area.model.rowCount() == 0 and bertil_area.filter_line.text().startswith("Inga träffar")
    bertil_area.open_case(case_id)
    settled(qtbot, bertil_area.detail)
    assert bertil_area.detail.error.isVisible() and bertil_area.detail.case is None
    assert bertil_area.detail.glass_row.isVisible()
    bertil_area.detail.glass_reason.setText("kort")
    bertil_area.detail.break_glass()
    assert bertil_area.detail.case is None
    bertil_area.detail.glass_reason.setText("Akut: polisen ringer, ansvarig handläggare är sjuk")
    bertil_area.detail.break_glass()
    settled(qtbot, bertil_area.detail)
    assert bertil_area.detail.case is not None and bertil_area.detail.glass.isVisible()


def test_overdue_reviews_listed(area_for) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    area, svc = area_for("anna")
    case_id = int(svc.create_case().ids[0])
    svc.followup.add_review(case_id, "flytt_annan_kommun", due_on=TODAY - timedelta(days=3))
    area.load_overdue()
    assert area.overdue.count() == 1 and "Flyttar" in area.overdue.item(0).text()


def test_interpreter_view(area_for, qtbot) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_accessibility import unnamed

    area, svc = area_for("anna")
    area.create_case()
    settled(qtbot, area.detail)
    view = area.detail.interpreter_view()
    view.show()
    assert view.table.rowCount() > 5 and view.table.item(0, 0).text() != view.table.item(0, 1).text()
    assert unnamed(view) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(100)  # let the view lay out its rows before the screenshot
    view.grab().save(str(SHOTS / "interpreter_view.png"))
