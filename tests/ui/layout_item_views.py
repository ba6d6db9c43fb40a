"""The layout audit's item-view checks: header sections and visible cells whose text is cut and that carry no
tooltip. Used by tests.ui.layout_audit."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

MAX_ROWS = 40  # cells checked per item view (the visible ones are what counts)


def header_problems(header: QHeaderView) -> list[str]:
    model = header.model()
    if model is None or not header.isVisible():
        return []
    out = []
    fm = QFontMetrics(header.font())
    orientation = header.orientation()
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole) or "")
        if not text or orientation != Qt.Orientation.Horizontal:
            continue
        room = header.sectionSize(section) - 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            room -= header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        need = max(fm.horizontalAdvance(line) for line in text.split("\n"))
        if need > room + 1 and not model.headerData(section, orientation, Qt.ItemDataRole.ToolTipRole):
            out.append(f"header '{text[:40]}' cut ({need} > {room} px) without a tooltip")
    return out


def cell_problems(view: QAbstractItemView) -> list[str]:
    """Visible cells whose text is cut (elided or wrapped onto cut lines) and that carry no tooltip."""
    model = view.model()
    if model is None:
        return []
    out: list[str] = []
    fm = QFontMetrics(view.font())
    viewport = view.viewport().rect()
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:
        columns = 1
    margins = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    wrap = view.wordWrap() if isinstance(view, QTableView) else bool(getattr(view, "wordWrap", lambda: False)())
    for row in range(min(model.rowCount(QModelIndex()), MAX_ROWS)):
        for col in range(columns):
            index = model.index(row, col)
            rect = view.visualRect(index)
            if not rect.isValid() or not viewport.intersects(rect):
                continue
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text:
                continue
            if model.data(index, Qt.ItemDataRole.ToolTipRole):
                continue
            if view.indexWidget(index) is not None:
                continue
            room = rect.width() - margins
            icon = model.data(index, Qt.ItemDataRole.DecorationRole)
            if icon is not None:
                room -= view.iconSize().width() + 4
            if model.data(index, Qt.ItemDataRole.CheckStateRole) is not None:  # a check box is drawn
                room -= view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, view) + margins
            clipped = rect.right() > viewport.right() + 1 and not view.horizontalScrollBar().isVisible()
            if clipped:
                pass  # runs past the view's edge with no way to scroll there
            elif wrap:
                box = fm.boundingRect(QRect(0, 0, max(room, 1), 100000), int(Qt.TextFlag.TextWordWrap), text)
                if box.height() <= rect.height() + 1 and box.width() <= room + 1:
                    continue
            elif max(fm.horizontalAdvance(line) for line in text.split("\n")) <= room + 1:
                continue
            out.append(f"cell ({row},{col}) '{text[:40]}' cut in a {rect.width()}×{rect.height()} px cell "
                       "without a tooltip")
            if len(out) >= 3:
                return out
    return out
