"""Period presets, chart images, the preview HTML from published values, logo checks, the picker."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from PIL import Image
from PySide6.QtGui import QImage

from stodapp.errors import UserInputError
from stodapp.summary.models import PublishedTable, SummaryReport
from ui.summary.chart_images import chart_png, chart_pngs
from ui.summary.period_picker import MonthPeriodPicker, preset_months
from ui.summary.preview import ReportPreview
from ui.summary.report_html import summary_html
from ui.summary.summary_panel import check_logo


@pytest.mark.parametrize(
    ("code", "today", "expected"),
    [
        ("last_month", date(2026, 1, 10), ("2025-12", "2025-12")),
        ("this_month", date(2026, 3, 31), ("2026-03", "2026-03")),
        ("last_quarter", date(2026, 2, 15), ("2025-10", "2025-12")),
        ("last_quarter", date(2026, 6, 30), ("2026-01", "2026-03")),
        ("this_quarter", date(2026, 8, 1), ("2026-07", "2026-08")),
        ("last_year", date(2026, 11, 22), ("2025-01", "2025-12")),
        ("this_year", date(2026, 1, 5), ("2026-01", "2026-01")),
    ],
)
def test_presets(code: str, today: date, expected: tuple[str, str]) -> None:
    assert preset_months(code, today) == expected


def test_unknown_preset_is_an_error() -> None:
    with pytest.raises(ValueError):
        preset_months("fortnight", date(2026, 1, 1))


def test_picker_preset_then_hand_edit_shows_custom(qtbot: Any) -> None:
    picker = MonthPeriodPicker(lambda: date(2026, 5, 20))
    qtbot.addWidget(picker)
    assert (picker.first(), picker.last()) == ("2026-04", "2026-04")
    picker.preset.setCurrentIndex(picker.preset.findData("last_quarter"))
    assert (picker.first(), picker.last()) == ("2026-01", "2026-03")
    with qtbot.waitSignal(picker.sig_changed):
        picker.first_edit.setDate(picker.first_edit.date().addMonths(-1))
    assert picker.preset.currentData() == "custom" and picker.first() == "2025-12"


def table(values: list[Any], *, chart: str = "bar", threshold: int = 5) -> PublishedTable:
    labels = [f"R{i}" for i in range(len(values))]
    return PublishedTable(
        metric_id="demo_metric", title="Provtabell", definition="Definition av provtabellen.", counts="ärenden",
        dims=("sex",), dim_labels=("Kön",), row_codes=tuple(labels), rows=tuple(labels),
        cells=tuple((v,) for v in values), total="<5" if any(isinstance(v, str) for v in values) else sum(values),
        threshold=threshold, chart=chart,
    )


def test_chart_png_is_a_real_white_chart_with_bars(qapp: Any) -> None:
    png = chart_png(table([12, 30, "<5", 0]))
    assert png is not None and png.startswith(b"\x89PNG")
    img = Image.open(io.BytesIO(png)).convert("RGB")
    assert img.size[0] > 800 and img.getpixel((2, 2)) == (255, 255, 255)  # no black clip rectangle
    colours = {tuple(c) for _n, c in img.getcolors(maxcolors=1_000_000) or [] if isinstance(c, tuple)}
    bar = (41, 92, 140)  # BAR_COLOUR (0.16, 0.36, 0.55)
    assert any(all(abs(a - b) <= 2 for a, b in zip(c, bar, strict=True)) for c in colours)


def test_no_chart_when_all_zero_or_none(qapp: Any) -> None:
    assert chart_png(table([0, 0])) is None
    assert chart_png(table([3 * 5, 20], chart="none")) is None
    assert set(chart_pngs((table([10, 20]), table([0, 0])))) == {"demo_metric"}


def report(tables: tuple[PublishedTable, ...]) -> SummaryReport:
    return SummaryReport(municipality="Fiktiva <kommun>", period_first="2026-01", period_last="2026-03",
                         produced_month="2026-04", threshold=5, child_threshold=10, language="sv", tables=tables)


def test_preview_html_shows_published_values_and_escapes(qtbot: Any) -> None:
    t = table([12, "<5", 0, 1234])
    html = summary_html(report((t,)), {"demo_metric": chart_png(t) or b""}, logo=False)
    assert "Fiktiva &lt;kommun&gt;" in html and "<kommun>" not in html
    preview = ReportPreview("test")
    qtbot.addWidget(preview)
    preview.set_content(html, {"chart-demo_metric": chart_png(t) or b""})
    text = preview.text().replace("\u202f", " ")
    assert "Provtabell" in text and "<5" in text and "1 234" in text and "2026-01 – 2026-03" in text
    assert "Om metoden" in text and '"<5"' in text  # the method note names the threshold
    assert preview.document().resource(3, "img:chart-demo_metric") is not None


def test_unavailable_table_says_so_instead_of_zero(qtbot: Any) -> None:
    t = table([0]).model_copy(update={"available": False})
    preview = ReportPreview("test")
    qtbot.addWidget(preview)
    preview.set_content(summary_html(report((t,)), {}), {})
    assert "registreras ännu inte" in preview.text()


def test_logo_checks(qapp: Any) -> None:
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")  # type: ignore[call-overload]
    png = bytes(data.data())
    assert check_logo(png) == png
    with pytest.raises(UserInputError, match="PNG- eller JPEG"):
        check_logo(b"GIF89a....")
    with pytest.raises(UserInputError, match="PNG- eller JPEG"):
        check_logo(b"\x89PNG\r\n\x1a\n" + b"broken")
    with pytest.raises(UserInputError, match="för stor"):
        check_logo(b"\x89PNG\r\n\x1a\n" + b"\0" * (2 * 1024 * 1024 + 1))


def test_trend_line_is_not_filled_black(qapp: Any) -> None:
    png = chart_png(table([10, 50, 10, 50, 30], chart="line"))
    assert png is not None
    img = Image.open(io.BytesIO(png)).convert("L")
    histogram = img.histogram()  # 256 grey levels
    dark = sum(histogram[:60])
    assert dark / (img.size[0] * img.size[1]) < 0.05  # axes and labels only, no filled polygon
