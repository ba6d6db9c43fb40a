"""The report of concern (one child per report) with its safety rules enforced on every validation.

Validate with `parse_report(data, today=...)`: it passes the date used for "not in the future" checks as
validation context and turns any pydantic error into one safe `UserInputError` line (never field content).
`check_ready_to_finalise` adds the rules that only apply when the report is signed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, ValidationInfo, field_validator, model_validator

from stodapp.calendar_se import local_today
from stodapp.concerns.safety import Fingerprint, contains_protected
from stodapp.errors import UserInputError, ValidationFailed
from stodapp.i18n import N_, _, ngettext

MAX_TEXT = 20_000


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, str_max_length=MAX_TEXT)


class ReporterKind(StrEnum):
    SOCIAL_SERVICES = "social_services"
    SCHOOL = "school"
    HEALTH_CARE = "health_care"
    AUTHORITY_CHILDREN = "authority_children"  # an authority whose work concerns children (e.g. the police)
    PRIVATE_PROVIDER_CHILDREN = "private_provider_children"
    # staff of another authority whose work concerns children (mandatory from 2025-07-01)
    AUTHORITY_STAFF_CHILDREN = "authority_staff_children"
    KRIMINALVARDEN = "kriminalvarden"  # the prison and probation service
    # professional private services in health care or social services (not only those concerning children)
    PRIVATE_PROVIDER_CARE = "private_provider_care"
    FAMILY_COUNSELLING = "family_counselling"  # narrower duty: on knowledge of abuse (report_duty.yaml)
    OTHER_PROFESSIONAL = "other_professional"


REPORTER_KIND_LABELS: dict[ReporterKind, str] = {
    ReporterKind.SOCIAL_SERVICES: N_("Socialtjänsten"),
    ReporterKind.SCHOOL: N_("Skola, förskola eller fritidshem"),
    ReporterKind.HEALTH_CARE: N_("Hälso- och sjukvård eller tandvård"),
    ReporterKind.AUTHORITY_CHILDREN: N_("Myndighet vars verksamhet berör barn och unga"),
    ReporterKind.PRIVATE_PROVIDER_CHILDREN: N_("Enskild verksamhet som berör barn och unga"),
    ReporterKind.AUTHORITY_STAFF_CHILDREN: N_("Anställd vid annan myndighet, arbetet berör barn och unga"),
    ReporterKind.KRIMINALVARDEN: N_("Kriminalvården"),
    ReporterKind.PRIVATE_PROVIDER_CARE: N_("Enskild verksamhet inom hälso- och sjukvård eller socialtjänst"),
    ReporterKind.FAMILY_COUNSELLING: N_("Familjerådgivning"),
    ReporterKind.OTHER_PROFESSIONAL: N_("Annan yrkesverksam"),
}


class Urgency(StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"
    ACUTE = "acute"


URGENCY_LABELS = {Urgency.NORMAL: N_("Normal"), Urgency.URGENT: N_("Skyndsam"), Urgency.ACUTE: N_("Akut")}


class ConcernSource(StrEnum):
    OBSERVED = "observed"
    TOLD_BY_CHILD = "told_by_child"
    TOLD_BY_OTHER = "told_by_other"


SOURCE_LABELS = {
    ConcernSource.OBSERVED: N_("Anmälaren har själv iakttagit det"),
    ConcernSource.TOLD_BY_CHILD: N_("Barnet har berättat"),
    ConcernSource.TOLD_BY_OTHER: N_("Någon annan har berättat"),
}


def normalise_personnummer(value: str) -> str:
    """'YYYYMMDD-NNNN' for a valid personnummer or samordningsnummer; ValueError otherwise."""
    from personnummer import personnummer as pnr

    try:
        parsed = pnr.parse(value.strip())
    except Exception:  # noqa: BLE001 - the library raises its own exception types
        raise ValueError(_("Ogiltigt personnummer (kontrollsiffran eller datumet stämmer inte).")) from None
    digits = parsed.format(True)
    return f"{digits[:8]}-{digits[8:]}"


def birth_date(personnummer: str) -> date:
    day = int(personnummer[6:8])
    return date(int(personnummer[:4]), int(personnummer[4:6]), day - 60 if day > 60 else day)


def _today(info: ValidationInfo) -> date:
    ctx = info.context if isinstance(info.context, dict) else {}
    value = ctx.get("today")
    return value if isinstance(value, date) else local_today()


class ChildInfo(_Frozen):
    name: str
    personnummer: str
    address: str = ""
    protected_identity: bool = False
    has_disability: bool = False

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not v:
            raise ValueError(_("Barnets namn saknas."))
        return v

    @field_validator("personnummer")
    @classmethod
    def _pnr(cls, v: str) -> str:
        return normalise_personnummer(v)

    @model_validator(mode="after")
    def _protected(self) -> ChildInfo:
        if self.protected_identity and self.address:
            raise ValueError(_("Barnet har skyddade personuppgifter: adressen får inte stå i anmälan."))
        return self

    def age_on(self, on: date) -> int:
        born = birth_date(self.personnummer)
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


class Guardian(_Frozen):
    name: str
    relation: str  # who they are: mor, far, särskilt förordnad vårdnadshavare …
    phone: str = ""
    address: str = ""
    lives_with_child: bool = True
    protected_identity: bool = False

    @model_validator(mode="after")
    def _check(self) -> Guardian:
        if not self.name or not self.relation:
            raise ValueError(_("Ange namn och relation till barnet för varje vårdnadshavare."))
        if self.protected_identity and (self.address or self.phone):
            raise ValueError(
                _("En vårdnadshavare har skyddade personuppgifter: adress och telefon får inte stå med.")
            )
        return self


class Reporter(_Frozen):
    """The reporter is a professional and never anonymous."""

    name: str
    title: str  # role, e.g. socialsekreterare
    kind: ReporterKind = ReporterKind.SOCIAL_SERVICES
    unit: str
    phone: str = ""
    email: str = ""

    @model_validator(mode="after")
    def _check(self) -> Reporter:
        if not (self.name and self.title and self.unit):
            raise ValueError(_("Anmälaren ska anges med namn, befattning och enhet (inte anonymt)."))
        if not (self.phone or self.email):
            raise ValueError(_("Ange telefon eller e-post så att socialtjänsten kan nå anmälaren."))
        return self


class ConcernDetails(_Frozen):
    description: str = ""  # what was observed or told
    observed_on: date | None = None
    observed_by: str = ""  # who saw or heard it
    # No default: the account is often second-hand, so the reporter must say how she knows (asked at finalising).
    source: ConcernSource | None = None
    concern_since: str = ""  # how long the concern has lasted
    child_own_words: str = ""

    @field_validator("observed_on")
    @classmethod
    def _not_future(cls, v: date | None, info: ValidationInfo) -> date | None:
        if v is not None and v > _today(info):
            raise ValueError(_("Datumet för iakttagelsen ligger i framtiden."))
        return v


# Labels used in the "protected data in field X" error (field names only, never content).
_FIELD_LABELS: dict[str, str] = {
    "child": N_("Barnet"),
    "guardians": N_("Vårdnadshavare"),
    "reporter": N_("Anmälaren"),
    "concern": N_("Beskrivning av oron"),
    "interpreter_language": N_("Tolkspråk"),
    "guardians_not_informed_reason": N_("Varför vårdnadshavare inte informerats"),
    "child_not_informed_reason": N_("Varför barnet inte informerats"),
    "police_report_note": N_("Polisanmälan"),
}


class ConcernReport(_Frozen):
    report_date: date
    child: ChildInfo | None = None
    guardians: tuple[Guardian, ...] = ()
    home_municipality_code: str = ""
    interpreter_needed: bool = False
    interpreter_language: str = ""
    reporter: Reporter | None = None
    concern: ConcernDetails = ConcernDetails()
    guardians_informed: bool | None = None
    guardians_not_informed_reason: str = ""
    child_informed: bool | None = None
    child_not_informed_reason: str = ""
    police_report_made: bool | None = None
    police_report_note: str = ""
    urgency: Urgency = Urgency.NORMAL
    feedback_wanted: bool = True
    honour_context: bool = False
    lives_with_protected_adult: bool = False
    protected_fingerprints: tuple[Fingerprint, ...] = ()

    @field_validator("home_municipality_code")
    @classmethod
    def _municipality(cls, v: str) -> str:
        if not v:
            return v
        from stodapp import municipalities

        try:
            return municipalities.by_code(v).code
        except Exception:  # noqa: BLE001 - NotFound / UserInputError become one validation message
            raise ValueError(_("Okänd kommunkod: {code}.").format(code=v[:8])) from None

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> ConcernReport:
        if self.child is None:
            raise ValueError(_("Anmälan måste gälla ett barn (ett barn per anmälan)."))
        if self.report_date > _today(info):
            raise ValueError(_("Anmälans datum ligger i framtiden."))
        # Age on the report date (not today), so a stored report stays valid after the child turns 18.
        if birth_date(self.child.personnummer) > self.report_date:
            raise ValueError(_("Barnets personnummer anger ett födelsedatum efter anmälans datum."))
        if self.child.age_on(self.report_date) >= 18:
            raise ValueError(_("Personen är 18 år eller äldre: en orosanmälan gäller barn under 18 år."))
        if self.honour_context and self.guardians_informed:
            raise ValueError(
                _("Hederskontext: vårdnadshavare ska inte kontaktas, så ”informerade” kan inte anges.")
            )
        if self.protected_fingerprints:
            for field, text in self.texts():
                if contains_protected(text, self.protected_fingerprints):
                    label = _(_FIELD_LABELS.get(field, field))
                    raise ValueError(
                        _("Skyddad uppgift (adress eller identitet) i fältet '{field}': ta bort den.").format(
                            field=label
                        )
                    )
        return self

    def texts(self) -> Iterator[tuple[str, str]]:
        """(top-level field, text) for every string the report holds, fingerprints excluded."""
        for name in type(self).model_fields:
            if name == "protected_fingerprints":
                continue
            yield from ((name, s) for s in _strings(getattr(self, name)))

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON: the signature a final report is checked against."""
        return hashlib.sha256(canonical_json(self).encode("utf-8")).hexdigest()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if value:
            yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _strings(item)


