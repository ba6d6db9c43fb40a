"""The supervisor summary as PDF bytes: logo, municipality, period, method note, charts and tables.

Input is a SummaryReport (published values only); this module never sees a database or a case.
"""

from __future__ import annotations

import io
from typing import Any

from stodapp.errors import UserInputError
from stodapp.i18n import _
from stodapp.summary.charts import chart_for
from stodapp.summary.models import Published, PublishedTable, SummaryReport

MAX_LOGO_BYTES = 2 * 1024 * 1024


def method_note(report: SummaryReport) -> list[str]:
    """The method note printed in the report (also used by the preview)."""
    return [
        _(
            "Sammanställningen bygger på registreringar i stodapp och visar bara antal, aldrig "
            "uppgifter om enskilda. Tider anges som månad eller kvartal; inga namn, personnummer, "
            "adresser eller fritext ingår."
        ),
        _(
            'Små tal döljs: antal mellan 1 och {t_minus} visas som "<{t}". Tabeller om barn har ett '
            'strängare gränsvärde: 1–{c_minus} visas som "<{c}". Noll visas alltid som 0.'
        ).format(
            t=report.threshold,
            t_minus=report.threshold - 1,
            c=report.child_threshold,
            c_minus=report.child_threshold - 1,
        ),
        _(
            "För att ett dolt tal inte ska kunna räknas fram ur summor och andra tabeller döljs vid "
            "behov även ytterligare celler och summor (sekundär röjandekontroll). Ett dolt värde kan "
            "därför vara större än gränsvärdet. Tabeller över samma poster skyddas tillsammans."
        ),
        _(
            "Definitionen av varje mått står under rubriken. Mått som ännu inte registreras i "
            "databasen anges som saknade, inte som noll."
        ),
    ]


def _logo(logo: bytes | None) -> Any | None:
    if not logo:
        return None
    if len(logo) > MAX_LOGO_BYTES:
        raise UserInputError(_("Logotypen är för stor (högst 2 MiB)."))
    if not logo.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        raise UserInputError(_("Logotypen måste vara en PNG- eller JPEG-bild."))
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    try:
        w, h = ImageReader(io.BytesIO(logo)).getSize()
    except Exception:  # noqa: BLE001 - any decoder failure is the same user error
        raise UserInputError(_("Logotypen kan inte läsas som bild.")) from None
    height = 16 * mm
    return Image(io.BytesIO(logo), width=height * w / max(1, h), height=height)


def _fmt(v: Published) -> str:
    return f"{v:,}".replace(",", "\u202f") if isinstance(v, int) else v


def _table_flowable(table: PublishedTable, st: dict[str, Any], width: float) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Table, TableStyle

    from stodapp.pdf.base import escape

    total_label = _("Totalt")
    many = len(table.cols) > 6
    cell = ParagraphStyle("sumcell", parent=st["cell"], fontSize=7.5 if many else 8.5, leading=9.5 if many else 11)

    def p(text: str, bold: bool = False) -> Any:
        return Paragraph(f"<b>{escape(text)}</b>" if bold else escape(text), cell)

    if len(table.dims) == 2:
        header = [p(f"{table.dim_labels[0]} / {table.dim_labels[1]}", True)] + [p(c, True) for c in table.cols]
        header.append(p(total_label, True))
        data = [header]
        for label, row, rt in zip(table.rows, table.cells, table.row_totals, strict=True):
            data.append([p(label)] + [_fmt(v) for v in row] + [_fmt(rt)])
        data.append([p(total_label, True)] + [_fmt(v) for v in table.col_totals] + [_fmt(table.total)])
        first = 30.0 * 2.83
        rest = (width - first) / (len(table.cols) + 1)
        widths = [first] + [rest] * (len(table.cols) + 1)
    elif len(table.dims) == 1:
        data = [[p(table.dim_labels[0], True), p(table.counts.capitalize(), True)]]
        data += [[p(label), _fmt(row[0])] for label, row in zip(table.rows, table.cells, strict=True)]
        data.append([p(total_label, True), _fmt(table.total)])
        widths = [width * 0.55, width * 0.2]
    else:
        data = [[p(table.counts.capitalize(), True), _fmt(table.total)]]
        widths = [width * 0.55, width * 0.2]
    t = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5 if many else 8.5),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.Color(0.3, 0.3, 0.3)),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.Color(0.8, 0.8, 0.8)),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if table.dims:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.92, 0.94, 0.97)))
        style.append(("BACKGROUND", (0, -1), (-1, -1), colors.Color(0.95, 0.95, 0.95)))
    t.setStyle(TableStyle(style))
    return t


def render(report: SummaryReport, logo: bytes | None = None) -> bytes:
    """The report PDF as bytes (nothing is written to disk)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

    from stodapp.pdf.base import build_pdf, escape, styles

    st = styles()
    width = 174 * mm
    logo_img = _logo(logo)
    title = _("Sammanställning för uppföljning")
    head: list[Any] = [
        Paragraph(escape(title), st["h1"]),
        Paragraph(escape(report.municipality or _("Kommun ej angiven")), st["h2"]),
    ]
    if logo_img is not None:
        story: list[Any] = [
            Table(
                [[head, logo_img]],
                colWidths=[width - 50 * mm, 50 * mm],
                style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (1, 0), (1, 0), "RIGHT")],
            )
        ]
    else:
        story = list(head)
    period = (
        report.period_first
        if report.period_first == report.period_last
        else f"{report.period_first} – {report.period_last}"
    )
    story.append(
        Paragraph(
            escape(_("Period: {period}. Framtagen: {month}.").format(period=period, month=report.produced_month)),
            st["body"],
        )
    )
    story.append(Paragraph(escape(_("Om metoden")), st["h3"]))
    story += [Paragraph(escape(line), st["small"]) for line in method_note(report)]
    for table in report.tables:
        block: list[Any] = [
            Paragraph(escape(table.title), st["h2"]),
            Paragraph(escape(table.definition), st["small"]),
        ]
        if not table.available:
            block.append(Paragraph(escape(_("Uppgifterna registreras ännu inte i denna databas.")), st["body"]))
            story.append(KeepTogether(block))
            continue
        if table.children:
            block.append(
                Paragraph(escape(_("Tabellen rör barn: gränsvärde {t}.").format(t=table.threshold)), st["small"])
            )
        chart = chart_for(table)
        if chart is not None:
            block.append(chart)
        block += [Spacer(1, 3), _table_flowable(table, st, width)]
        story.append(KeepTogether(block))
    footer = _("Avidentifierad sammanställning – små tal dolda")
    return build_pdf(story, title=title, header=None, footer=footer)
