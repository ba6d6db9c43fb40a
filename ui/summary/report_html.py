"""HTML for the in-app preview and the printout of a summary: the PDF's content, from published values only.

Images are referenced as `img:<name>` and added to the QTextDocument as resources by ReportPreview.
"""

from __future__ import annotations

from html import escape

from stodapp.i18n import _
from stodapp.summary.models import Published, PublishedTable, SummaryReport
from stodapp.summary.report_pdf import method_note

CSS = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #111; }
h1 { font-size: 16pt; margin-bottom: 2px; }
h2 { font-size: 12.5pt; margin-top: 14px; margin-bottom: 2px; }
h3 { font-size: 10.5pt; margin-top: 8px; margin-bottom: 2px; }
p.small { font-size: 8.5pt; color: #333; margin-top: 1px; margin-bottom: 3px; }
table.data { border-collapse: collapse; }
table.data td, table.data th { border: 1px solid #bbb; padding: 2px 4px; font-size: 8.5pt; }
table.data th { background-color: #ebeff7; font-weight: bold; }
td.num, th.num { text-align: right; white-space: nowrap; }
tr.total td { background-color: #f2f2f2; font-weight: bold; }
"""


def fmt(value: Published) -> str:
    """A published value as printed: thin-space thousands, or the suppression mark unchanged."""
    return f"{value:,}".replace(",", "\u202f") if isinstance(value, int) else value


def period_label(first: str, last: str) -> str:
    return first if first == last else f"{first} – {last}"


def table_html(table: PublishedTable) -> str:
    total = escape(_("Totalt"))
    rows: list[str] = []
    if len(table.dims) == 2:
        head = "".join(f"<th class='num'>{escape(c)}</th>" for c in table.cols)
        rows.append(
            f"<tr><th>{escape(table.dim_labels[0])} / {escape(table.dim_labels[1])}</th>{head}"
            f"<th class='num'>{total}</th></tr>"
        )
        for label, row, row_total in zip(table.rows, table.cells, table.row_totals, strict=True):
            cells = "".join(f"<td class='num'>{escape(fmt(v))}</td>" for v in row)
            rows.append(f"<tr><td>{escape(label)}</td>{cells}<td class='num'>{escape(fmt(row_total))}</td></tr>")
        margins = "".join(f"<td class='num'>{escape(fmt(v))}</td>" for v in table.col_totals)
        rows.append(
            f"<tr class='total'><td>{total}</td>{margins}<td class='num'>{escape(fmt(table.total))}</td></tr>"
        )
    elif len(table.dims) == 1:
        rows.append(
            f"<tr><th>{escape(table.dim_labels[0])}</th><th class='num'>{escape(table.counts.capitalize())}</th></tr>"
        )
        for label, row in zip(table.rows, table.cells, strict=True):
            rows.append(f"<tr><td>{escape(label)}</td><td class='num'>{escape(fmt(row[0]))}</td></tr>")
        rows.append(f"<tr class='total'><td>{total}</td><td class='num'>{escape(fmt(table.total))}</td></tr>")
    else:
        rows.append(
            f"<tr><td>{escape(table.counts.capitalize())}</td><td class='num'>{escape(fmt(table.total))}</td></tr>"
        )
    return "<table class='data' cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>"


def summary_html(report: SummaryReport, charts: dict[str, bytes], *, logo: bool = False,
                 chart_width: int = 460) -> str:
    """The whole report; `charts` maps metric ids to images added as `img:chart-<id>`, `logo` as `img:logo`."""
    parts = [f"<html><head><style>{CSS}</style></head><body>"]
    title = escape(_("Sammanställning för uppföljning"))
    municipality = escape(report.municipality or _("Kommun ej angiven"))
    if logo:
        parts.append(
            "<table width='100%'><tr>"
            f"<td><h1>{title}</h1><h2>{municipality}</h2></td>"
            "<td align='right' valign='top'><img src='img:logo' height='60'></td></tr></table>"
        )
    else:
        parts.append(f"<h1>{title}</h1><h2>{municipality}</h2>")
    parts.append(
        "<p>"
        + escape(
            _("Period: {period}. Framtagen: {month}.").format(
                period=period_label(report.period_first, report.period_last), month=report.produced_month
            )
        )
        + "</p>"
    )
    parts.append(f"<h3>{escape(_('Om metoden'))}</h3>")
    parts += [f"<p class='small'>{escape(line)}</p>" for line in method_note(report)]
    for table in report.tables:
        parts.append(f"<h2>{escape(table.title)}</h2><p class='small'>{escape(table.definition)}</p>")
        if not table.available:
            parts.append(f"<p>{escape(_('Uppgifterna registreras ännu inte i denna databas.'))}</p>")
            continue
        if table.children:
            parts.append(
                f"<p class='small'>{escape(_('Tabellen rör barn: gränsvärde {t}.').format(t=table.threshold))}</p>"
            )
        if table.metric_id in charts:
            alt = escape(_("Diagram: {title}").format(title=table.title))
            parts.append(f"<p><img src='img:chart-{escape(table.metric_id)}' width='{chart_width}' alt='{alt}'></p>")
        parts.append(table_html(table))
    parts.append(f"<p class='small'>{escape(_('Avidentifierad sammanställning – små tal dolda'))}</p>")
    parts.append("</body></html>")
    return "".join(parts)
