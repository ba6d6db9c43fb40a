"""Handout PDF: chosen resources, the municipality's logo and local numbers. Nothing about the case.

No secrecy header: the handout carries no case content (no names, dates, case ids), only public contact facts.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from stodapp.calendar_se import local_today
from stodapp.client_lang.catalog import Localized
from stodapp.client_lang.languages import LANGUAGES
from stodapp.client_lang.page import ClientPage, build_client_pdf
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


def handout_texts(lang: str, page: ClientPage) -> dict[str, Localized]:
    """The handout's fixed texts in `lang`: our own for sv, sv_easy and en, else the client catalog."""
    if lang in _T:
        return {k: Localized(text=v) for k, v in _T[lang].items()}
    return {k: page.tr(v) for k, v in _T["sv"].items()}


def _description(r: Resource, lang: str, page: ClientPage) -> Localized:
    own = getattr(r.description, lang, None) if lang in LANGS else None
    return Localized(text=own) if own else page.tr(r.description.sv)


def _resource_block(r: Resource, lang: str, page: ClientPage, t: dict[str, Localized]) -> list[Any]:
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    translate = None if lang in LANGS else page.catalog.text
    out: list[Any] = [page.para(r.name, "h3"), page.para(_description(r, lang, page))]
    for c in r.channels:
        if not c.contact and c.hours is None:
            continue
        if c.label and lang not in LANGS:
            label = page.tr(c.label)
        elif c.label and lang == "en":  # the directory's labels are Swedish: English from the catalog if there
            own = page.tr(c.label)
            label = own if not own.fallback else Localized(text=c.label)
        else:
            label = Localized(text=c.label or t[c.kind].text)
        if label.fallback:
            out.append(page.para(label, "small"))
            label = t[c.kind]
        shown = label.text[:1].upper() + label.text[1:]  # "via Texttelefoni" starts the line
        line = f"{shown}: " + (readable_contact(c.contact) if c.contact else t["seeweb"].text)
        if c.contact and c.uncertain:
            line += f" ({t['check'].text})"
        if c.hours is not None:
            line += f" · {t['hours'].text} {describe(c.hours, lang, translate)}"
        # The phone-bill fact belongs to this channel only: it goes in the channel's own paragraph, never in
        # a line of its own that a reader could take for the line above (the text relay vs. the number).
        bill = t["bill"] if c.shows_on_phone_bill else t["nobill"] if c.shows_on_phone_bill is False else None
        if bill is not None:
            line = line.rstrip(".") + ". " + bill.text
        out.append(page.para(Localized(text=line, fallback=bill is not None and bill.fallback)))
    if r.anonymous:
        out.append(page.para(t["anon"], "small"))
    if r.phone_not_in_sources:
        out.append(page.para(t["nophone"], "small"))
    return [KeepTogether(out), Spacer(1, 2 * mm)]


def render_handout(
    resources: Sequence[Resource],
    *,
    lang: str = "sv",
    large: bool = False,
    local: LocalEntries | None = None,
    today: date | None = None,
    pack_dir: Path | None = None,
) -> bytes:
    """PDF bytes: logo, local numbers, then the chosen resources, all in one language. Only public facts go in.

    `lang` is any client language (stodapp.client_lang.languages); `pack_dir` holds imported reviewed
    translations. Texts without a translation print in Swedish, marked, with a note at the end.
    """
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Spacer

    if lang not in LANGUAGES:
        known = ", ".join(LANGUAGES)
        raise UserInputError(_("Okänt språk för stödbladet: {lang} ({known}).").format(lang=lang, known=known))
    if not resources and not (local and local.resources):
        raise UserInputError(_("Välj minst en verksamhet till stödbladet."))
    if len(resources) > MAX_RESOURCES:
        raise UserInputError(
            _("Högst {MAX_RESOURCES} verksamheter på ett stödblad.").format(MAX_RESOURCES=MAX_RESOURCES)
        )
    page = ClientPage(lang, large=large, pack_dir=pack_dir)
    t = handout_texts(lang, page)
    story: list[Any] = []
    if local is not None and local.logo is not None:
        img = Image(io.BytesIO(local.logo.raw()))
        ratio = img.imageWidth / max(img.imageHeight, 1)
        height = 18 * mm
        img.drawHeight, img.drawWidth = height, min(height * ratio, 80 * mm)
        img.hAlign = "RIGHT" if page.language.rtl else "LEFT"
        story += [img, Spacer(1, 4 * mm)]
    story += [page.para(t["title"], "h1"), *page.review_notice(), page.para(t["intro"])]
    chosen_ids = {r.id for r in resources}
    local_items = [r for r in (local.resources if local else ()) if r.client_facing or r.id in chosen_ids]
    local_ids = {r.id for r in local_items}
    if local_items:
        story.append(page.para(t["local"], "h2"))
        for r in local_items:
            story += _resource_block(r, lang, page, t)
    rest = [r for r in resources if r.id not in local_ids]
    if rest:
        story.append(page.para(t["national"], "h2"))
        for r in rest:
            story += _resource_block(r, lang, page, t)
    footer = t["footer"]
    printed = (today or local_today()).isoformat()
    story += [Spacer(1, 3 * mm), page.para(Localized(text=footer.text.format(date=printed), fallback=footer.fallback),
                                           "small"), *page.closing_notes()]
    return build_client_pdf(page, story, title=t["title"].text)
