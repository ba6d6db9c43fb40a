"""The report's own reportlab charts as PNG bytes for the in-app preview (via SVG and QtSvg; no PDF renderer).

Safe on a worker thread: it paints on a QImage only. PySide6-Essentials has no QtPdf, so the preview shows
the same published values and the same chart drawings natively instead of rasterising the PDF.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from stodapp.summary.charts import chart_for
from stodapp.summary.models import PublishedTable

#: Pixels per chart point: sharp enough on a 200 % screen and on paper.
SCALE = 2.0
_CLIP = re.compile(r"<clipPath.*?</clipPath>", re.S)
_PATH_STYLE = re.compile(r'(<path\b[^>]*\bstyle=")([^"]*)(")')


def _unfilled(match: re.Match[str]) -> str:
    """reportlab writes lines as closed paths without a fill; SVG's default fill is black, so say none."""
    style = match.group(2)
    return match.group(0) if "fill:" in style else f"{match.group(1)}fill: none; {style}{match.group(3)}"


def svg_to_png(svg: str, width: float, height: float, scale: float = SCALE) -> bytes:
    """Render an SVG document on a white image; reportlab's whole-drawing clip path is dropped (QtSvg would
    paint it as a black rectangle) and its unfilled lines are marked as such."""
    svg = _CLIP.sub("", svg).replace('style="clip-path: url(#clip)"', "")
    svg = _PATH_STYLE.sub(_unfilled, svg).replace("fill: None", "fill: none")  # QtSvg is case-sensitive
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    if not renderer.isValid():
        raise ValueError("chart SVG could not be read")
    image = QImage(max(1, int(width * scale)), max(1, int(height * scale)), QImage.Format.Format_ARGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes; runtime wants str
    buffer.close()
    return bytes(data.data())


def chart_png(table: PublishedTable) -> bytes | None:
    """The table's chart (exactly the drawing the PDF carries) as PNG, or None when the PDF has no chart."""
    drawing = chart_for(table)
    if drawing is None:
        return None
    from reportlab.graphics import renderSVG

    svg = renderSVG.drawToString(drawing)
    if isinstance(svg, bytes):
        svg = svg.decode("utf-8")
    return svg_to_png(svg, float(drawing.width), float(drawing.height))


def chart_pngs(tables: tuple[PublishedTable, ...]) -> dict[str, bytes]:
    """metric id -> PNG for every table that has a chart."""
    out: dict[str, bytes] = {}
    for table in tables:
        png = chart_png(table)
        if png is not None:
            out[table.metric_id] = png
    return out
