"""The report as plain text for the review step (what the PDF will say, in reading order)."""

from __future__ import annotations

from stodapp import municipalities
from stodapp.concerns.model import REPORTER_KIND_LABELS, SOURCE_LABELS, URGENCY_LABELS, ConcernReport
from stodapp.concerns.rules import DutyExplanation
from stodapp.errors import StodError
from stodapp.i18n import _


def _yes_no(value: bool | None) -> str:
    return _("Ja") if value else (_("Nej") if value is False else _("Ej angivet"))


def _municipality(code: str) -> str:
    try:
        return municipalities.by_code(code).label() if code else _("ej vald")
    except StodError:
        return code


def summary_text(report: ConcernReport, duty: DutyExplanation | None = None) -> str:
    lines: list[str] = []

    def add(label: str, value: str) -> None:
        lines.append(f"{label}: {value or '–'}")

    add(_("Anmälans datum"), report.report_date.isoformat())
    add(_("Brådska"), _(URGENCY_LABELS[report.urgency]))
    if duty is not None:
        add(_("Regel"), f"{duty.citation} – {duty.obligation}")
    lines.append("")
    lines.append(_("BARNET"))
    child = report.child
    if child is not None:
        add(_("Namn"), child.name)
        add(_("Personnummer"), child.personnummer)
        add(_("Adress"), _("skyddad – anges inte") if child.protected_identity else child.address)
        if child.has_disability:
            lines.append(_("Barnet har en funktionsnedsättning."))
    add(_("Hemkommun"), _municipality(report.home_municipality_code))
    add(_("Tolk behövs"), _yes_no(report.interpreter_needed)
        + (f" ({report.interpreter_language})" if report.interpreter_language else ""))
    lines.append("")
    lines.append(_("VÅRDNADSHAVARE"))
    for g in report.guardians:
        contact = _("skyddad identitet – kontaktuppgifter anges inte") if g.protected_identity else (
            ", ".join(x for x in (g.phone, g.address) if x) or "–")
        lives = _("bor med barnet") if g.lives_with_child else _("bor inte med barnet")
        lines.append(f"- {g.name} ({g.relation}), {lives}; {contact}")
    if not report.guardians:
        lines.append("–")
    lines.append("")
    lines.append(_("ANMÄLAREN"))
    rep = report.reporter
    if rep is not None:
        add(_("Namn"), f"{rep.name}, {rep.title}")
        add(_("Verksamhet"), _(REPORTER_KIND_LABELS[rep.kind]))
        add(_("Enhet"), rep.unit)
        add(_("Kontakt"), ", ".join(x for x in (rep.phone, rep.email) if x))
    else:
        lines.append(_("Anmälaren saknas."))
    lines.append("")
    lines.append(_("ORON"))
    c = report.concern
    add(_("Vad har iakttagits eller berättats"), c.description)
    add(_("När"), c.observed_on.isoformat() if c.observed_on else _("okänt"))
    add(_("Av vem"), c.observed_by)
    add(_("Källa"), _(SOURCE_LABELS[c.source]) if c.source is not None else _("Ej angivet"))
    add(_("Hur länge"), c.concern_since)
    add(_("Barnets egna ord"), c.child_own_words)
    lines.append("")
    if report.honour_context:
        lines.append(_("Hederskontext: vårdnadshavare ska inte kontaktas eller informeras."))
    else:
        add(_("Vårdnadshavare informerade"), _yes_no(report.guardians_informed))
        if report.guardians_informed is False:
            add(_("Varför inte"), report.guardians_not_informed_reason)
    add(_("Barnet informerat"), _yes_no(report.child_informed))
    if report.child_informed is False:
        add(_("Varför inte"), report.child_not_informed_reason)
    add(_("Polisanmälan gjord"), _yes_no(report.police_report_made))
    if report.police_report_note:
        add(_("Kommentar"), report.police_report_note)
    add(_("Önskar återkoppling"), _yes_no(report.feedback_wanted))
    return "\n".join(lines)
