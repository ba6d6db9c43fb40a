"""The audit review as PDF bytes: anchor (head hash + count) first, then the four lists."""

from __future__ import annotations

from typing import Any

from stodapp.i18n import _
from stodapp.summary.audit_review import AuditReviewReport, ReviewEvent


def _events_table(events: tuple[ReviewEvent, ...], st: dict[str, Any], width: float, with_note: bool) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    from stodapp.pdf.base import escape

    cell = st["small"]
    head = [_("Nr"), _("Tid (UTC)"), _("Användare"), _("Roll"), _("Händelse"), _("Post")]
    if with_note:
        head.append(_("Skäl / anmärkning"))
    data: list[list[Any]] = [[Paragraph(f"<b>{escape(h)}</b>", cell) for h in head]]
    for e in events:
        row = [
            str(e.id),
            e.at[:19].replace("T", " "),
            e.username,
            e.role,
            e.action,
            f"{e.record_type} {e.record_id}".strip(),
        ]
        if with_note:
            row.append(e.note)
        data.append([Paragraph(escape(x), cell) for x in row])
    fractions = [0.06, 0.16, 0.12, 0.11, 0.17, 0.12, 0.26] if with_note else [0.07, 0.2, 0.17, 0.14, 0.24, 0.18]
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

    from stodapp.pdf.base import build_pdf, escape, secrecy_header, styles

    st = styles()
    width = 174 * mm
    title = _("Loggkontroll")
    story: list[Any] = [Paragraph(escape(title), st["h1"])]
    story.append(
        Paragraph(
            escape(
                _("Period: {a} – {b}. Granskad av {who}, {when}.").format(
                    a=report.first_day, b=report.last_day, who=report.reviewer, when=report.produced_at
                )
            ),
            st["body"],
        )
    )
    story.append(Paragraph(escape(_("Förankring av granskningsloggen")), st["h2"]))
    status = (
        _("Kedjan är hel.")
        if report.chain_ok
        else _("Kedjan är BRUTEN vid händelse nr {n}.").format(n=report.first_bad_index)
    )
    story.append(Paragraph(escape(status + " " + _("Antal händelser: {n}.").format(n=report.chain_count)), st["body"]))
    story.append(Paragraph("<font name='Courier' size='9'>" + escape(report.chain_head) + "</font>", st["body"]))
    story.append(
        Paragraph(
            escape(
                _(
                    "Skriv av eller spara huvudsumman och antalet utanför datorn (t.ex. i protokollet). "
                    "Vid nästa kontroll ska loggen innehålla minst lika många händelser och denna summa "
                    "ska finnas i kedjan; annars har händelser tagits bort."
                )
            ),
            st["small"],
        )
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
        story.append(Paragraph(escape(heading), st["h2"]))
        if events:
            story.append(_events_table(events, st, width, with_note))
        else:
            story.append(Paragraph(escape(_("Inga händelser.")), st["body"]))
    return build_pdf(story, title=title, header=secrecy_header(), footer=_("Loggkontroll – stodapp"))
