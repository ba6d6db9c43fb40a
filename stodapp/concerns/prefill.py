"""Prefill a report of concern from a plain case snapshot (pure; the cases feature builds the snapshot).

Protected data of anyone in the household becomes salted fingerprints on the report, and every text copied
from the case is checked against them first: a field that would leak is left out (and named in `omitted`),
so the prefilled draft always validates and never carries a protected address or identity.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from stodapp.concerns.model import ConcernReport, Reporter, parse_report
from stodapp.concerns.safety import Fingerprint, contains_protected, fingerprints_for
from stodapp.i18n import N_, _


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PersonSnapshot(_Frozen):
    """Someone in the child's household as the case records them."""

    name: str
    role: str  # who they are to the child: mor, far, styvförälder, syskon …
    personnummer: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    is_guardian: bool = False
    lives_with_child: bool = True
    protected_identity: bool = False  # skyddad folkbokföring / sekretessmarkering
    alias: str = ""  # e.g. assumed identity; never printed
    other_protected_terms: tuple[str, ...] = ()  # e.g. new workplace or school, if the case marks them secret


class ChildSnapshot(_Frozen):
    name: str
    personnummer: str
    address: str = ""
    protected_identity: bool = False
    has_disability: bool = False
    home_municipality_code: str = ""


class ViolenceEntry(_Frozen):
    form: str  # fysiskt, psykiskt, sexuellt …
    occurred_on: date | None = None
    description: str = ""


class AssessmentSummary(_Frozen):
    name: str
    done_on: date | None = None
    summary: str = ""


class CaseSnapshot(_Frozen):
    case_id: int
    honour_context: bool = False
    child: ChildSnapshot | None = None
    household: tuple[PersonSnapshot, ...] = ()
    violence: tuple[ViolenceEntry, ...] = ()
    assessments: tuple[AssessmentSummary, ...] = ()
    child_own_words: str = ""


class PrefillResult(_Frozen):
    report: ConcernReport
    omitted: tuple[str, ...] = ()  # labels of fields left out because they held protected data


OMITTED = N_("[utelämnat: innehöll skyddade uppgifter]")


def protected_terms(snapshot: CaseSnapshot) -> list[str]:
    terms: list[str] = []
    for person in snapshot.household:
        if person.protected_identity:
            terms += [person.address, person.phone, person.email, person.personnummer, person.alias]
            terms += list(person.other_protected_terms)
    if snapshot.child is not None and snapshot.child.protected_identity:
        terms.append(snapshot.child.address)
    return [t for t in terms if t]


def prefill_from_case(
    snapshot: CaseSnapshot, *, today: date, reporter: Reporter | None = None, salt: str | None = None
) -> PrefillResult:
    """A draft report from the case: child, guardians, recorded violence and assessments, safety flags."""
    fps = fingerprints_for(protected_terms(snapshot), salt)
    omitted: list[str] = []

    def keep(text: str, label: str) -> str:
        if text and fps and contains_protected(text, fps):
            omitted.append(_(label))
            return ""
        return text

    child = snapshot.child
    child_data = None
    if child is not None:
        child_data = {
            "name": child.name,
            "personnummer": child.personnummer,
            "address": "" if child.protected_identity else keep(child.address, N_("Barnets adress")),
            "protected_identity": child.protected_identity,
            "has_disability": child.has_disability,
        }
    guardians = []
    for p in snapshot.household:
        if not p.is_guardian:
            continue
        guardians.append(
            {
                "name": keep(p.name, N_("Vårdnadshavares namn")) or _("Vårdnadshavare"),
                "relation": p.role,
                "phone": "" if p.protected_identity else keep(p.phone, N_("Vårdnadshavares telefon")),
                "address": "" if p.protected_identity else keep(p.address, N_("Vårdnadshavares adress")),
                "lives_with_child": p.lives_with_child,
                "protected_identity": p.protected_identity,
            }
        )
    description, observed_on, since = _describe(snapshot, fps, omitted, today)
    honour = snapshot.honour_context
    data = {
        "report_date": today,
        "child": child_data,
        "guardians": guardians,
        "home_municipality_code": child.home_municipality_code if child else "",
        "reporter": reporter.model_dump() if reporter else None,
        "concern": {
            "description": description,
            "observed_on": observed_on,
            "concern_since": since,
            "child_own_words": keep(snapshot.child_own_words, N_("Barnets egna ord")),
        },
        "honour_context": honour,
        "guardians_informed": False if honour else None,
        "guardians_not_informed_reason": _(
            "Hederskontext: vårdnadshavare ska inte kontaktas eller informeras (risk för barnets säkerhet)."
        )
        if honour
        else "",
        "lives_with_protected_adult": any(
            p.protected_identity and p.lives_with_child for p in snapshot.household
        ),
        "protected_fingerprints": [f.model_dump() for f in fps],
    }
    report = parse_report(data, today=today)
    return PrefillResult(report=report, omitted=tuple(dict.fromkeys(omitted)))


def _describe(
    snapshot: CaseSnapshot, fps: tuple[Fingerprint, ...], omitted: list[str], today: date
) -> tuple[str, date | None, str]:
    lines: list[str] = []
    dates = [v.occurred_on for v in snapshot.violence if v.occurred_on is not None and v.occurred_on <= today]
    if snapshot.violence:
        lines.append(_("Våld som registrerats i ärendet:"))
        for v in sorted(snapshot.violence, key=lambda e: e.occurred_on or date.min):
            when = v.occurred_on.isoformat() if v.occurred_on else _("datum okänt")
            text = f"- {when}, {v.form}: {v.description}".rstrip(": ")
            if fps and contains_protected(text, fps):
                text = f"- {when}, {v.form}: {_(OMITTED)}"
                omitted.append(_("Beskrivning av registrerat våld"))
            lines.append(text)
    if snapshot.assessments:
        lines.append(_("Bedömningar i ärendet:"))
        for a in snapshot.assessments:
            when = a.done_on.isoformat() if a.done_on else _("datum okänt")
            text = f"- {a.name} ({when}): {a.summary}".rstrip(": ")
            if fps and contains_protected(text, fps):
                text = f"- {a.name} ({when}): {_(OMITTED)}"
                omitted.append(_("Sammanfattning av bedömning"))
            lines.append(text)
    since = (
        _("Sedan {date}: det tidigaste våld som har registrerats i ärendet.").format(date=min(dates).isoformat())
        if dates
        else ""
    )
    return "\n".join(lines), (max(dates) if dates else None), since
