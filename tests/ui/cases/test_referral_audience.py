"""The referral dialog for a woman of 43: no boys' or youth services, no other region's local services (issue 17)."""

from __future__ import annotations

from stodapp.cases.models import Interpreter, PersonInput
from tests.ui.helpers import settled
from ui.cases.cases_area import CasesArea
from ui.cases.referral_suggestions import ReferralSuggestions

YOUTH_OR_BOYS = {"killfragor", "man_mottagning", "tris", "stodlinjen_for_man", "bris", "karleken_ar_fri",
                 "maskrosbarn", "ivo_barn_unga", "boujt"}
OTHER_REGIONS = {"origo", "kompott_varmland", "gullspang_vald_och_hot"}


def test_a_43_year_old_woman_is_offered_only_what_fits_her(open_core, qtbot) -> None:  # type: ignore[no-untyped-def]
    core = open_core("anna")
    svc = core.cases
    area = CasesArea(svc, referrals=core.referrals)
    qtbot.addWidget(area)
    case_id = int(svc.create_case().ids[0])
    svc.persons.add(case_id, PersonInput(role="stodsokande", given_name="Fikta", family_name="Provdotter",
                                         age_band="40-49", sex="kvinna", interpreter=Interpreter(),
                                         groups=("heder", "missbruk")))
    area.open_case(case_id)
    settled(qtbot, area.detail)
    dlg = ReferralSuggestions(svc, core.referrals, area.detail.case, parent=area)
    qtbot.addWidget(dlg)
    got = {h.resource.id for h in dlg._hits}
    assert {"kvinnofridslinjen", "sos_112", "ratt_att_valja"} <= got
    assert not got & YOUTH_OR_BOYS, got & YOUTH_OR_BOYS
    assert not got & OTHER_REGIONS, got & OTHER_REGIONS
    assert "Skadligt bruk och beroende" in dlg.basis.text()


def _suggested(open_core, qtbot, interpreter: Interpreter) -> set[str]:  # type: ignore[no-untyped-def]
    core = open_core("anna")
    svc = core.cases
    area = CasesArea(svc, referrals=core.referrals)
    qtbot.addWidget(area)
    case_id = int(svc.create_case().ids[0])
    svc.persons.add(case_id, PersonInput(role="stodsokande", given_name="Fikta", family_name="Provdotter",
                                         age_band="40-49", sex="kvinna", interpreter=interpreter))
    area.open_case(case_id)
    settled(qtbot, area.detail)
    dlg = ReferralSuggestions(svc, core.referrals, area.detail.case, parent=area)
    qtbot.addWidget(dlg)
    return {h.resource.id for h in dlg._hits}


def test_a_hearing_woman_is_not_offered_the_sign_language_shelter(open_core, qtbot) -> None:  # type: ignore[no-untyped-def]
    got = _suggested(open_core, qtbot, Interpreter())
    assert "nkjt_skyddat_boende" not in got and "kvinnofridslinjen" in got


def test_a_woman_needing_sign_language_is_offered_it(open_core, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert "nkjt_skyddat_boende" in _suggested(open_core, qtbot, Interpreter(sign_language=True))


def test_sign_language_typed_as_the_interpreter_language_counts(open_core, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert "nkjt_skyddat_boende" in _suggested(open_core, qtbot, Interpreter(language="teckenspråk"))
