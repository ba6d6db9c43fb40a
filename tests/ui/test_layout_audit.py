"""The layout audit: every screen of the tour at 1280×720 and at 1920×1080 with scale factor 1.5, Swedish and
English, and planted faults that it must report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tests.ui.layout_audit import audit

ROOT = Path(__file__).resolve().parents[2]
LONG = "Försenade omprövningar och riskbedömningar som väntar"


def _window(qtbot: Any, *widgets: QWidget) -> QDialog:
    win = QDialog()
    win.setAccessibleName("Testfönster")
    qtbot.addWidget(win)
    lay = QVBoxLayout(win)
    for w in widgets:
        w.setParent(win)
        lay.addWidget(w)
    win.resize(400, 300)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_a_clipped_label_is_reported_and_an_elided_one_with_tooltip_is_not(qtbot: Any) -> None:
    clipped = QLabel(LONG)
    clipped.setFixedWidth(60)
    win = _window(qtbot, clipped)
    found = audit(win).problems
    assert any("QLabel" in p and "does not fit" in p for p in found), found
    clipped.setText(clipped.fontMetrics().elidedText(LONG, Qt.TextElideMode.ElideRight, 55))
    clipped.setToolTip(LONG)
    assert audit(win).problems == []


def test_a_wrapped_label_cut_in_height_a_cut_button_and_combo_are_reported(qtbot: Any) -> None:
    wrapped = QLabel(LONG * 4)
    wrapped.setWordWrap(True)
    wrapped.setFixedSize(120, 20)
    button = QPushButton("Spara säkerhetsplanen som PDF")
    button.setAccessibleName("Spara")
    button.setFixedWidth(50)
    combo = QComboBox()
    combo.setAccessibleName("Checklista")
    combo.addItems(["Kort", "Strukturerad bedömning av våld i nära relation (egen checklista)"])
    combo.setFixedWidth(90)
    win = _window(qtbot, wrapped, button, combo)
    found = "\n".join(audit(win).problems)
    assert "QLabel" in found and "QPushButton" in found and "QComboBox" in found, found


def test_text_cut_at_the_bottom_is_reported_even_with_a_tooltip(qtbot: Any) -> None:
    """Qt elides only sideways: a label or button too short for its lines shows half a line, tooltip or not."""
    two_lines = QLabel("Omprövas senast\n2027-01-15")
    two_lines.setToolTip("Omprövas senast 2027-01-15")
    line = two_lines.fontMetrics().height()
    two_lines.setFixedHeight(line + line // 2)  # room for one and a half lines
    button = QPushButton("Skriv ut…")
    button.setAccessibleName("Skriv ut")
    button.setToolTip("Skriv ut stödbladet")
    button.setFixedHeight(line // 2)
    check = QCheckBox("Stor text")
    check.setAccessibleName("Stor text")
    check.setFixedHeight(line // 2)
    win = _window(qtbot, two_lines, button, check)
    found = audit(win).problems
    cut = [p for p in found if "cut at the bottom" in p]
    assert any(p.startswith("QLabel 'Omprövas") for p in cut), found
    assert any(p.startswith("QPushButton") for p in cut) and any(p.startswith("QCheckBox") for p in cut), found
    # Wide enough in every case: the horizontal check alone would not have found these.
    assert not any("does not fit" in p for p in found), found
    two_lines.setFixedHeight(2 * line + 2)
    button.setFixedHeight(button.sizeHint().height())
    check.setFixedHeight(check.sizeHint().height())
    assert audit(win).problems == []


def test_cut_table_cells_and_headers_need_tooltips(qtbot: Any) -> None:
    table = QTableWidget(1, 2)
    table.setAccessibleName("Ärenden")
    table.setHorizontalHeaderLabels(["Ärendenummer och status", "Person"])
    table.setItem(0, 0, QTableWidgetItem("VNR-2026-000001"))
    table.setItem(0, 1, QTableWidgetItem("Testa Fiktivsson-Exempelberg med ett långt namn"))
    table.setColumnWidth(0, 40)
    table.setColumnWidth(1, 60)
    win = _window(qtbot, table)
    found = "\n".join(audit(win).problems)
    assert "cell (0,1)" in found and "header 'Ärendenummer" in found, found
    table.item(0, 1).setToolTip(table.item(0, 1).text())
    table.item(0, 0).setToolTip("VNR-2026-000001")
    table.horizontalHeaderItem(0).setToolTip("Ärendenummer och status")
    table.horizontalHeaderItem(1).setToolTip("Person")
    assert "cell" not in "\n".join(audit(win).problems)


def test_unnamed_focusable_outside_and_tab_order_against_reading_order(qtbot: Any) -> None:
    top = QLineEdit()
    top.setAccessibleName("Först")
    bottom = QLineEdit()  # no name
    row = QWidget()
    row_lay = QHBoxLayout(row)
    left, right = QPushButton("Vänster"), QPushButton("Höger")
    row_lay.addWidget(left)
    row_lay.addWidget(right)
    win = _window(qtbot, top, row, bottom)
    QWidget.setTabOrder(top, right)
    QWidget.setTabOrder(right, left)  # right before left in the same row
    QWidget.setTabOrder(left, bottom)
    found = "\n".join(audit(win).problems)
    assert "focusable without an accessible name" in found, found
    assert "tab goes back from QPushButton 'Höger'" in found, found
    QWidget.setTabOrder(top, left)
    QWidget.setTabOrder(left, right)
    QWidget.setTabOrder(right, bottom)
    bottom.setAccessibleName("Sist")
    assert audit(win).problems == []
    stray = QLabel("x", win)
    stray.setAccessibleName("utanför")
    stray.setGeometry(QRect(QPoint(380, 280), stray.sizeHint() * 3))
    stray.show()
    assert any("outside its window" in p for p in audit(win).problems)


def test_a_horizontal_scroll_bar_counts_in_a_main_area_only(qtbot: Any) -> None:
    table = QTableWidget(3, 8)
    table.setAccessibleName("Bred tabell")
    win = _window(qtbot, table)
    win.resize(200, 300)
    qtbot.wait(20)
    assert table.horizontalScrollBar().isVisible()
    assert any("horizontal scroll bar" in p for p in audit(win, main=True).problems)
    assert not any("horizontal scroll bar" in p for p in audit(win, main=False).problems)


def _audit_process(size: str, langs: str = "sv,en") -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    return subprocess.Popen([sys.executable, "-m", "tests.ui.layout_audit", size, langs], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _verdict(proc: subprocess.Popen[str], tag: str) -> dict[str, Any]:
    out, err = proc.communicate(timeout=300)
    lines = [line for line in out.splitlines() if line.startswith(tag + " ")]
    assert proc.returncode == 0 and lines, err[-3000:]
    return dict(json.loads(lines[-1][len(tag) + 1:]))


def test_every_screen_passes_the_layout_audit_at_both_sizes_in_both_languages() -> None:
    """Both sizes run at once, each in its own process (the scale factor is fixed when Qt starts)."""
    sizes = ("1280x720", "1920x1080@1.5")
    running = [_audit_process(size) for size in sizes]
    verdicts = [_verdict(proc, "AUDIT") for proc in running]
    problems: list[str] = []
    for verdict in verdicts:
        print(f"layout audit {verdict['size']}: {verdict['screens']} screens, {verdict['widgets']} widgets checked "
              f"in {verdict['seconds']} s")
        assert int(verdict["screens"]) >= 120 and int(verdict["widgets"]) >= 6000, verdict
        problems += verdict["problems"]
    assert problems == [], "\n".join(problems)


def test_the_main_window_fits_a_1366x768_screen_at_200_percent() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    proc = subprocess.Popen([sys.executable, "-m", "tests.ui.layout_audit", "fit", "1366x768@2"], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    fit = _verdict(proc, "FIT")
    screen, window, minimum = fit["screen"], fit["window"], fit["minimum"]
    assert screen == [683, 384]  # logical pixels of 1366×768 at 200 %
    assert window[0] <= screen[0] and window[1] <= screen[1], fit
    assert minimum[0] <= screen[0] and minimum[1] <= screen[1], fit
