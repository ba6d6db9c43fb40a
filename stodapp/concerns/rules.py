"""Which duty to report applies on a date and why (from resources/legal/report_duty.yaml), and reminders."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from stodapp.concerns.model import REPORTER_KIND_LABELS, ReporterKind
from stodapp.i18n import _
from stodapp.legal import LegalRule, applicable

MANDATORY_ID = "concern_duty_mandatory"
VOLUNTARY_ID = "concern_duty_voluntary"
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


def _mandatory_kinds(rule: LegalRule) -> set[str]:
    raw = rule.params.get("mandatory_kinds", "")
    return {k.strip() for k in str(raw).split(",") if k.strip()}


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
    mandatory = kind.value in _mandatory_kinds(mandatory_rule)
    rule = mandatory_rule if mandatory else applicable(VOLUNTARY_ID, on, folder)
    immediately = bool(rule.params.get("immediately", False))
    obligation = _("ska anmäla genast") if mandatory else _("bör anmäla")
    confirmed = bool(rule.params.get("provision_confirmed", True))
    kind_label = _(REPORTER_KIND_LABELS[kind])

    reasons = [
        _("Anmälningsdatum {on}: då gäller {statute} (från {start}).").format(
            on=on.isoformat(), statute=rule.statute, start=rule.valid_from.isoformat()
        ),
    ]
    if mandatory:
        reasons.append(
            _("Anmälaren ({kind}) omfattas av anmälningsskyldigheten i {citation} och {obligation}.").format(
                kind=kind_label, citation=rule.citation(), obligation=obligation
            )
        )
    else:
        reasons.append(
            _("Anmälaren ({kind}) är inte anmälningsskyldig men {obligation} enligt {citation}.").format(
                kind=kind_label, obligation=obligation, citation=rule.citation()
            )
        )
    if not confirmed:
        reasons.append(
            _(
                "Paragrafhänvisningen i {statute} är inte bekräftad: ska bekräftas av kommunens jurist."
            ).format(statute=rule.statute)
        )

    params = mandatory_rule.params
    principles: list[str] = []
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
        citation=rule.citation() if confirmed else f"{rule.statute} – {rule.provision}",
        mandatory=mandatory,
        immediately=immediately,
        obligation=obligation,
        provision_confirmed=confirmed,
        anonymous_allowed=bool(rule.params.get("anonymous_allowed", False)),
        rule_text=rule.text.current() if rule.text is not None else "",
        reasons=tuple(reasons),
        principles=tuple(principles),
        review_after_days=int(review) if isinstance(review, int) else DEFAULT_REVIEW_DAYS,
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
