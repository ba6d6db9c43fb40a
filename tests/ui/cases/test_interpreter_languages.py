"""The interpreter view: the screening questions in Swedish beside every client language, RTL where it should be."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from stodapp.cases.asking_models import SCREENING_ID
from stodapp.client_lang.catalog import load_catalog
from stodapp.client_lang.languages import LANGUAGES, NOT_REVIEWED, TRANSLATED
from ui.cases.interpreter_view import InterpreterView

QUESTION = "Har någon tagit stryptag på dig, tryckt över din hals eller mun eller på annat sätt hindrat dig från att andas?"


def _direction(view: InterpreterView, index: QModelIndex) -> Qt.LayoutDirection:
    option = QStyleOptionViewItem()
    view.other_delegate.initStyleOption(option, index)
    return option.direction  # type: ignore[no-any-return]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_screening_beside_each_language(qtbot, lang: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = InterpreterView()
    qtbot.addWidget(view)
    assert view.checklist.currentData() == SCREENING_ID
    index = view.lang.findData(lang)
    assert index >= 0, f"{lang} not offered"
    view.lang.setCurrentIndex(index)
    rows = {view.table.item(r, 0).text(): view.table.item(r, 1).text() for r in range(view.table.rowCount())}
    other = rows[QUESTION]
    if lang == "en":
        assert other and other != QUESTION and other != "–"
    else:
        assert other == load_catalog(lang).text(QUESTION) and other != QUESTION
    rtl = LANGUAGES[lang].rtl
    cell = view.table.model().index(0, 1)
    assert _direction(view, cell) == (Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    side = view.table.item(0, 1).textAlignment() & int(Qt.AlignmentFlag.AlignHorizontal_Mask)
    absolute = int(Qt.AlignmentFlag.AlignAbsolute)
    assert side == int(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft) | absolute
    assert view.other_title.layoutDirection() == (
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    if lang != "en":  # the English column is the checklist's own text; the client drafts say they are drafts
        assert NOT_REVIEWED in view.notice.text()
    if lang in ("ar", "ti") and os.environ.get("STODAPP_SHOTS"):
        view.resize(1000, 640)
        view.grab().save(str(tmp_path / f"interpreter_{lang}.png"))
