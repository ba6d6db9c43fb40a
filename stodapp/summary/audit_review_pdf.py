"""The audit review as PDF bytes: anchor (head hash + count) first, then the four lists."""

from __future__ import annotations

from typing import Any

from stodapp.summary import audit_review_models as layout
from stodapp.summary.audit_review_models import AuditReviewReport, ReviewSection


def _events_table(section: ReviewSection, st: dict[str, Any], width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    from stodapp.pdf.base import escape

    cell = st["small"]
    data: list[list[Any]] = [[Paragraph(f"<b>{escape(h)}</b>", cell) for h in layout.table_header(section.with_note)]]
    for e in section.events:
        data.append([Paragraph(escape(x), cell) for x in layout.event_cells(e, section.with_note)])
    fractions = ([0.06, 0.16, 0.12, 0.11, 0.17, 0.12, 0.26] if section.with_note
                 else [0.07, 0.2, 0.17, 0.14, 0.24, 0.18])
    t = Table(data, colWidths=[width * f for f in fractions], repeatRows=1, hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.Color(0.8, 0.8, 0.8)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.94, 0.97)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return t


def render(report: AuditReviewReport) -> bytes:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    from stodapp.i18n import _
    from stodapp.pdf.base import build_pdf, escape, secrecy_header, styles

    st = styles()
    width = 174 * mm
    story: list[Any] = [Paragraph(escape(layout.title()), st["h1"]),
                        Paragraph(escape(layout.period_line(report)), st["body"]),
                        Paragraph(escape(layout.anchor_heading()), st["h2"]),
                        Paragraph(escape(layout.chain_line(report)), st["body"]),
                        Paragraph("<font name='Courier' size='9'>" + escape(report.chain_head) + "</font>", st["body"]),
                        Paragraph(escape(layout.anchor_advice()), st["small"])]
    for section in layout.sections(report):
        story.append(Paragraph(escape(section.heading), st["h2"]))
        if section.events:
            story.append(_events_table(section, st, width))
        else:
            story.append(Paragraph(escape(_("Inga händelser.")), st["body"]))
    return build_pdf(story, title=layout.title(), header=secrecy_header(), footer=_("Loggkontroll – stodapp"))
