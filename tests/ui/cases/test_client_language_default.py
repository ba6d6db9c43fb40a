"""The case records the client's language; the handout picker in the referral dialog defaults to it."""

from __future__ import annotations

from stodapp.cases.models import PersonInput
from tests.ui.helpers import settled
from ui.cases.cases_area import CasesArea
from ui.cases.referral_suggestions import ReferralSuggestions


def test_case_language_is_recorded_and_the_handout_defaults_to_it(open_core, qtbot) -> None:  # type: ignore[no-untyped-def]
    core = open_core("anna")
    svc = core.cases
    area = CasesArea(svc, referrals=core.referrals)
    qtbot.addWidget(area)
    case_id = int(svc.create_case().ids[0])
    svc.persons.add(case_id, PersonInput(role="stodsokande", given_name="Fikta", family_name="Språksdotter"))
    area.open_case(case_id)
    settled(qtbot, area.detail)
    combo = area.detail.client_lang
    assert combo.currentData() is None  # not recorded yet
    combo.setCurrentIndex(combo.findData("ti"))
    combo.activated.emit(combo.currentIndex())
    settled(qtbot, area.detail)
    assert svc.open_case(case_id).preferred_language == "ti"
    assert "ትግርኛ" in combo.currentText()
    dlg = area.detail.referral_dialog()
    assert isinstance(dlg, ReferralSuggestions)
    assert dlg.handout_lang.currentData() == "ti"
    assert dlg.handout_lang.findData("ar") >= 0 and dlg.handout_lang.findData("uk") >= 0