def canonical_json(report: ConcernReport) -> str:
    return json.dumps(
        report.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def _one_line(err: ValidationError) -> str:
    first = err.errors(include_url=False, include_input=False)[0]
    if first["type"] == "value_error":
        ctx = first.get("ctx") or {}
        message = str(ctx.get("error", first["msg"]))
    else:
        where = ".".join(str(p) for p in first["loc"]) or "anmälan"
        message = _("Ogiltigt värde i fältet {field}: {problem}").format(field=where, problem=first["msg"])
    return " ".join(message.split())


def parse_report(data: Mapping[str, Any] | ConcernReport, *, today: date) -> ConcernReport:
    """Validate a report (dict or model) against all rules; raise UserInputError with one safe line."""
    raw = data.model_dump(mode="python") if isinstance(data, ConcernReport) else dict(data)
    try:
        return ConcernReport.model_validate(raw, context={"today": today})
    except ValidationError as err:
        raise UserInputError(_one_line(err)) from None


def merge_changes(report: ConcernReport, changes: Mapping[str, Any], *, today: date) -> ConcernReport:
    """Apply an editor's changes (nested dicts merge) and revalidate. Fingerprints cannot be edited."""
    if "protected_fingerprints" in changes:
        raise UserInputError(_("Skyddsuppgifterna i anmälan kan inte ändras i redigeringen."))
    base = report.model_dump(mode="python")
    return parse_report(_deep_merge(base, changes), today=today)


def _deep_merge(base: dict[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def finalise_problems(report: ConcernReport) -> list[tuple[str, str]]:
    """Everything that stops signing, in form order: (field key, message). Empty when the report is ready."""
    problems: list[tuple[str, str]] = []
    if not report.home_municipality_code:
        problems.append(("home_municipality_code", _("Välj barnets hemkommun innan anmälan slutförs.")))
    if report.interpreter_needed and not report.interpreter_language:
        problems.append(("interpreter_language", _("Ange vilket språk tolken behövs för.")))
    if report.reporter is None:
        problems.append(("reporter", _("Anmälaren saknas: ange namn, befattning, enhet och kontaktuppgift.")))
    if report.concern.source is None:
        problems.append(("source", _(
            "Ange hur anmälaren känner till det som beskrivs (själv sett, barnet eller någon annan har berättat)."
        )))
    if not report.concern.description.strip():
        problems.append(("description", _("Anmälan kan inte slutföras utan en beskrivning av oron.")))
    if (
        report.guardians_informed is False
        and not report.honour_context
        and not report.guardians_not_informed_reason
    ):
        problems.append(("guardians_not_informed_reason",
                         _("Ange varför vårdnadshavarna inte har informerats om anmälan.")))
    if report.child_informed is False and not report.child_not_informed_reason:
        problems.append(("child_not_informed_reason", _("Ange varför barnet inte har informerats om anmälan.")))
    return problems


def check_ready_to_finalise(report: ConcernReport) -> None:
    """The extra rules for signing: raise ValidationFailed listing every missing piece at once."""
    problems = finalise_problems(report)
    if len(problems) == 1:
        raise ValidationFailed(problems[0][1], [problems[0][1]])
    if problems:
        count = ngettext("{n} sak saknas", "{n} saker saknas", len(problems)).format(n=len(problems))
        raise ValidationFailed(_("Anmälan kan inte slutföras än: {missing}.").format(missing=count),
                               [message for _key, message in problems])
