"""The layout audit: checks one shown window for text that does not fit (cut at the side without an elision
tooltip, or cut at the bottom, which nothing excuses), horizontal scrolling in a main area,
widgets outside their window, focusable widgets without an accessible name and a tab order against reading order.

`audit(window, main=...)` returns problems as one line each. Run as a module it tours every screen
(ui.dev.tour) on its own offscreen screen and prints a JSON verdict:
`python -m tests.ui.layout_audit 1920x1080@1.5` (a subprocess: the scale factor is fixed at start-up).
Text cut at the bottom is checked in tests.ui.layout_vertical_fit, table headers and cells in
tests.ui.layout_item_views.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field

from PySide6 import QtGui
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)

from tests.ui.layout_item_views import cell_problems, header_problems
from tests.ui.layout_vertical_fit import plain, rich_document, vertical_problem

TOLERANCE = 6  # logical pixels of slack for the geometry and reading-order checks


@dataclass
class Result:
    problems: list[str] = field(default_factory=list)
    widgets: int = 0

    def add(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")


def describe(w: QWidget) -> str:
    text = ""
    for getter in ("text", "currentText", "accessibleName", "placeholderText"):
        value = getattr(w, getter, None)
        if callable(value):
            try:
                text = str(value())
            except TypeError:
                continue
            if text:
                break
    name = w.objectName() if w.objectName() and not w.objectName().startswith("qt_") else ""
    parts = [type(w).__name__, f"#{name}" if name else "", f" '{text[:40]}'" if text else ""]
    return "".join(parts)


def _internal(w: QWidget) -> bool:
    """Qt's own parts of a composite widget (line edit of a spin box or combo, scroll bar of a list …)."""
    if w.objectName().startswith("qt_"):
        return True
    parent = w.parentWidget()
    return isinstance(parent, QAbstractSpinBox | QComboBox) or isinstance(w, QMenu)


def _scrolled(w: QWidget, top: QWidget) -> bool:
    """Inside a scroll area's viewport: being outside the visible part there is what scrolling is for."""
    parent = w.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return True
        parent = grand
    return False


def elided_with_tooltip(text: str, tooltip: str) -> bool:
    return bool(tooltip.strip())


# ---- text fit ------------------------------------------------------------------------------------------------
def _label_fits(label: QLabel) -> bool:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return True
    rect = label.contentsRect()
    indent = label.indent() if label.indent() > 0 else 0
    width = rect.width() - 2 * label.margin() - indent
    height = rect.height() - 2 * label.margin()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if rich:
        doc = rich_document(label, width)
        return doc.idealWidth() <= width + 1 and doc.size().height() <= height + 1
    fm = QFontMetrics(label.font())
    shown = plain(text) if label.buddy() is not None else text
    if label.wordWrap():
        box = fm.boundingRect(QRect(0, 0, max(width, 1), 100000),
                              int(Qt.TextFlag.TextWordWrap) | int(label.alignment()), shown)
        return box.height() <= height + 1 and box.width() <= width + 1
    lines = shown.split("\n")
    need_w = max(fm.horizontalAdvance(line) for line in lines)
    need_h = fm.height() * len(lines)
    return need_w <= width + 1 and need_h <= height + 1


def _button_fits(button: QAbstractButton) -> bool:
    text = plain(button.text())
    if not text:
        return True
    fm = QFontMetrics(button.font())
    need = max(fm.horizontalAdvance(line) for line in text.split("\n"))
    style = button.style()
    if isinstance(button, QCheckBox | QRadioButton):
        check = isinstance(button, QCheckBox)
        indicator = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth if check
                                      else QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, None, button)
        spacing = style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing if check
                                    else QStyle.PixelMetric.PM_RadioButtonLabelSpacing, None, button)
        room = button.width() - indicator - spacing
        if not button.icon().isNull():
            room -= button.iconSize().width() + 4
        return need <= room + 1
    room = button.contentsRect().width()
    if isinstance(button, QPushButton):
        margin = style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button)
        room -= margin + 2 * style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, button)
        if button.menu() is not None:
            room -= style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
    if not button.icon().isNull() and not (isinstance(button, QToolButton)
                                           and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextOnly):
        if not (isinstance(button, QToolButton)
                and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon):
            room -= button.iconSize().width() + 4
    return need <= room + 1


def _combo_room(combo: QComboBox) -> int:
    opt = QStyleOptionComboBox()  # not initStyleOption(): a protected call on a C++-created widget
    opt.rect = combo.rect()
    opt.editable = combo.isEditable()
    opt.frame = combo.hasFrame()
    opt.direction = combo.layoutDirection()
    opt.fontMetrics = combo.fontMetrics()
    edit = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo)
    room = edit.width()
    if not combo.itemIcon(combo.currentIndex()).isNull():
        room -= combo.iconSize().width() + 4
    return room


