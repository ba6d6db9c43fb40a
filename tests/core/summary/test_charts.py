"""Charts: a suppressed month is a hatched band up to the threshold with its mark, never a bar at 0."""

from __future__ import annotations

import pytest
from reportlab.graphics.shapes import Rect, String

from stodapp.summary.charts import chart_for
from stodapp.summary.models import PublishedTable


def _table(values: tuple[int | str, ...], chart: str) -> PublishedTable:
    months = tuple(f"2026-{m:02d}" for m in range(1, len(values) + 1))
    return PublishedTable(
        metric_id="m1", title="Ärenden", definition="", counts="ärenden", dims=("month",), dim_labels=("Månad",),
        row_codes=months, rows=months, cells=tuple((v,) for v in values), total=0, threshold=5, chart=chart,
    )


def _walk(node: object) -> list[object]:
    out = [node]
    for child in getattr(node, "contents", []):
        out.extend(_walk(child))
    return out


def _bands(drawing: object) -> list[Rect]:
    return [n for n in _walk(drawing) if isinstance(n, Rect) and n.strokeDashArray]


@pytest.mark.parametrize("kind", ["bar", "line"])
def test_suppressed_months_are_bands_up_to_the_threshold_with_a_legend(kind: str) -> None:
    d = chart_for(_table((12, "<5", 0, 30), kind))
    assert d is not None
    bands = _bands(d)
    assert len(bands) == 1  # one suppressed month, one band; the true zero gets none
    strings = [n.text for n in _walk(d) if isinstance(n, String)]
    assert "<5" in strings
    assert any("färre än 5" in s for s in strings)
    axis_max = 30 * 1.15
    plot_height = 150 - 50
    assert bands[0].height == pytest.approx(plot_height * 5 / axis_max)  # as tall as "up to 5", not 0


def test_no_band_and_no_legend_without_suppression() -> None:
    d = chart_for(_table((12, 7, 0, 30), "bar"))
    assert d is not None
    assert _bands(d) == []
    assert not any("färre än" in n.text for n in _walk(d) if isinstance(n, String))


def test_a_trend_with_every_month_suppressed_still_draws() -> None:
    """A small unit's trend can be all "<5": no line to draw, so the bands and marks alone, in the PDF and the
    preview's SVG (reportlab refused a line of no points, so the whole report failed)."""
    from reportlab.graphics import renderPDF, renderSVG

    d = chart_for(_table(("<5", "<5"), "line"))
    assert d is not None and len(_bands(d)) == 2
    assert renderPDF.drawToString(d).startswith(b"%PDF") and "<svg" in renderSVG.drawToString(d)
