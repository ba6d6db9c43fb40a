"""Charts for the summary PDF (reportlab graphics): bars and a trend line, drawn from published values only.

A suppressed value ("<t": fewer than t, not published) is drawn as a pale hatched band from 0 up to t with its
mark above it, and a legend says what the band means, so 1-4 cases never read as none, and a chart never shows
more than the table beside it.
"""

from __future__ import annotations

from typing import Any

from stodapp.summary.models import Published, PublishedTable

BAR_COLOUR = (0.16, 0.36, 0.55)
LINE_COLOUR = (0.55, 0.18, 0.30)


def _series(table: PublishedTable) -> tuple[list[str], list[Published]]:
    """The values a chart shows: 1-D cells, or the row totals of a 2-D table (its first dimension)."""
    if len(table.dims) == 1:
        return list(table.rows), [row[0] for row in table.cells]
    if len(table.dims) == 2:
        return list(table.rows), list(table.row_totals)
    return [], []


def _num(v: Published) -> float | None:
    return float(v) if isinstance(v, int) else None


def chart_for(table: PublishedTable, width: float = 460, height: float = 150) -> Any | None:
    """A Drawing for the table, or None when there is nothing to draw (no data, all zero or plain count)."""
    labels, values = _series(table)
    if not labels or not table.available or table.chart == "none":
        return None
    if all(v == 0 for v in values):
        return None
    if table.chart == "line" and any(_num(v) is not None for v in values):
        return _line(labels, values, width, height)
    # Every point suppressed: a line without a point is no line (reportlab refuses to draw it), so the bands
    # and their marks stand as bars would.
    return _bars(labels, values, width, height)


def _axis_max(values: list[Published]) -> float:
    """Room above the largest value, and above a suppressed band and its mark."""
    nums = [x for v in values if (x := _num(v)) is not None]
    bands = [t * 1.4 for v in values if isinstance(v, str) and (t := _threshold(v)) is not None]
    return max(5.0, max(nums, default=0.0) * 1.15, max(bands, default=0.0))


def _bars(labels: list[str], values: list[Published], width: float, height: float) -> Any:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    from stodapp.pdf.base import FONT, register_fonts

    register_fonts()
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 38, width - 60, height - 50
    chart.data = [[_num(v) or 0.0 for v in values]]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _axis_max(values)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = [lbl[:26] for lbl in labels]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 30 if len(labels) > 5 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 5 else "n"
    chart.bars[0].fillColor = colors.Color(*BAR_COLOUR)
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda v: ""  # values are in the table; only marks for hidden ones below
    d.add(chart)
    _mark_suppressed(d, chart, values, width, height)
    return d


def _line(labels: list[str], values: list[Published], width: float, height: float) -> Any:
    from reportlab.graphics.charts.linecharts import HorizontalLineChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.graphics.widgets.markers import makeMarker
    from reportlab.lib import colors

    from stodapp.pdf.base import FONT, register_fonts

    register_fonts()
    d = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 40, 38, width - 60, height - 50
    chart.data = [[_num(v) for v in values]]  # None = gap: suppressed points are not drawn
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _axis_max(values)
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.angle = 30 if len(labels) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(labels) > 6 else "n"
    chart.lines[0].strokeColor = colors.Color(*LINE_COLOUR)
    chart.lines[0].strokeWidth = 1.6
    chart.lines[0].symbol = makeMarker("FilledCircle", size=3.5)
    d.add(chart)
    _mark_suppressed(d, chart, values, width, height)
    return d


def _threshold(mark: str) -> float | None:
    """5.0 for "<5"; None for a mark that states no bound (e.g. a dash for "not available")."""
    digits = mark.strip().lstrip("<").strip()
    return float(digits) if digits.isdigit() else None


def _mark_suppressed(d: Any, chart: Any, values: list[Published], width: float, height: float) -> None:
    """A hatched band 0..t with the "<t" mark over each suppressed slot, and one legend line when any exists."""
    from reportlab.graphics.shapes import Line, Rect, String
    from reportlab.lib import colors

    from stodapp.i18n import _
    from stodapp.pdf.base import FONT

    grey = colors.Color(0.45, 0.45, 0.45)
    band = colors.Color(0.86, 0.86, 0.86)
    step = chart.width / max(1, len(values))
    top = float(chart.valueAxis.valueMax)
    shown: list[str] = []
    for k, v in enumerate(values):
        if not isinstance(v, str):
            continue
        t = _threshold(v)
        x0 = chart.x + step * k + step * 0.2
        w = step * 0.6
        h = chart.height * min(t, top) / top if t else 0.0
        if h > 0:
            d.add(Rect(x0, chart.y, w, h, fillColor=band, strokeColor=grey, strokeWidth=0.4,
                       strokeDashArray=[1.5, 1.5]))
            c = -h + 3.0
            while c < w:  # 45-degree hatching, each stroke clipped to the band
                sx, sy = (x0 + c, chart.y) if c >= 0 else (x0, chart.y - c)
                run = min(x0 + w - sx, chart.y + h - sy)
                d.add(Line(sx, sy, sx + run, sy + run, strokeColor=grey, strokeWidth=0.3))
                c += 3.5
        d.add(String(chart.x + step * (k + 0.5), chart.y + h + 2, v, fontName=FONT, fontSize=7,
                     textAnchor="middle", fillColor=grey))
        if v not in shown:
            shown.append(v)
    if shown:
        legend = _("Streckat fält = färre än {n}: antalet redovisas inte (för att ingen ska kunna identifieras).")
        bound = ", ".join(m.lstrip("<").strip() for m in shown)
        d.add(String(width - 4, height - 9, legend.format(n=bound), fontName=FONT, fontSize=6.5, textAnchor="end",
                     fillColor=grey))
