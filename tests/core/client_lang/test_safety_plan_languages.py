"""The client's copy of a safety plan in every client language: logical order, embedded fonts, no case data."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from stodapp.cases.followup_models import SafetyPlanView
from stodapp.client_lang.catalog import load_catalog
from stodapp.client_lang.info import INFO_TEXTS
from stodapp.client_lang.languages import LANGUAGES, NOT_REVIEWED
from stodapp.client_lang.safety_plan import KEEP_SAFE, SECTIONS, TITLE, client_safety_plan_pdf
from tests.core.client_lang.pdf_check import embedded_fonts, norm, pdf_text, uncovered

PLAN = SafetyPlanView(
    id=1, case_id=7, person_id=None,
    risk_situations=("Kvinnofridslinjen 020-50 50 50",), own_actions=("112",), helpers=(),
    contacts=("Socialjouren 0501-11 11 11",), children_plan="", review_on=date(2026, 4, 1),
    created_at=datetime(2026, 3, 11, 9, 0, tzinfo=UTC),
)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_safety_plan_copy_reads_in_order_and_has_no_tofu(lang: str) -> None:
    data = client_safety_plan_pdf(PLAN, lang)
    text = "".join(pdf_text(data).split())  # pdftotext puts spaces at RTL run edges loosely
    cat = load_catalog(lang)
    expected = [cat.text(TITLE), cat.text(SECTIONS[0]), "020-50 50 50", cat.text(SECTIONS[3]), "0501-11 11 11",
                cat.text(INFO_TEXTS[0].sv), cat.text(KEEP_SAFE)]
    positions = []
    for item in expected:
        pos = text.find("".join(norm(item).split()))
        assert pos >= 0, f"{lang}: {item!r} not in the text layer"
        positions.append(pos)
    assert positions == sorted(positions), f"{lang}: out of logical order {positions}"
    assert "2026-04-01" in text
    assert uncovered(pdf_text(data, bare=False), embedded_fonts(data)) == set()
    assert ("Ärende" not in text) and ("Adress" not in text)  # the client's copy carries no case data
    if lang != "sv":
        assert NOT_REVIEWED.replace(" ", "") in text
    if lang not in ("sv", "sv_easy"):
        assert norm(TITLE).replace(" ", "") not in text  # nothing fell back to Swedish: one language on the page


@pytest.mark.parametrize("lang", ["so", "ti"])
def test_every_prompt_line_prints_in_her_language_in_order_without_tofu(lang: str) -> None:
    # Issue 17: the Somali and Tigrinya drafts of the prompt list (Latin and Ge'ez script, left to right).
    from stodapp.cases.followup_models import PlanPrompt
    from stodapp.cases.safety_prompts import default_prompts

    prompts = tuple(
        PlanPrompt(key=p.key, section=s.key, section_client=s.client_title, client=p.client, locating=p.locating,
                   answer="", on_client_copy=True)
        for s in default_prompts().sections for p in s.prompts
    )
    data = client_safety_plan_pdf(PLAN.model_copy(update={"prompts": prompts}), lang)
    text = "".join(pdf_text(data).split())
    cat = load_catalog(lang)
    positions = []
    for prompt in prompts:
        line = cat.get(prompt.client)
        assert not line.fallback, f"{lang}: {prompt.client!r} has no draft"
        pos = text.find("".join(norm(line.text).split()))
        assert pos >= 0, f"{lang}: {line.text!r} not in the text layer"
        positions.append(pos)
    assert positions == sorted(positions), f"{lang}: prompt lines out of order"
    assert "†" not in text  # nothing fell back to Swedish
    assert uncovered(pdf_text(data, bare=False), embedded_fonts(data)) == set()
