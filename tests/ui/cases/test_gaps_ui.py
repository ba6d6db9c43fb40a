"""Issue 5 gaps in the GUI: self-initiated disclosure, the policy line and admin tab, police sharing, protected housing."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from stodapp.cases.models import PersonInput
from tests.ui.helpers import settled
from tests.ui.test_accessibility import unnamed
from ui.admin.admin_area import AdminArea
from ui.cases.cases_area import CasesArea

SHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots" / "cases"


def _qd(d: Any) -> QDate:
    return QDate(d.year, d.month, d.day)


@pytest.fixture
def anna_area(open_core, qtbot):  # type: ignore[no-untyped-def]
    core = open_core("anna")
    area = CasesArea(core.cases, referrals=core.referrals)
    qtbot.addWidget(area)
    area.resize(1200, 760)
    area.show()
    svc = core.cases
    case_id = int(svc.create_case().ids[0])
    svc.persons.add(case_id, PersonInput(role="stodsokande", given_name="Testa", family_name="Fiktivsson"))
    svc.persons.add(case_id, PersonInput(role="utovare", given_name="Demo", family_name="Utövarsson"))
    area.open_case(case_id)
    settled(qtbot, area.detail)
    return area, svc, case_id


def test_self_initiated_disclosure_in_asking_dialog(anna_area, qtbot) -> None:  # type: ignore[no-untyped-def]
    area, svc, case_id = anna_area
    ask = area.detail.asking_dialog()
    ask.open()
    ask.set_choice(ask.answer, "nej")
    ask.set_choice(ask.trigger, "eget_initiativ")
    assert ask.trigger.currentText() == "Personen berättade själv"
    assert ask.answer.currentData() == "ja" and not ask.answer.isEnabled()
    ask.set_choice(ask.channel, "besok")
    ask.save()
    assert ask.result() == ask.DialogCode.Accepted, ask.error.text()
    settled(qtbot, area.detail)
    (event,) = svc.asking.events(case_id)
    assert (event.trigger, event.checklist_id, event.answer) == ("eget_initiativ", "", "ja")
    assert area.detail.steps.titles(), "a disclosure offers next steps"
    ask2 = area.detail.asking_dialog()
    ask2.set_choice(ask2.trigger, "rutin")
    assert ask2.answer.isEnabled()


def test_policy_line_follows_admin_tab(open_core, anna_area, qtbot) -> None:  # type: ignore[no-untyped-def]
    area, svc, case_id = anna_area
    assert "fråga alla om våld" in area.detail.policy.text() and "Dags att fråga" in area.detail.policy.text()
    admin = AdminArea(open_core("admin"))
    qtbot.addWidget(admin)
    admin.resize(900, 620)
    admin.show()
    settled(qtbot, admin)  # the tabs read their screens on the background helper
    panel = admin.asking_policy_panel
    assert admin.tabs.tabText(admin.tabs.indexOf(panel)) == "Frågor om våld"
    admin.tabs.setCurrentWidget(panel)
    assert unnamed(panel) == []
    panel.unit.setEditText("")
    panel.mode.setCurrentIndex(panel.mode.findData("rutin_intervall"))
    assert panel.months.isEnabled()
    panel.months.setValue(6)
    panel.save_button.setFocus()
    qtbot.keyClick(panel.save_button, Qt.Key.Key_Space)  # keyboard only
    assert "var 6:e månad" in panel.status.text(), panel.error.text()
    assert svc.asking.policy("").months == 6
    settled(qtbot, panel)
    panel.unit.setEditText("x" * 121)  # bad input: one line, nothing saved
    panel.mode.setCurrentIndex(panel.mode.findData("indikation"))
    assert not panel.months.isEnabled()
    panel.save()
    assert panel.error.isVisible() and "120" in panel.error.text() and "\n" not in panel.error.text()
    assert set(svc.asking.policies()) == {""}
    panel.unit.setEditText("Enhet Norr")
    panel.save()
    settled(qtbot, panel)
    assert panel.table.rowCount() == 2 and svc.asking.policy("Enhet Norr").mode == "indikation"
    SHOTS.mkdir(parents=True, exist_ok=True)
    admin.grab().save(str(SHOTS / "admin_asking_policy.png"))

    area.detail.refresh()
    settled(qtbot, area.detail)
    assert "var 6:e månad" in area.detail.policy.text() and "Dags att fråga" in area.detail.policy.text()
    from stodapp.cases.asking_models import AskingInput

    svc.asking.record(case_id, AskingInput(asked_on=svc.today(), channel="besok", trigger="rutin", answer="nej"))
    area.detail.refresh()
    settled(qtbot, area.detail)
    assert "Nästa rutinfråga" in area.detail.policy.text()


def test_sharing_dialog(anna_area, qtbot) -> None:  # type: ignore[no-untyped-def]
    area, svc, case_id = anna_area
    assert area.detail.sharing.isEnabled()
    dlg = area.detail.sharing_dialog()
    dlg.open()
    assert dlg.table.rowCount() == 0 and dlg.empty.isVisibleTo(dlg)
    dlg.decided_by.setText("Enhetschef Fiktiva")
    dlg.add()  # no basis chosen
    assert dlg.error.isVisible() and "samtycke" in dlg.error.text()
    dlg.basis.setCurrentIndex(dlg.basis.findData("lagstod"))
    assert dlg.legal_ref.isEnabled()
    dlg.add()  # legal basis without the provision
    assert dlg.error.isVisible() and "lagstöd" in dlg.error.text()
    dlg.legal_ref.setText("10 kap. 21 § OSL")
    dlg.shared_on.setDate(_qd(svc.today() + timedelta(days=3)))
    dlg.add()
    assert dlg.error.isVisible() and "framtiden" in dlg.error.text() and "\n" not in dlg.error.text()
    dlg.decided_by.setText("")
    dlg.shared_on.setDate(_qd(svc.today()))
    dlg.add()
    assert "beslutade" in dlg.error.text()
    assert svc.followup.sharing_log(case_id) == []  # nothing of the refused attempts was stored
    dlg.decided_by.setText("Enhetschef Fiktiva")
    dlg.what.setCurrentText("Riskbedömning")
    dlg.add()
    assert not dlg.error.isVisible() and dlg.status.text()
    dlg.direction.setCurrentIndex(dlg.direction.findData("fran_polis"))
    dlg.basis.setCurrentIndex(dlg.basis.findData("samtycke"))
    dlg.decided_by.setText("Handläggare Testa")
    dlg.what.setCurrentText("Polisens riskbedömning")
    dlg.shared_on.setDate(_qd(svc.today() - timedelta(days=1)))
    dlg.add()
    log = svc.followup.sharing_log(case_id)
    assert [(e.direction, e.basis, e.legal_ref, e.what) for e in log] == [
        ("fran_polis", "samtycke", "", "Polisens riskbedömning"),
        ("till_polis", "lagstod", "10 kap. 21 § OSL", "Riskbedömning")]
    assert dlg.table.rowCount() == 2 and not dlg.empty.isVisibleTo(dlg)
    assert dlg.table.item(1, 3).text() == "Lagstöd: 10 kap. 21 § OSL"
    assert dlg.table.item(0, 1).text() == "Mottaget från polisen"
    assert unnamed(dlg) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    dlg.grab().save(str(SHOTS / "sharing_dialog.png"))


def test_housing_dialog(anna_area, qtbot) -> None:  # type: ignore[no-untyped-def]
    area, svc, case_id = anna_area
    today = svc.today()
    dlg = area.detail.housing_dialog()
    dlg.open()
    assert dlg.person.count() == 1 and dlg.person.currentText() == "Testa Fiktivsson"  # not the perpetrator
    dlg.started_on.setDate(_qd(today + timedelta(days=1)))
    dlg.place()
    assert dlg.error.isVisible() and "framtiden" in dlg.error.text()
    assert svc.housing.placements(case_id) == []
    dlg.started_on.setDate(_qd(today - timedelta(days=20)))
    dlg.place()
    assert not dlg.error.isVisible(), dlg.error.text()
    assert dlg.table.rowCount() == 1 and dlg.table.item(0, 3).text() == "pågår"
    assert not dlg.end_button.isEnabled()  # nothing selected yet
    dlg.place()  # a second open placement for the same person is refused
    assert "pågående" in dlg.error.text() and len(svc.housing.placements(case_id)) == 1
    dlg.table.setCurrentCell(0, 0)
    assert dlg.end_button.isEnabled()
    dlg.ended_on.setDate(_qd(today - timedelta(days=30)))  # before the start
    dlg.end_selected()
    assert dlg.error.isVisible() and "startdatumet" in dlg.error.text()
    assert not dlg.notice.isVisibleTo(dlg)
    dlg.ended_on.setDate(_qd(today - timedelta(days=1)))
    dlg.table.setCurrentCell(0, 0)
    dlg.end_selected()
    assert not dlg.error.isVisible(), dlg.error.text()
    assert dlg.notice.isVisibleTo(dlg) and "ny riskbedömning" in dlg.notice.text()
    assert dlg.table.item(0, 3).text() == (today - timedelta(days=1)).isoformat()
    due = [r for r in svc.followup.overdue() if r.case_id == case_id]
    assert [(r.trigger, r.kind) for r in due] == [("lamnar_skyddat_boende", "riskbedomning")]
    assert unnamed(dlg) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    dlg.grab().save(str(SHOTS / "housing_dialog.png"))
    area.grab().save(str(SHOTS / "case_gaps.png"))
