"""The layout audit's vertical fit: Qt never elides in height, so text cut at the bottom of a label or a button
(too short for its lines) is a fault even with a tooltip. Used by tests.ui.layout_audit."""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QTabBar,
    QToolButton,
    QWidget,
)


def plain(text: str) -> str:
    """Text as a label with a buddy or a button shows it: "&" mnemonics dropped, "&&" shown as "&"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def rich_document(label: QLabel, width: int) -> QTextDocument:
    """The label's rich text laid out as Qt lays it out: its font, no margin, wrapped at `width` if it wraps."""
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label.text())
    if label.wordWrap():
        doc.setTextWidth(max(width, 1))
    return doc


def _label_text_height(label: QLabel, width: int) -> int:
    """Height the label's text needs at `width` (its wrapped lines, or its explicit lines when it does not wrap)."""
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text))
    if rich:
        return int(rich_document(label, width).size().height() + 0.5)
    fm = QFontMetrics(label.font())
    shown = plain(text) if label.buddy() is not None else text
    if label.wordWrap():
        return fm.boundingRect(QRect(0, 0, max(width, 1), 100000),
                               int(Qt.TextFlag.TextWordWrap) | int(label.alignment()), shown).height()
    return fm.height() * len(shown.split("\n"))


def _label_cut_below(label: QLabel) -> str:
    if not label.text() or label.pixmap() is not None and not label.pixmap().isNull():
        return ""
    rect = label.contentsRect()
    indent = label.indent() if label.indent() > 0 else 0
    need = _label_text_height(label, rect.width() - 2 * label.margin() - indent)
    room = rect.height() - 2 * label.margin()
    if need > room + 1:
        return f"text cut at the bottom: needs {need} px in height, has {room} px"
    return ""


def _button_cut_below(button: QAbstractButton) -> str:
    text = plain(button.text())
    if not text:
        return ""
    fm = QFontMetrics(button.font())
    need = fm.height() * len(text.split("\n"))
    if isinstance(button, QCheckBox | QRadioButton):
        room = button.height()
    else:
        room = button.contentsRect().height()
        if isinstance(button, QPushButton) and not button.isFlat():
            room -= 2 * button.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, button)
        if isinstance(button, QToolButton) \
                and button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextUnderIcon \
                and not button.icon().isNull():
            room -= button.iconSize().height()
    if need > room + 1:
        return f"button text cut at the bottom: needs {need} px in height, has {room} px"
    return ""


def vertical_problem(w: QWidget) -> str:
    """Text cut at the bottom of a label or button (too short for its lines): no tooltip excuses it."""
    if isinstance(w, QLabel):
        return _label_cut_below(w)
    if isinstance(w, QAbstractButton) and not isinstance(w, QTabBar):
        return _button_cut_below(w)
    return ""
