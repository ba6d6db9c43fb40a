"""Which duty to report applies on a date and why (from resources/legal/report_duty.yaml), and reminders."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from stodapp.concerns.model import REPORTER_KIND_LABELS, ReporterKind
from stodapp.i18n import _
from stodapp.legal import LegalRule, applicable, proposals

MANDATORY_ID = "concern_duty_mandatory"
VOLUNTARY_ID = "concern_duty_voluntary"
FAMILY_COUNSELLING_ID = "concern_duty_family_counselling"
PERSONAL_ID = "concern_duty_personal"
INFO_DUTY_ID = "concern_info_duty"
WIDENING_ID = "concern_duty_widening"
DEFAULT_REVIEW_DAYS = 30


class DutyExplanation(BaseModel):
    """What the editor shows under "Vilken regel gäller och varför"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    on: date
    statute: str  # "SoL (2001:453)" / "SoL (2025:400)"
    rule_set_from: date
    citation: str
    mandatory: bool
    immediately: bool
    obligation: str  # "ska anmäla genast" / "bör anmäla"
    provision_confirmed: bool
    anonymous_allowed: bool
    rule_text: str
    reasons: tuple[str, ...]
    principles: tuple[str, ...]
    review_after_days: int
    verified: bool = False  # the rule's content was checked against a named public source
    source: str = ""
    info_duty: bool = False  # must also hand over information on request (uppgiftsskyldighet)
    proposals: tuple[str, ...] = ()  # what a bill proposed for this reporter: shown, never applied


def _kinds(rule: LegalRule, key: str = "mandatory_kinds") -> set[str]:
    raw = rule.params.get(key, "")
    return {k.strip() for k in str(raw).split(",") if k.strip()}


def _mandatory_kinds(rule: LegalRule) -> set[str]:
    return _kinds(rule)


def _optional(rule_id: str, on: date, folder: Path | None) -> LegalRule | None:
    from stodapp.errors import NotFound

    try:
        return applicable(rule_id, on, folder)
    except NotFound:
        return None


def _proposal_notes(kind: ReporterKind, on: date, folder: Path | None) -> tuple[str, ...]:
    """What a stored proposal says about this reporter kind, worded as a proposal (never as the law)."""
    out: list[str] = []
    for p in proposals(WIDENING_ID, folder):
        if kind.value in _kinds(p, "proposed_kinds") and on >= p.valid_from:
            out.append(
                _(
                    "Förslag, inte kontrollerat mot lagtexten: {statute} ({provision}) föreslår att även denna "
                    "grupp ska vara anmälningsskyldig. Det tillämpas inte som lag här. Anmäl ändå om du är orolig "
                    "och fråga kommunens jurist vad som gäller."
                ).format(statute=p.statute, provision=p.provision_shown())
            )
    return tuple(out)


def rule_set_for(on: date, folder: Path | None = None) -> str:
    """The statute in force on `on` for the duty to report (the rule set switches on 2025-07-01)."""
    return applicable(MANDATORY_ID, on, folder).statute


