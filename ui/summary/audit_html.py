"""HTML for the in-app preview and printout of an audit review: the anchor first, then the four lists."""

from __future__ import annotations

from html import escape

from stodapp.i18n import _
from stodapp.summary.audit_review import AuditReviewReport, ReviewEvent
from ui.summary.report_html import CSS


def chain_status(report: AuditReviewReport) -> str:
    return (
        _("Kedjan är hel.")
        if report.chain_ok
        else _("Kedjan är BRUTEN vid händelse nr {n}.").format(n=report.first_bad_index)
    )


def events_html(events: tuple[ReviewEvent, ...], with_note: bool) -> str:
    if not events:
        return f"<p>{escape(_('Inga händelser.'))}</p>"
    head = [_("Nr"), _("Tid (UTC)"), _("Användare"), _("Roll"), _("Händelse"), _("Post")]
    if with_note:
        head.append(_("Skäl / anmärkning"))
    rows = ["<tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>"]
    for e in events:
        cells = [str(e.id), e.at[:19].replace("T", " "), e.username, e.role, e.action,
                 f"{e.record_type} {e.record_id}".strip()]
        if with_note:
            cells.append(e.note)
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    return "<table class='data' cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>"


def audit_html(report: AuditReviewReport) -> str:
    parts = [f"<html><head><style>{CSS}</style></head><body>", f"<h1>{escape(_('Loggkontroll'))}</h1>"]
    parts.append(
        "<p>"
        + escape(
            _("Period: {a} – {b}. Granskad av {who}, {when}.").format(
                a=report.first_day, b=report.last_day, who=report.reviewer, when=report.produced_at
            )
        )
        + "</p>"
    )
    parts.append(f"<h2>{escape(_('Förankring av granskningsloggen'))}</h2>")
    parts.append(
        f"<p>{escape(chain_status(report) + ' ' + _('Antal händelser: {n}.').format(n=report.chain_count))}</p>"
    )
    parts.append(f"<p><tt>{escape(report.chain_head)}</tt></p>")
    parts.append(
        "<p class='small'>"
        + escape(
            _(
                "Skriv av eller spara huvudsumman och antalet utanför datorn (t.ex. i protokollet). "
                "Vid nästa kontroll ska loggen innehålla minst lika många händelser och denna summa "
                "ska finnas i kedjan; annars har händelser tagits bort."
            )
        )
        + "</p>"
    )
    sections = [
        (_("Öppnat med nödåtkomst (bryt glaset), med skäl"), report.break_glass, True),
        (_("Åtkomst till personer med skyddad identitet"), report.protected, False),
        (_("Åtkomst utanför egen ärendelista"), report.outside_caseload, False),
        (
            _("Slumpmässigt stickprov av händelser ({n} av {total})").format(
                n=len(report.sample), total=report.events_in_period
            ),
            report.sample,
            False,
        ),
    ]
    for heading, events, with_note in sections:
        parts.append(f"<h2>{escape(heading)}</h2>")
        parts.append(events_html(events, with_note))
    parts.append("</body></html>")
    return "".join(parts)
