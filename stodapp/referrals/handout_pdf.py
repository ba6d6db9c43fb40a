"""Handout PDF: chosen resources, the municipality's logo and local numbers. Nothing about the case.

No secrecy header: the handout carries no case content (no names, dates, case ids), only public contact facts.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from stodapp.calendar_se import local_today
from stodapp.errors import UserInputError
from stodapp.i18n import _
from stodapp.referrals.codes import CHANNEL_KINDS
from stodapp.referrals.display import readable_contact
from stodapp.referrals.hours_text import describe
from stodapp.referrals.local_entries import LocalEntries
from stodapp.referrals.schema import Resource

LANGS = ("sv", "sv_easy", "en")
MAX_RESOURCES = 20

_T: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Här kan du få stöd",
        "intro": "Du är inte ensam. Här finns organisationer som kan hjälpa dig.",
        "local": "Hjälp där du bor",
        "national": "Stöd i hela landet",
        "bill": "Obs! Samtalet syns på telefonräkningen.",
        "nobill": "Samtalet syns inte på telefonräkningen.",
        "anon": "Du kan vara anonym.",
        "nophone": "Telefonnummer: se webbplatsen.",
        "check": "kontrollera uppgiften",
        "seeweb": "se webbplatsen",
        "hours": "Öppet",
        "footer": "Öppettider kan ändras. Kontrollera gärna på webbplatsen. Utskrivet {date}.",
        "phone": "Telefon",
        "sms": "Sms",
        "chat": "Chatt",
        "email": "E-post",
        "eservice": "E-tjänst",
        "visit": "Besök",
        "web": "Webb",
        "text_relay": "Texttelefoni",
    },
    "sv_easy": {
        "title": "Här kan du få hjälp",
        "intro": "Du är inte ensam. Du kan ringa, chatta eller skriva till dem här.",
        "local": "Hjälp där du bor",
        "national": "Hjälp i hela Sverige",
        "bill": "Tänk på: samtalet syns på telefonräkningen.",
        "nobill": "Samtalet syns inte på telefonräkningen.",
        "anon": "Du behöver inte säga ditt namn.",
        "nophone": "Telefonnummer finns på deras webbplats.",
        "check": "kan vara fel",
        "seeweb": "finns på deras webbplats",
        "hours": "Öppet",
        "footer": "Tiderna kan ändras. Titta på webbplatsen. Utskrivet {date}.",
        "phone": "Ring",
        "sms": "Sms",
        "chat": "Chatta",
        "email": "Mejla",
        "eservice": "E-tjänst",
        "visit": "Besök",
        "web": "Webb",
        "text_relay": "Texttelefoni",
    },
    "en": {
        "title": "Where you can get support",
        "intro": "You are not alone. These organisations can help you.",
        "local": "Help where you live",
        "national": "Support across Sweden",
        "bill": "Note: the call shows on the phone bill.",
        "nobill": "The call does not show on the phone bill.",
        "anon": "You can stay anonymous.",
        "nophone": "Phone number: see the website.",
        "check": "please check",
        "seeweb": "see the website",
        "hours": "Open",
        "footer": "Opening hours may change. Please check the website. Printed {date}.",
        "phone": "Phone",
        "sms": "Text",
        "chat": "Chat",
        "email": "Email",
        "eservice": "E-service",
        "visit": "Visit",
        "web": "Web",
        "text_relay": "Text relay",
    },
}
assert all(set(_T[lang]) >= set(CHANNEL_KINDS) for lang in LANGS)


def _resource_block(r: Resource, lang: str, st: dict[str, Any]) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    from stodapp.pdf.base import escape

    t = _T[lang]
    out: list[Any] = [
        Paragraph(escape(r.name), st["h3"]),
        Paragraph(escape(r.description.get(lang)), st["body"]),
    ]
    for c in r.channels:
        if not c.contact and c.hours is None:
            continue
        line = f"<b>{escape(c.label or t[c.kind])}:</b> "
        line += escape(readable_contact(c.contact)) if c.contact else escape(t["seeweb"])
        if c.contact and c.uncertain:
            line += f" <i>({escape(t['check'])})</i>"
        if c.hours is not None:
            line += f" · {escape(t['hours'])} {escape(describe(c.hours, lang))}"
        out.append(Paragraph(line, st["body"]))
        if c.shows_on_phone_bill:
            out.append(Paragraph(f"<b>{escape(t['bill'])}</b>", st["body"]))
        elif c.shows_on_phone_bill is False:
            out.append(Paragraph(escape(t["nobill"]), st["small"]))
    notes = []
    if r.anonymous:
        notes.append(t["anon"])
    if r.phone_not_in_sources:
        notes.append(t["nophone"])
    if notes:
        out.append(Paragraph(escape(" ".join(notes)), st["small"]))
    return [KeepTogether(out), Spacer(1, 2 * mm)]


def render_handout(
    resources: Sequence[Resource],
    *,
    lang: str = "sv",
    large: bool = False,
    local: LocalEntries | None = None,
    today: date | None = None,
) -> bytes:
    """PDF bytes: logo, local numbers, then the chosen resources. Only public directory facts go in."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, Spacer

    from stodapp.pdf.base import build_pdf, escape, styles

    if lang not in LANGS:
        raise UserInputError(_("Okänt språk för handout: {lang} (sv, sv_easy, en).").format(lang=lang))
    if not resources and not (local and local.resources):
        raise UserInputError(_("Välj minst en resurs till handouten."))
    if len(resources) > MAX_RESOURCES:
        raise UserInputError(_("Högst {MAX_RESOURCES} resurser på en handout.").format(MAX_RESOURCES=MAX_RESOURCES))
    t = _T[lang]
    st = styles(large=large)
    story: list[Any] = []
    if local is not None and local.logo is not None:
        img = Image(io.BytesIO(local.logo.raw()))
        ratio = img.imageWidth / max(img.imageHeight, 1)
        height = 18 * mm
        img.drawHeight, img.drawWidth = height, min(height * ratio, 80 * mm)
        img.hAlign = "LEFT"
        story += [img, Spacer(1, 4 * mm)]
    story += [Paragraph(escape(t["title"]), st["h1"]), Paragraph(escape(t["intro"]), st["body"])]
    chosen_ids = {r.id for r in resources}
    local_items = [r for r in (local.resources if local else ()) if r.client_facing or r.id in chosen_ids]
    local_ids = {r.id for r in local_items}
    if local_items:
        story.append(Paragraph(escape(t["local"]), st["h2"]))
        for r in local_items:
            story += _resource_block(r, lang, st)
    rest = [r for r in resources if r.id not in local_ids]
    if rest:
        story.append(Paragraph(escape(t["national"]), st["h2"]))
        for r in rest:
            story += _resource_block(r, lang, st)
    footer = t["footer"].format(date=(today or local_today()).isoformat())
    return build_pdf(story, title=t["title"], header=None, footer=footer)
