"""The next-steps panel in the English UI shows the rules' English texts (title, detail, warning, acute banner)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stodapp.cases.asking_models import AskingInput
from stodapp.cases.models import PersonInput
from stodapp.cases.next_steps import Facts, guidance
from stodapp.i18n import set_language
from tests.ui.helpers import settled
from ui.cases.cases_area import CasesArea

SHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots" / "cases"


def test_english_ui_shows_english_next_steps(open_core: Any, qtbot: Any) -> None:
    set_language("en")  # the UI language is chosen before the windows are built (conftest resets it to sv)
    core = open_core("anna")
    svc = core.cases
    area = CasesArea(svc, referrals=core.referrals)
    qtbot.addWidget(area)
    area.resize(1280, 720)
    area.show()
    case_id = int(svc.create_case().ids[0])
    svc.persons.add(case_id, PersonInput(role="stodsokande", given_name="Testa", family_name="Fiktivsson",
                                         groups=("heder",)))
    svc.persons.add(case_id, PersonInput(role="barn", given_name="Lilla", family_name="Fiktivsson"))
    svc.asking.record(case_id, AskingInput(asked_on=svc.today(), channel="besok", trigger="rutin", answer="ja",
                                           support_info_given=True))
    area.open_case(case_id)
    settled(qtbot, area.detail)
    panel = area.detail.steps
    expected = guidance(Facts(answer="ja", subject="utsatt", children=True, groups=frozenset({"heder"})))
    assert panel.titles() == [r.title.text("en") for r in expected]
    assert panel.titles()[0] == "Ask first: is the person safe right now? In acute danger – call 112"
    shown = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert shown[0] == "Ask first: is the person safe right now? In acute danger – call 112 — Open"
    heder = next(i for i, r in enumerate(expected) if r.id == "heder")
    assert panel.list.item(heder).toolTip().startswith("Signs of an honour context")
    assert "Do not contact guardians" in panel.warning.text() and "vårdnadshavare" not in panel.warning.text()
    assert "Ask whether the person who uses violence is nearby" in panel.acute.text()
    for text in [*shown, panel.acute.text(), panel.warning.text()]:
        for swedish in ("Fråga", "Gör ", "Erbjud", "Informera", "våld"):
            assert swedish not in text, (swedish, text)
    # Acute danger is never cut or hidden (issue 17): full width under the case title, its whole text in view.
    banner = panel.acute
    assert banner.isVisible() and banner.height() >= banner.heightForWidth(banner.width())
    assert banner.mapTo(area.detail, banner.rect().topLeft()).y() < area.detail.persons.mapTo(
        area.detail, area.detail.persons.rect().topLeft()).y()
    SHOTS.mkdir(parents=True, exist_ok=True)
    area.grab().save(str(SHOTS / "next_steps_en_1280x720.png"))