def _combo_problem(combo: QComboBox) -> str:
    if combo.isEditable():
        return ""
    fm = QFontMetrics(combo.font())
    room = _combo_room(combo)
    text = combo.currentText()
    if text and fm.horizontalAdvance(text) > room + 1 and text not in combo.toolTip():
        return f"shows '{text[:40]}' cut ({fm.horizontalAdvance(text)} > {room} px) without a tooltip"
    for i in range(combo.count()):
        item = combo.itemText(i)
        if fm.horizontalAdvance(item) > room + 1 and not combo.itemData(i, Qt.ItemDataRole.ToolTipRole):
            return f"item '{item[:40]}' does not fit ({fm.horizontalAdvance(item)} > {room} px) and has no tooltip"
    return ""


def text_problem(w: QWidget) -> str:
    cut = vertical_problem(w)
    if cut:
        return cut
    if isinstance(w, QLabel) and not _label_fits(w) and not elided_with_tooltip(w.text(), w.toolTip()):
        return f"text does not fit {w.contentsRect().width()}×{w.contentsRect().height()} px and has no tooltip"
    if isinstance(w, QAbstractButton) and not isinstance(w, QTabBar) and not _button_fits(w) \
            and not elided_with_tooltip(w.text(), w.toolTip()):
        return f"button text does not fit {w.width()} px and has no tooltip"
    if isinstance(w, QComboBox):
        return _combo_problem(w)
    if isinstance(w, QLineEdit) and not w.text() and w.placeholderText() and not w.toolTip():
        fm = QFontMetrics(w.font())
        room = w.contentsRect().width() - 2 * 2 - w.textMargins().left() - w.textMargins().right()
        if fm.horizontalAdvance(w.placeholderText()) > room + 1:
            return (f"placeholder '{w.placeholderText()[:40]}' cut ({fm.horizontalAdvance(w.placeholderText())} > "
                    f"{room} px) without a tooltip")
    return ""


# ---- the other checks ------------------------------------------------------------------------------------------
def accessible_name(w: QWidget) -> str:
    if w.accessibleName():
        return w.accessibleName()
    iface = QAccessible.queryAccessibleInterface(w)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


def focus_chain(top: QWidget) -> list[QWidget]:
    """The widgets Tab visits, in order, found by moving the focus as Tab does (focusNextPrevChild).

    Not by walking nextInFocusChain(): PySide 6.12 keeps the wrappers that call returns tied to each other, and
    once Qt deletes one of those widgets an unrelated live widget's wrapper is invalidated."""
    top.activateWindow()
    top.setFocus()
    chain: list[QWidget] = []
    seen: set[int] = set()
    for _step in range(400):
        if not top.focusNextPrevChild(True):
            break
        w = QApplication.focusWidget() or top.focusWidget()
        if w is None or id(w) in seen:
            break
        seen.add(id(w))
        if not _internal(w):
            chain.append(w)
    return chain


def layout_pos(w: QWidget, top: QWidget) -> QPoint:
    """Where `w` sits in `top` with every scroll area at its start (moving the focus scrolls them)."""
    point = QPoint(0, 0)
    current: QWidget | None = w
    while current is not None and current is not top:
        parent = current.parentWidget()
        in_viewport = parent is not None and isinstance(parent.parentWidget(), QAbstractScrollArea) \
            and parent.parentWidget().viewport() is parent
        if not in_viewport:
            point += current.pos()
        current = parent
    return point


