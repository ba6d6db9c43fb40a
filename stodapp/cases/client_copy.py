"""What the client's copy of a safety plan may carry: the prompts she chose, and a guard against case identifiers.

Her copy is a paper she may carry home, where the person who uses violence can find it. It never prints the
case number, a personnummer or an address registered in the case, whatever was typed into the plan: the guard
finds them in every text that would be printed and refuses the print with one line naming the section (never
the text). Prompt answers are printed only when she chose to have them on her copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from stodapp.cases.followup_models import PlanPrompt, PromptAnswer, SafetyPlanView
from stodapp.cases.safety_prompts import PromptList
from stodapp.errors import UserInputError
from stodapp.i18n import N_, _

# The plan's free-text parts, all printed on her copy, with the editor's labels for them.
FREE_TEXT: dict[str, str] = {
    "risk_situations": N_("Risksituationer"),
    "own_actions": N_("Det här gör personen"),
    "helpers": N_("Dessa kan hjälpa"),
    "contacts": N_("Viktiga kontakter"),
    "children_plan": N_("Plan för barnen"),
}
# A personnummer or samordningsnummer written with its separator (YYMMDD-NNNN, YYYYMMDD-NNNN, + for 100 years).
# Without a separator ten digits are as likely a phone number; those are caught when they are a number of the case.
_PNR = re.compile(r"(?<![\d-])(?:\d{2})?\d{6}[-+]\d{4}(?!\d)")
_SPACES = re.compile(r"\s+")


def stored_prompts(answers: Sequence[PromptAnswer], prompts: PromptList) -> tuple[PlanPrompt, ...]:
    """The answers as stored with a plan version, in the list's order; UserInputError for an unknown or repeated
    prompt (nothing saved)."""
    by_key: dict[str, PromptAnswer] = {}
    for a in answers:
        if prompts.prompt(a.key) is None:
            raise UserInputError(_("Okänd fråga i säkerhetsplanen: {key}.").format(key=a.key[:40]))
        if a.key in by_key:
            raise UserInputError(_("Samma fråga finns två gånger i säkerhetsplanen: {key}.").format(key=a.key))
        by_key[a.key] = a
    out: list[PlanPrompt] = []
    for section in prompts.sections:
        for p in section.prompts:
            given = by_key.get(p.key)
            if given is not None:
                out.append(PlanPrompt(key=p.key, section=section.key, section_client=section.client_title,
                                      client=p.client, locating=p.locating, answer=given.answer.strip(),
                                      on_client_copy=given.on_client_copy))
    return tuple(out)


def chosen(plan: SafetyPlanView) -> tuple[PlanPrompt, ...]:
    """The prompts she chose to have on her copy, in the plan's order."""
    return tuple(p for p in plan.prompts if p.on_client_copy)


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text.casefold()).strip()


def _address_parts(address: str) -> list[str]:
    """The whole address and each comma- or line-separated part holding both a letter and a digit (street and
    number, postcode and town): a part alone is enough to find the place."""
    parts = [address, *re.split(r"[,\n;]", address)]
    out = []
    for part in parts:
        p = _norm(part)
        if len(p) >= 5 and any(c.isdigit() for c in p) and any(c.isalpha() for c in p):
            out.append(p)
    return out


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def printed_texts(plan: SafetyPlanView) -> list[tuple[str, str]]:
    """(section, text) for every text of the plan that her copy prints."""
    out: list[tuple[str, str]] = []
    for field in FREE_TEXT:
        value = getattr(plan, field)
        out += [(field, v) for v in ((value,) if isinstance(value, str) else value)]
    out += [(p.section, p.answer) for p in chosen(plan)]
    return out


def check_client_copy(plan: SafetyPlanView, *, case_no: str, addresses: Iterable[str],
                      numbers: Iterable[str]) -> None:
    """UserInputError when her copy would print the case number, a personnummer or an address of the case.

    `addresses` are the case's registered addresses (protected ones included: the caller passes the stored
    values), `numbers` its personnummer, samordningsnummer and reserve numbers. The message names the section
    and what was found, never the text itself.
    """
    from stodapp.cases.safety_prompts import default_prompts

    headings = {key: _(label) for key, label in FREE_TEXT.items()}
    headings |= {p.section: p.section_client for p in plan.prompts}
    headings |= {s.key: s.title.current() for s in default_prompts().sections}
    places = [part for a in addresses if a.strip() for part in _address_parts(a)]
    ids = [d for d in (_digits(n) for n in numbers if n) if len(d) >= 10]
    case = _norm(case_no)
    for section, text in printed_texts(plan):
        found = ""
        t = _norm(text)
        if case and case in t:
            found = _("ärendenumret")
        elif _PNR.search(text) or any(d in _digits(text) or d[2:] in _digits(text) for d in ids):
            found = _("ett personnummer")
        elif any(p in t for p in places):
            found = _("en adress från ärendet")
        if found:
            raise UserInputError(
                _("Klientens kopia skulle visa {what} (under ”{section}”). Ta bort det ur planen, eller låt "
                  "punkten stå kvar bara i handläggarens plan.").format(what=found, section=headings[section])
            )
