"""The client's own copy of her safety plan, in her language: no name, address or case number on it, and of
the prompt list's answers only those she chose (stodapp.cases.client_copy guards what is printed).

Headings, the review line and the information texts come from the client catalog; the plan's items are
printed as the worker wrote them (write them in the client's language when she reads no Swedish).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stodapp.cases.followup_models import SafetyPlanView
from stodapp.client_lang.info import INFO_TEXTS, INFO_TITLE
from stodapp.client_lang.page import ClientPage, build_client_pdf

TITLE = "Min säkerhetsplan"
REVIEW = "Vi går igenom planen tillsammans igen senast {date}."
SECTIONS = ("När det kan bli farligt", "Det här gör jag", "Dessa kan hjälpa mig", "Viktiga kontakter",
            "Plan för barnen")
KEEP_SAFE = "Förvara planen där ingen annan hittar den."
SAFETY_PLAN_TEXTS = (TITLE, REVIEW, *SECTIONS, KEEP_SAFE)
WRITE_HERE = "_" * 40  # an answer left open: a line she can write on by hand


def _chosen_prompts(page: ClientPage, plan: SafetyPlanView) -> list[Any]:
    """The prompts she chose, under their sections: her line, then what was written (or a line to write on by
    hand; a line that states something, such as "I call 112", stands alone)."""
    from stodapp.cases.client_copy import chosen

    out: list[Any] = []
    section = ""
    for prompt in chosen(plan):
        if prompt.section != section:
            section = prompt.section
            out.append(page.para(page.tr(prompt.section_client), "h2"))
        out.append(page.para(page.tr(prompt.client), "h3"))
        if prompt.answer or prompt.client.endswith(":"):  # a line asking for something gets one to write on
            out.append(page.para(prompt.answer or WRITE_HERE))
    return out


def client_safety_plan_pdf(plan: SafetyPlanView, lang: str, *, large: bool = False,
                           pack_dir: Path | None = None) -> bytes:
    """PDF bytes of the client's copy in `lang` (any client language; "sv" gives the Swedish copy)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    page = ClientPage(lang, large=large, pack_dir=pack_dir)
    title = page.tr(TITLE)
    review = page.tr(REVIEW)
    story: list[Any] = [page.para(title, "h1"), *page.review_notice()]
    story.append(page.para(review.model_copy(update={"text": review.text.format(date=plan.review_on.isoformat())})))
    lists = (plan.risk_situations, plan.own_actions, plan.helpers, plan.contacts)
    for heading, items in zip(SECTIONS, lists, strict=False):
        story.append(page.para(page.tr(heading), "h2"))
        story += [page.para(f"• {item}") for item in items] or [page.para("–")]
    story.append(page.para(page.tr(SECTIONS[-1]), "h2"))
    story.append(page.para(plan.children_plan or "–"))
    story += _chosen_prompts(page, plan)
    story += [Spacer(1, 4 * mm), page.para(page.tr(INFO_TITLE), "h2")]
    story += [page.para(page.tr(info.sv)) for info in INFO_TEXTS]
    story += [Spacer(1, 2 * mm), page.para(page.tr(KEEP_SAFE), "h3"), *page.closing_notes()]
    return build_client_pdf(page, story, title=title.text)
