"""Case -> suggested referral -> recorded: the referral next step opens suggestions for a person of the case,
"Ge hänvisning" records it (victim or perpetrator) and marks the step done; the handout carries nothing of the case."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from stodapp.calendar_se import local_date
from stodapp.cases.asking_models import AskingInput
from stodapp.cases.models import Interpreter, PersonInput, PersonView
from stodapp.clock import FakeClock
from tests.ui.helpers import settled
from tests.ui.paper.drive import print_through, save_through
from tests.ui.test_accessibility import unnamed
from ui.cases.cases_area import CasesArea
from ui.cases.referral_suggestions import ReferralSuggestions, age_range, person_language, target_groups

# the suite's own now (tests/conftest.py's clock); never the machine's
NOW = FakeClock().now()
TODAY = local_date(NOW)

SHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots" / "cases"


def _person(**kw: Any) -> PersonView:
    base: dict[str, Any] = dict(id=1, case_id=1, role="stodsokande", given_name="Fikta", family_name="Testdotter",
                                personnummer=None, reserve_number=None, birth_date=None, sex="kvinna",
                                age_band="", protected_identity=False, address="", interpreter=Interpreter(),
                                groups=())
    base.update(kw)
    return PersonView(**base)


def test_person_to_query_mapping() -> None:
    p = _person(groups=("heder", "missbruk"), interpreter=Interpreter(language="ar"), age_band="20-29")
    assert target_groups(p) == ("honour", "substance_use", "victims", "women")
    assert target_groups(_person(groups=("hemloshet", "migration"))) == ("homelessness", "migration", "victims", "women")
    assert person_language(p) == "ar" and age_range(p, date(2026, 5, 1)) == (20, 29)
    assert target_groups(_person(role="utovare", sex="man", groups=("heder",))) == ("uses_violence",)
    child = _person(role="barn", birth_date=date(2014, 6, 2), age_band="0-17")
    assert target_groups(child) == ("children_youth", "victims")
    assert age_range(child, date(2026, 6, 1)) == (11, 11) and age_range(child, date(2026, 6, 2)) == (12, 12)
    deaf = _person(interpreter=Interpreter(language="arabiska", sign_language=True), age_band="80+")
    assert person_language(deaf) == "swl" and "deaf" in target_groups(deaf) and age_range(deaf, TODAY) == (80, 120)
    assert person_language(_person(interpreter=Interpreter(language="Klingon"))) is None
    assert age_range(_person(), TODAY) is None


@pytest.fixture
def case_with_steps(open_core, qtbot):  # type: ignore[no-untyped-def]
    core = open_core("anna")
    svc = core.cases
    area = CasesArea(svc, referrals=core.referrals)
    qtbot.addWidget(area)
    area.resize(1200, 720)
    area.show()
    case_id = int(svc.create_case().ids[0])
    svc.persons.add(case_id, PersonInput(role="stodsokande", given_name="Fikta", family_name="Hedersdotter",
                                         id_kind="personnummer", number="19121212-1212", sex="kvinna",
                                         interpreter=Interpreter(language="ar"), groups=("heder",)))
    svc.persons.add(case_id, PersonInput(role="utovare", given_name="Demo", family_name="Hedersson",
                                         age_band="40-49", sex="man"))
    svc.persons.add(case_id, PersonInput(role="ovrig", given_name="Testa", family_name="Grannsdotter"))
    svc.asking.record(case_id, AskingInput(asked_on=svc.today(), channel="besok", trigger="rutin", answer="ja",
                                           support_info_given=True))
    area.open_case(case_id)
    settled(qtbot, area.detail)
    return core, svc, area, case_id


def _open_dialog(area: CasesArea) -> ReferralSuggestions:
    steps = area.detail.steps
    steps.select_rule("polis")
    assert not steps.referrals.isEnabled()  # only the referral step opens suggestions
    steps.select_rule("stodinsatser")
    assert steps.referrals.isEnabled()
    steps.referrals.click()
    dialogs = area.detail.findChildren(ReferralSuggestions)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    return dialogs[0]


def test_case_to_suggested_referral_to_recorded(case_with_steps, open_core, tmp_path, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    core, svc, area, case_id = case_with_steps
    dlg = _open_dialog(area)
    names = [dlg.person.itemText(i) for i in range(dlg.person.count())]
    assert len(names) == 2 and not any("Grannsdotter" in n for n in names)  # "övrig" is not referred
    assert "Hedersdotter" in dlg.person.currentText()
    assert "arabiska" in dlg.basis.text() and "Hedersrelaterat" in dlg.basis.text()
    honour = [h for h in dlg._hits if "honour" in h.resource.target_groups]
    assert honour, "an honour-related resource is suggested"
    assert "honour" in dlg._hits[0].resource.target_groups  # the person's specific group comes first
    assert all(h.resource.client_facing for h in dlg._hits)
    labels = [dlg.results.item(i).text() for i in range(dlg.results.count())]
    assert any("via tolk" in t for t in labels) and any("språkstöd okänt" in t for t in labels)
    assert any("telefonräkningen" in t for t in labels)
    assert all(t.split(" – ")[0] in ("Öppet nu", "Stänger snart", "Stängt", "Okänt") for t in labels)

    dlg.results.clearSelection()
    dlg.give_selected()  # nothing chosen: refused with one line, nothing recorded
    assert dlg.error.isVisible() and core.referrals.given_for_case(case_id) == []
    chosen = honour[0].resource
    row = next(i for i in range(dlg.results.count())
               if dlg.results.item(i).data(Qt.ItemDataRole.UserRole) == chosen.id)
    dlg.results.setCurrentRow(row)
    assert dlg.give.isEnabled()
    dlg.give.click()
    assert not dlg.error.isVisible(), dlg.error.text()
    settled(qtbot, area.detail)
    given = core.referrals.given_for_case(case_id)
    victim = next(p for p in area.detail.case.persons if p.role == "stodsokande")
    assert [(g.resource_id, g.person_role, g.person_id, g.given_on) for g in given] == [
        (chosen.id, "victim", victim.id, svc.today())]
    assert dlg.given.count() == 1 and chosen.name in dlg.given_texts()[0] and "våldsutsatt" in dlg.given_texts()[0]
    steps = {s.rule_id: s.status for s in svc.asking.next_steps(case_id)}
    assert steps["stodinsatser"] == "klar" and steps["polis"] == "oppen"
    assert any("stödinsatser" in area.detail.steps.list.item(i).text() and "Klar" in area.detail.steps.list.item(i).text()
               for i in range(area.detail.steps.list.count()))

    # the person using violence: perpetrator resources, recorded as perpetrator (the step stays done)
    dlg.person.setCurrentIndex(dlg.person.findText(next(n for n in names if "Hedersson" in n)))
    assert dlg._hits and all("uses_violence" in h.resource.target_groups for h in dlg._hits)
    assert all(h.resource.age_max is None or h.resource.age_max >= 40 for h in dlg._hits)
    dlg.results.setCurrentRow(0)
    dlg.give.click()
    roles = [g.person_role for g in core.referrals.given_for_case(case_id)]
    assert roles == ["victim", "perpetrator"] and dlg.given.count() == 2

    # handout: saved only where chosen, nothing about the case on it
    outdir = tmp_path / "out"
    outdir.mkdir()
    out = outdir / "stodblad.pdf"
    with monkeypatch.context() as m:
        m.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
        dlg.handout.save_action.trigger()
    qtbot.wait(50)
    assert not list(outdir.iterdir())  # cancelled: nothing written
    assert save_through(qtbot, dlg.handout, out, warned=False) == out  # public facts only: no warning
    assert out.read_bytes().startswith(b"%PDF") and "sparades" in dlg.status.text()
    assert print_through(qtbot, dlg.handout, tmp_path / "printed.pdf") >= 1
    assert "skrivaren" in dlg.status.text()
    from io import BytesIO

    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(out.read_bytes())).pages)
    assert "Hedersso" not in text and "Hedersdotter" not in text and area.detail.case.case_no not in text
    assert "19121212" not in text

    assert unnamed(dlg) == []
    assert dlg.give.focusPolicy() & Qt.FocusPolicy.TabFocus and dlg.results.focusPolicy() & Qt.FocusPolicy.TabFocus
    SHOTS.mkdir(parents=True, exist_ok=True)
    dlg.person.setCurrentIndex(0)
    qtbot.wait(50)
    dlg.grab().save(str(SHOTS / "referral_suggestions.png"))

    # the supervisor's summary counts it, when the referrals fact view exists
    from stodapp.summary.facts import relation_exists

    with core.ctx.session() as s:
        has_view = relation_exists(s, "fact_referrals")
    if has_view:
        from stodapp.summary.service import SummaryService

        month = f"{svc.today():%Y-%m}"
        report = SummaryService(open_core("sara").ctx).report(month, month, metric_ids=["referrals"])
        table = next(t for t in report.tables if t.metric_id == "referrals")
        assert table.available and table.total != 0


def test_other_caseworker_cannot_record(case_with_steps, open_core) -> None:  # type: ignore[no-untyped-def]
    core, svc, area, case_id = case_with_steps
    dlg = _open_dialog(area)
    bertil = open_core("bertil")
    from stodapp.referrals.service import ReferralService

    dlg._referrals = ReferralService(bertil.ctx)  # the same dialog, but acting as someone not on the case
    dlg.results.setCurrentRow(0)
    dlg.give.click()
    assert dlg.error.isVisible() and dlg.given.count() == 0
    assert core.referrals.given_for_case(case_id) == []
    assert {s.rule_id: s.status for s in svc.asking.next_steps(case_id)}["stodinsatser"] == "oppen"


def test_every_string_has_english() -> None:
    import ast

    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[3]
    catalogs = root / "resources" / "translations" / "en" / "LC_MESSAGES"
    translated: set[str] = set()
    for po in [catalogs / "stodapp.po"]:
        if po.exists():
            with po.open("rb") as fh:
                translated |= {str(m.id) for m in read_po(fh) if m.id and m.string}
    source = (root / "ui" / "cases" / "referral_suggestions.py").read_text(encoding="utf-8")
    strings = {n.args[0].value for n in ast.walk(ast.parse(source))
               if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("_", "N_")
               and n.args and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)}
    strings |= {"Föreslå hänvisningar…", "Föreslå hänvisningar"}  # the next-steps panel's hook
    assert len(strings) > 30 and sorted(strings - translated) == []


def test_keyboard_enter_does_not_record_space_does(case_with_steps, qtbot) -> None:  # type: ignore[no-untyped-def]
    core, _svc, area, case_id = case_with_steps
    dlg = _open_dialog(area)
    dlg.results.setFocus()
    dlg.results.setCurrentRow(0)
    qtbot.keyClick(dlg.results, Qt.Key.Key_Return)
    assert core.referrals.given_for_case(case_id) == []
    dlg.give.setFocus()
    qtbot.keyClick(dlg.give, Qt.Key.Key_Space)
    assert len(core.referrals.given_for_case(case_id)) == 1