def explain_duty(
    kind: ReporterKind,
    on: date,
    municipality_label: str = "",
    folder: Path | None = None,
) -> DutyExplanation:
    """Which duty applies to a reporter of `kind` on `on`, with the reasons and the principles to follow."""
    mandatory_rule = applicable(MANDATORY_ID, on, folder)
    limited = (
        _optional(FAMILY_COUNSELLING_ID, on, folder)
        if kind.value in _kinds(mandatory_rule, "limited_kinds")
        else None
    )
    mandatory = kind.value in _mandatory_kinds(mandatory_rule) or limited is not None
    if limited is not None:
        rule = limited
    else:
        rule = mandatory_rule if mandatory else applicable(VOLUNTARY_ID, on, folder)
    info_duty = kind.value in _kinds(mandatory_rule, "info_duty_kinds")
    immediately = bool(rule.params.get("immediately", False))
    obligation = _("ska anmäla genast") if mandatory else _("bör anmäla")
    confirmed = bool(rule.params.get("provision_confirmed", True))
    # An unconfirmed provision is a description ("the provision corresponding to …"): the act's name goes first.
    cited = rule.citation() if confirmed else f"{rule.statute} – {rule.provision_shown()}"
    kind_label = _(REPORTER_KIND_LABELS[kind])

    reasons = [
        _("Anmälningsdatum {on}: då gäller {statute} (från {start}).").format(
            on=on.isoformat(), statute=rule.statute, start=rule.valid_from.isoformat()
        ),
    ]
    if mandatory:
        reasons.append(
            _("Anmälaren ({kind}) omfattas av anmälningsskyldigheten i {citation} och {obligation}.").format(
                kind=kind_label, citation=cited, obligation=obligation
            )
        )
    else:
        reasons.append(
            _("Anmälaren ({kind}) är inte anmälningsskyldig men {obligation} enligt {citation}.").format(
                kind=kind_label, obligation=obligation, citation=cited
            )
        )
    if limited is not None:
        reasons.append(
            _(
                "Familjerådgivningens skyldighet är snävare: den gäller vid kännedom om att ett barn utsätts för "
                "sexuella övergrepp eller fysisk eller psykisk misshandel i hemmet."
            )
        )
    if not rule.verified:
        reasons.append(
            _("Regelns innehåll är inte kontrollerat mot lagtexten ({source}).").format(source=rule.source)
        )
    if not confirmed:
        reasons.append(
            _(
                "Paragrafhänvisningen i {statute} är inte bekräftad: ska bekräftas av kommunens jurist."
            ).format(statute=rule.statute)
        )

    params = mandatory_rule.params
    principles: list[str] = []
    if mandatory:
        personal = _optional(PERSONAL_ID, on, folder)
        if personal is not None:
            principles.append(
                _("Skyldigheten är personlig: en rutin om att chefen anmäler tar inte bort din egen skyldighet.")
            )
        if info_duty and _optional(INFO_DUTY_ID, on, folder) is not None:
            principles.append(
                _(
                    "Uppgiftsskyldighet: på begäran ska du lämna socialnämnden uppgifter som kan ha betydelse för "
                    "utredningen, även om någon annan har anmält."
                )
            )
    if params.get("no_proof_required"):
        principles.append(_("Inga bevis behövs: misstanke eller oro räcker för att anmäla."))
    if params.get("report_to_home_municipality"):
        target = municipality_label or _("barnets hemkommun")
        principles.append(
            _("Anmälan görs till socialtjänsten i barnets hemkommun: {target}.").format(target=target)
        )
    if params.get("new_report_if_concern_remains"):
        principles.append(_("Finns oron kvar efter anmälan ska en ny anmälan göras."))
    if params.get("new_report_if_child_moves"):
        principles.append(_("Flyttar barnet till en annan kommun görs anmälan till den nya kommunen."))
    if not bool(rule.params.get("anonymous_allowed", False)):
        principles.append(
            _("Anmälan görs med namn och kontaktuppgifter; anmälningsskyldiga kan inte vara anonyma.")
        )
    review = params.get("review_after_days", DEFAULT_REVIEW_DAYS)
    return DutyExplanation(
        on=on,
        statute=rule.statute,
        rule_set_from=rule.valid_from,
        citation=cited,
        mandatory=mandatory,
        immediately=immediately,
        obligation=obligation,
        provision_confirmed=confirmed,
        anonymous_allowed=bool(rule.params.get("anonymous_allowed", False)),
        rule_text=rule.text.current() if rule.text is not None else "",
        reasons=tuple(reasons),
        principles=tuple(principles),
        review_after_days=int(review) if isinstance(review, int) else DEFAULT_REVIEW_DAYS,
        verified=rule.verified,
        source=rule.source,
        info_duty=mandatory and info_duty,
        proposals=() if mandatory else _proposal_notes(kind, on, folder),
    )


class Reminder(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str  # "not_sent" | "concern_remains" | "child_moved"
    due_on: date
    text: str


def reminders(
    *,
    status: str,
    today: date,
    finalised_on: date | None = None,
    sent_on: date | None = None,
    sent_to_code: str = "",
    outcome: str | None = None,
    current_home_code: str = "",
    review_after_days: int = DEFAULT_REVIEW_DAYS,
) -> tuple[Reminder, ...]:
    """Reminders: send it now; consider a new report when the concern remains; the child moved."""
    out: list[Reminder] = []
    if status == "final" and finalised_on is not None and today > finalised_on:
        out.append(
            Reminder(
                kind="not_sent",
                due_on=finalised_on,
                text=_("Anmälan är slutförd men inte skickad: anmälan ska göras genast."),
            )
        )
    sent_states = {"sent", "acknowledged", "feedback_received", "outcome_recorded"}
    if status in sent_states and sent_on is not None:
        due = sent_on + timedelta(days=review_after_days)
        if today >= due and outcome in (None, "no_investigation", "unknown"):
            out.append(
                Reminder(
                    kind="concern_remains",
                    due_on=due,
                    text=_("Finns oron för barnet kvar? Gör då en ny anmälan (kvarstående oro anmäls igen)."),
                )
            )
        if current_home_code and sent_to_code and current_home_code != sent_to_code:
            out.append(
                Reminder(
                    kind="child_moved",
                    due_on=today,
                    text=_("Barnet har en annan hemkommun än anmälan skickades till: gör en ny anmälan dit."),
                )
            )
    return tuple(out)
