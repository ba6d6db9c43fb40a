"""Re-assessment reviews and overdue list, safety plan PDF, police sharing log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stodapp.calendar_se import local_date
from stodapp.cases.followup_models import SafetyPlanInput, SharingInput
from stodapp.cases.service import CaseService
from stodapp.clock import FakeClock
from stodapp.errors import NotFound, UserInputError

# the suite's own now (tests/conftest.py's clock); never the machine's
NOW = FakeClock().now()
TODAY = local_date(NOW)


def test_overdue_reviews_for_my_cases_only(cases_for, open_core):  # type: ignore[no-untyped-def]
    anna, bertil = cases_for("anna"), cases_for("bertil")
    case_id = int(anna.create_case().ids[0])
    today = TODAY
    anna.followup.add_review(case_id, "lamnar_skyddat_boende", due_on=today - timedelta(days=2))
    anna.followup.add_review(case_id, "ny_information")  # due today: not overdue yet
    with pytest.raises(UserInputError):
        anna.followup.add_review(case_id, "påhittad")
    overdue = anna.followup.overdue()
    assert [r.trigger for r in overdue] == ["lamnar_skyddat_boende"]
    assert bertil.followup.overdue() == []
    anna.followup.complete_review(overdue[0].id)
    assert anna.followup.overdue() == []
    # with the clock moved on, the plan's review date becomes overdue too
    anna.followup.save_plan(case_id, SafetyPlanInput(risk_situations=("Överlämning av barnen",),
                                                     review_on=today + timedelta(days=30)))
    core = open_core("anna")
    core.ctx.clock = FakeClock(NOW + timedelta(days=40))
    later = CaseService(core.ctx, reauth=core.reauthenticate)
    assert {r.kind for r in later.followup.overdue()} == {"riskbedomning", "sakerhetsplan"}


def test_safety_plan_versions_and_pdf(cases_for):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    with pytest.raises(UserInputError):
        anna.followup.save_plan(case_id, SafetyPlanInput(risk_situations=("x",), review_on=TODAY))
    with pytest.raises(UserInputError):
        anna.followup.save_plan(case_id, SafetyPlanInput(risk_situations=("  ",), review_on=date(2099, 1, 1)))
    anna.followup.save_plan(case_id, SafetyPlanInput(risk_situations=("Första",), review_on=date(2099, 1, 1)))
    anna.followup.save_plan(case_id, SafetyPlanInput(
        risk_situations=("När han är berusad",), own_actions=("Packar väska hos grannen",),
        helpers=("Syster (fiktiv)",), contacts=("Kvinnojouren (exempel)",), children_plan="Skolan hämtar",
        review_on=date(2099, 1, 1)))
    plan = anna.followup.latest_plan(case_id)
    assert plan is not None and plan.risk_situations == ("När han är berusad",)
    pdf = anna.followup.plan_pdf(case_id)
    assert pdf.startswith(b"%PDF")
    from io import BytesIO

    from pypdf import PdfReader

    text = PdfReader(BytesIO(pdf)).pages[0].extract_text()
    assert "Säkerhetsplan" in text and "Packar väska hos grannen" in text and "Sekretess" in text.title()


def test_sharing_log_needs_legal_basis(cases_for):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    base = {"direction": "till_polis", "shared_on": TODAY, "what": "Farlighetsbedömning",
            "decided_by": "Sara Arbetsledare (fiktiv)"}
    with pytest.raises(UserInputError, match="lagstöd"):
        anna.followup.record_sharing(case_id, SharingInput(**base, basis="lagstod"))
    with pytest.raises(UserInputError, match="framtiden"):
        anna.followup.record_sharing(case_id, SharingInput(**{**base, "shared_on": date(2099, 1, 1)},
                                                           basis="samtycke"))
    anna.followup.record_sharing(case_id, SharingInput(**base, basis="lagstod", legal_ref="10 kap. 21 § OSL"))
    anna.followup.record_sharing(case_id, SharingInput(**{**base, "direction": "fran_polis"}, basis="samtycke"))
    log = anna.followup.sharing_log(case_id)
    assert [e.direction for e in log] == ["till_polis", "fran_polis"] and log[0].legal_ref == "10 kap. 21 § OSL"


def test_interpreter_sheet_side_by_side() -> None:
    from stodapp.cases.interpreter import checklists_with_locales, side_by_side
    from stodapp.errors import NotFound

    assert "en" in checklists_with_locales()["se.stodapp.vinr.screening"]
    sheet = side_by_side("se.stodapp.vinr.screening", "en")
    assert sheet.rows and all(r.swedish for r in sheet.rows)
    assert any(r.other and r.other != r.swedish for r in sheet.rows)
    with pytest.raises(UserInputError):
        side_by_side("se.stodapp.vinr.screening", "sv")
    with pytest.raises(NotFound):
        side_by_side("finns.inte", "en")


def test_client_copy_of_the_plan_in_her_language(cases_for):  # type: ignore[no-untyped-def]
    import io

    from pypdf import PdfReader

    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    with pytest.raises(NotFound):
        anna.followup.client_plan_pdf(case_id, "ar")
    anna.followup.save_plan(case_id, SafetyPlanInput(risk_situations=("Kvinnofridslinjen 020-50 50 50",),
                                                     review_on=date(2099, 1, 1)))
    data = anna.followup.client_plan_pdf(case_id, "pl")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Mój plan bezpieczeństwa" in text and "020-50 50 50" in text
    assert anna.open_case(case_id).case_no not in text
    with pytest.raises(UserInputError):
        anna.followup.client_plan_pdf(case_id, "xx")