def reading_order_problems(chain: list[QWidget], top: QWidget) -> list[str]:
    """Tab must not go back against reading order: up and to the left, or left within the same row.

    The chain is a ring: exactly one step goes back, from the last widget to the first in reading order
    (top-most, then left-most); every other step back is reported. A container and its own content (a scroll
    area and the fields in it) are not compared."""
    if len(chain) < 2:
        return []
    pos = {id(w): layout_pos(w, top) for w in chain}
    first = min(chain, key=lambda w: (pos[id(w)].y() // (2 * TOLERANCE), pos[id(w)].x()))
    out = []
    for a, b in zip(chain, chain[1:] + chain[:1], strict=True):
        if b is first or a.isAncestorOf(b) or b.isAncestorOf(a):
            continue
        pa, pb = pos[id(a)], pos[id(b)]
        same_row = abs(pa.y() - pb.y()) <= TOLERANCE or (
            pb.y() < pa.y() + a.height() - TOLERANCE and pa.y() < pb.y() + b.height() - TOLERANCE)
        back_left = pb.x() < pa.x() - TOLERANCE
        if back_left and (same_row or pb.y() < pa.y() - TOLERANCE):
            out.append(f"tab goes back from {describe(a)} at ({pa.x()},{pa.y()}) to {describe(b)} "
                       f"at ({pb.x()},{pb.y()})")
    return out


def audit(top: QWidget, *, main: bool = False, screen: QRect | None = None) -> Result:
    """Check `top` (a shown window). `main`: it is the main window (horizontal scroll bars are problems)."""
    result = Result()
    win_rect = top.rect()
    if screen is not None:
        frame = top.geometry()  # not frameGeometry(): the offscreen plugin invents frame margins
        if frame.width() > screen.width() or frame.height() > screen.height():
            result.add(describe(top), f"window {frame.width()}×{frame.height()} does not fit the screen "
                                      f"{screen.width()}×{screen.height()}")
    for w in [top, *top.findChildren(QWidget)]:
        if not w.isVisible() or w.window() is not top:
            continue
        result.widgets += 1
        where = describe(w)
        if w is not top and not _scrolled(w, top):
            rect = QRect(w.mapTo(top, QPoint(0, 0)), w.size())
            grown = win_rect.adjusted(-1, -1, 1, 1)
            if not grown.contains(rect) and w.width() > 0 and w.height() > 0:
                result.add(where, f"outside its window: {rect.x()},{rect.y()} {rect.width()}×{rect.height()} "
                                  f"in {win_rect.width()}×{win_rect.height()}")
        if _internal(w):
            continue
        problem = text_problem(w)
        if problem:
            result.add(where, problem)
        if isinstance(w, QHeaderView):
            for line in header_problems(w):
                result.add(f"{where} of {describe(w.parentWidget())}", line)
        elif isinstance(w, QAbstractItemView):
            for line in cell_problems(w):
                result.add(where, line)
        if main and isinstance(w, QAbstractScrollArea) and w.horizontalScrollBar().isVisible():
            result.add(where, "horizontal scroll bar in a main area")
        if (w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled() and w.focusProxy() is None
                and not isinstance(w, QHeaderView) and not accessible_name(w).strip()):
            result.add(where, "focusable without an accessible name")
    for line in reading_order_problems(focus_chain(top), top):
        result.add(describe(top), line)
    return result


# ---- the whole tour in this process ----------------------------------------------------------------------------
def run(size_text: str, langs: tuple[str, ...], only: tuple[str, ...] = ()) -> dict[str, object]:
    from ui.dev.screen_env import configure, parse_size

    size = parse_size(size_text)
    assert size is not None, size_text
    config = configure(size)
    started = time.perf_counter()
    app = QApplication(sys.argv[:1])
    from ui import wheel_guard
    from ui.dev.tour_run import run_tour
    from ui.style import apply_font_hinting

    apply_font_hinting(app)
    wheel_guard.install(app)
    from ui import gc_guard

    gc_guard.install(app)  # as the app: no collection in a worker thread
    problems: list[str] = []
    counts = {"screens": 0, "widgets": 0}

    def visit(name: str, window: QWidget) -> None:
        from ui.main_window import MainWindow

        screen = (window.screen() or app.primaryScreen()).availableGeometry()
        result = audit(window, main=isinstance(window, MainWindow), screen=screen)
        counts["screens"] += 1
        counts["widgets"] += result.widgets
        problems.extend(f"{size.tag} {name}: {p}" for p in result.problems)

    try:
        run_tour(app, visit, langs, (lambda part: part in only) if only else None)
    finally:
        config.unlink(missing_ok=True)
    return {"size": size.tag, "problems": problems, **counts, "seconds": round(time.perf_counter() - started, 1)}


def fit_run(size_text: str) -> dict[str, object]:
    """Open the main window the way the app does (no remembered size) on a screen of `size_text`."""
    from ui.dev.screen_env import configure, parse_size

    size = parse_size(size_text)
    assert size is not None, size_text
    config = configure(size)
    try:
        import tempfile
        from pathlib import Path

        from PySide6.QtCore import QSettings

        app = QApplication(sys.argv[:1])
        from stodapp.core import Core
        from stodapp.demo import DEMO_USERS
        from stodapp.roles import Role
        from ui.dev.tour import SECRET, make_demo_store, settle
        from ui.gate import StoreGate
        from ui.main import Shell

        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "data"
            make_demo_store(data)
            prefs = QSettings(str(Path(tmp) / "p.ini"), QSettings.Format.IniFormat)
            shell = Shell(app, StoreGate(data), prefs)
            shell.open_main(Core.unlock(data, DEMO_USERS[Role.CASEWORKER], SECRET))
            win = shell.main_window
            out: dict[str, object] = {"screen": [], "window": [], "minimum": []}
            for area in ("cases", "checklists", "concerns", "referrals"):
                win.show_area(area)
                settle(60)
                avail = win.screen().availableGeometry()
                out["screen"] = [avail.width(), avail.height()]
                hint = win.minimumSizeHint()
                for key, w, h in (("window", win.width(), win.height()), ("minimum", hint.width(), hint.height())):
                    old = out[key] or [0, 0]
                    out[key] = [max(old[0], w), max(old[1], h)]
            win.close()
        return out
    finally:
        config.unlink(missing_ok=True)


if __name__ == "__main__" and sys.argv[1] == "fit":
    print("FIT " + json.dumps(fit_run(sys.argv[2])), flush=True)
elif __name__ == "__main__":
    langs = tuple(sys.argv[2].split(",")) if len(sys.argv) > 2 else ("sv", "en")
    parts = tuple(sys.argv[3].split(",")) if len(sys.argv) > 3 else ()
    verdict = run(sys.argv[1], langs, parts)
    print("AUDIT " + json.dumps(verdict, ensure_ascii=False), flush=True)
