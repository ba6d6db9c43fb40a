"""The safety plan on paper: "Skriv ut…" in the case view opens the print dialog and prints the pages that
"Spara som PDF" saves, for the file copy (case and person named) and for her own copy (nothing that locates her)."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from stodapp.cases.followup_models import SafetyPlanInput
from stodapp.cases.models import PersonInput
from tests.ui.helpers import settled
from tests.ui.paper.drive import print_through, same_pages
from ui.cases.cases_area import CasesArea


def _text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def test_both_copies_of_the_safety_plan_print_their_pdf(open_core: Any, qtbot: Any, tmp_path: Path) -> None:
    core = open_core("anna")
    svc = core.cases
    area = CasesArea(svc, referrals=core.referrals)
    qtbot.addWidget(area)
    area.resize(1200, 720)
    area.show()
    case_id = int(svc.create_case().ids[0])
    svc.persons.add(case_id, PersonInput(role="stodsokande", given_name="Fikta", family_name="Planberg",
                                         id_kind="personnummer", number="19121212-1212", sex="kvinna"))
    svc.followup.save_plan(case_id, SafetyPlanInput(
        risk_situations=("Överlämning av barnen vid förskolan",), own_actions=("Ringa 112 vid hot",),
        helpers=("Syster",), review_on=svc.today() + timedelta(days=30)))
    area.open_case(case_id)
    settled(qtbot, area.detail)
    detail = area.detail
    case_no = detail.case.case_no

    printed = tmp_path / "plan.pdf"
    pages = print_through(qtbot, detail.plan_pdf, printed)
    original = svc.followup.plan_pdf(case_id)
    assert pages == _pages(original) == _pages(printed.read_bytes()) >= 1
    assert same_pages(printed.read_bytes(), original)
    text = _text(original)
    assert f"Ärende {case_no}" in text and "Person: Fikta Planberg" in text and "Överlämning av barnen" in text
    assert "Personnummer: 19121212-1212" in text  # a plan for the case as a whole names its main person

    client = tmp_path / "client.pdf"
    pages = print_through(qtbot, detail.client_plan_pdf, client)
    own = svc.followup.client_plan_pdf(case_id, detail.case.preferred_language or "sv")
    assert pages == _pages(own) == _pages(client.read_bytes()) >= 1
    assert same_pages(client.read_bytes(), own) and not same_pages(client.read_bytes(), original)
    mine = _text(own)
    assert "Planberg" not in mine and case_no not in mine and "19121212" not in mine
    assert sorted(p.name for p in tmp_path.rglob("*.pdf")) == ["client.pdf", "plan.pdf"]  # no stray copy
