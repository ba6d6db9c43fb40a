"""The safety plan as a PDF with the secrecy header; a protected person's address is never printed."""

from __future__ import annotations

from typing import Any

from stodapp.calendar_se import local_date
from stodapp.cases.document_subject import shown_name
from stodapp.cases.followup_models import SafetyPlanView
from stodapp.cases.models import PersonView
from stodapp.i18n import _


def safety_plan_pdf(case_no: str, plan: SafetyPlanView, person: PersonView | None) -> bytes:
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, Spacer

    from stodapp.pdf.base import build_pdf, escape, secrecy_header, styles

    st = styles()
    story: list[Any] = [
        Paragraph(escape(_("Säkerhetsplan")), st["h1"]),
        Paragraph(escape(_("Ärende {no}").format(no=case_no)), st["body"]),
    ]
    if person is not None:
        story.append(Paragraph(escape(_("Person: {name}").format(name=shown_name(person))), st["body"]))
        number = None if person.protected_identity else person.personnummer or person.reserve_number
        if number:
            label = _("Personnummer") if person.personnummer else _("Reservnummer")
            story.append(Paragraph(escape(f"{label}: {number}"), st["body"]))
        story.append(Paragraph(escape(_("Adress: {a}").format(a=person.address or "–")), st["body"]))
    story.append(Paragraph(escape(_("Omprövas senast {d}").format(d=plan.review_on.isoformat())), st["body"]))
    story.append(Spacer(1, 8))
    sections = (
        (_("Risksituationer"), plan.risk_situations),
        (_("Det här gör jag"), plan.own_actions),
        (_("Dessa kan hjälpa mig"), plan.helpers),
        (_("Viktiga kontakter"), plan.contacts),
    )
    for heading, items in sections:
        story.append(Paragraph(escape(heading), st["h2"]))
        if items:
            story.append(
                ListFlowable([ListItem(Paragraph(escape(i), st["body"])) for i in items], bulletType="bullet")
            )
        else:
            story.append(Paragraph("–", st["body"]))
    story.append(Paragraph(escape(_("Plan för barnen")), st["h2"]))
    story.append(Paragraph(escape(plan.children_plan or "–"), st["body"]))
    story += _prompts(plan, st)
    return build_pdf(story, title=_("Säkerhetsplan"), header=secrecy_header(local_date(plan.created_at)))


def _prompts(plan: SafetyPlanView, st: Any) -> list[Any]:
    """The prompts gone through, per section, each with its answer and whether it is on the client's copy."""
    from reportlab.platypus import Paragraph

    from stodapp.cases.safety_prompts import default_prompts
    from stodapp.pdf.base import escape

    if not plan.prompts:
        return []
    current = default_prompts()
    titles = {s.key: s.title.current() for s in current.sections}
    out: list[Any] = [Paragraph(escape(_("Frågor som gicks igenom ({label})").format(label=current.label.current())),
                                st["h2"])]
    section = ""
    for p in plan.prompts:
        if p.section != section:
            section = p.section
            out.append(Paragraph(escape(titles.get(section, p.section_client)), st["h3"]))
        found = current.prompt(p.key)
        ask = found[1].ask.current() if found is not None else p.client
        where = _("på klientens kopia") if p.on_client_copy else _("inte på klientens kopia")
        out.append(Paragraph(f"{escape(ask)} <i>({escape(where)})</i>", st["body"]))
        out.append(Paragraph(f"<b>{escape(p.answer or '–')}</b>", st["body"]))
    return out
