"""HTML for the in-app preview and printout of an audit review: the same layout as the PDF
(stodapp.summary.audit_review_models), the anchor first, then the four lists."""

from __future__ import annotations

from html import escape

from stodapp.i18n import _
from stodapp.summary import audit_review_models as layout
from stodapp.summary.audit_review_models import AuditReviewReport, ReviewSection, chain_status
from ui.summary.report_html import CSS

__all__ = ["audit_html", "chain_status", "events_html"]


def events_html(section: ReviewSection) -> str:
    if not section.events:
        return f"<p>{escape(_('Inga händelser.'))}</p>"
    rows = ["<tr>" + "".join(f"<th>{escape(h)}</th>" for h in layout.table_header(section.with_note)) + "</tr>"]
    for e in section.events:
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in layout.event_cells(e, section.with_note))
                    + "</tr>")
    return "<table class='data' cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>"


def audit_html(report: AuditReviewReport) -> str:
    parts = [f"<html><head><style>{CSS}</style></head><body>", f"<h1>{escape(layout.title())}</h1>",
             f"<p>{escape(layout.period_line(report))}</p>", f"<h2>{escape(layout.anchor_heading())}</h2>",
             f"<p>{escape(layout.chain_line(report))}</p>", f"<p><tt>{escape(report.chain_head)}</tt></p>",
             f"<p class='small'>{escape(layout.anchor_advice())}</p>"]
    for section in layout.sections(report):
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        parts.append(events_html(section))
    parts.append("</body></html>")
    return "".join(parts)
