"""Safe input: wheel events never change an unfocused combo/spin/date field; Enter runs what a confirmation names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QScrollArea,
    QWidget,
)

from tests.ui.checklists.test_runner import fill_visible
from tests.ui.concerns.conftest import make_case
from tests.ui.dialog_keys import press_on_next_dialog
from tests.ui.helpers import settled
from ui import wheel_guard

Value = tuple[str, object]


def guarded_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget)
            if isinstance(w, QComboBox | QAbstractSpinBox) and w.isVisibleTo(root) and w.isEnabled()]


def value_of(w: QWidget) -> Value:
    if isinstance(w, QComboBox):
        return (w.objectName(), (w.currentIndex(), w.currentText()))
    if isinstance(w, QDateTimeEdit):
        return (w.objectName(), w.dateTime().toString(Qt.DateFormat.ISODate))
    assert isinstance(w, QAbstractSpinBox)
    return (w.objectName(), w.text())


def wheel(w: QWidget, steps: int) -> None:
    centre = QPointF(w.width() / 2, w.height() / 2)
    event = QWheelEvent(centre, QPointF(w.mapToGlobal(QPoint(int(centre.x()), int(centre.y())))),
                        QPoint(0, 0), QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(w, event)


def assert_wheel_changes_nothing(root: QWidget) -> int:
    widgets = guarded_widgets(root)
    assert widgets
    QApplication.focusWidget() and QApplication.focusWidget().clearFocus()  # type: ignore[func-returns-value]
    before = [value_of(w) for w in widgets]
    for w in widgets:
        assert not w.hasFocus()
        wheel(w, -2)
        wheel(w, 1)
    assert [value_of(w) for w in widgets] == before
    return len(widgets)


@pytest.fixture
def guard(qapp: Any) -> Any:
    installed = wheel_guard.install(qapp)
    yield installed
    qapp.removeEventFilter(installed)
    installed.setObjectName("")
    installed.deleteLater()


def test_wheel_over_concern_form_and_checklists_changes_nothing(qtbot: Any, open_core: Any, guard: Any) -> None:
    from ui.checklists.runner import ChecklistRunner
    from ui.concerns.area import area

    anna = open_core("anna")
    case_id = make_case(anna)
    panel = area().factory(anna, None)
    qtbot.addWidget(panel)
    panel.resize(1280, 720)
    panel.show()
    settled(qtbot, panel)  # the concerns page reads its screen on the background helper
    panel.case_combo.setCurrentIndex(panel.case_combo.findData(case_id))
    settled(qtbot, panel)
    panel.new_report()
    settled(qtbot, panel)  # the new draft is read on the background helper
    form = panel.editor.form
    form.municipality.set_code("0180")
    checked = assert_wheel_changes_nothing(panel)
    assert form.municipality.code() == "0180"
    scroll = next(a for a in panel.findChildren(QScrollArea) if a.widget() is form)
    bar = scroll.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(0)
    wheel(form.municipality, -3)  # the page scrolls instead
    assert bar.value() > 0

    checklists = anna.checklists
    for entry in checklists.list_definitions().definitions:
        if entry.audience != "case":
            continue
        runner = ChecklistRunner(checklists, checklists.start(entry.definition_id, case_id))
        qtbot.addWidget(runner)
        runner.resize(1280, 720)
        runner.show()
        fill_visible(runner)  # answered values must survive a scroll too
        checked += assert_wheel_changes_nothing(runner)
    assert checked > 20

    # the events are real: without the guard the same wheel changes an unfocused combo
    QApplication.instance().removeEventFilter(guard)
    before = form.urgency.currentIndex()
    wheel(form.urgency, -1)
    assert form.urgency.currentIndex() != before


def test_enter_on_every_confirmation_runs_the_action(qtbot: Any, open_core: Any, guard: Any, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from stodapp.checklists.record import sign_problems
    from ui.admin.content_packs_panel import _ask as ask_import
    from ui.checklists.runner import ChecklistRunner
    from ui.concerns.area import area
    from ui.concerns.editor import CONCERN_WARNING
    from ui.summary.output_panel import REPORT_WARNING
    from ui.widgets.paper_actions import PaperActions

    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []
    paper = PaperActions(lambda: None, lambda: "x.pdf", what="anmälan", warning=CONCERN_WARNING, parent=parent)
    confirm_export = paper.confirm_save
    report = PaperActions(lambda: None, lambda: "x.pdf", what="rapporten", warning=REPORT_WARNING, parent=parent)
    for ask in (lambda: ask_import(parent, "Importera?"), confirm_export, report.confirm_save):
        press_on_next_dialog(seen=seen)
        assert ask() is True
    assert seen == ["Importera paketet", "Välj plats och spara", "Välj plats och spara"]
    press_on_next_dialog(Qt.Key.Key_Escape)
    assert confirm_export() is False

    # signing: Enter on "Signera" signs (the confirmation comes only once nothing is missing)
    anna = open_core("anna")
    case_id = make_case(anna)
    definition_id = next(d.definition_id for d in anna.checklists.list_definitions().definitions
                         if d.audience == "case")
    runner = ChecklistRunner(anna.checklists, anna.checklists.start(definition_id, case_id))
    qtbot.addWidget(runner)
    runner.show()
    fill_visible(runner)
    for jb in runner.judgements.values():
        if jb.value() is None:
            jb.value_combo.setCurrentIndex(1)
    runner.save()
    assert sign_problems(runner.view.record) == []
    seen.clear()
    press_on_next_dialog(seen=seen)
    assert runner.sign()
    assert seen == ["Signera"] and anna.checklists.get(runner.view.id).status == "signed"

    # the concern PDF: Enter on the warning goes on to the save dialog and writes the file
    panel = area().factory(anna, None)
    qtbot.addWidget(panel)
    panel.show()
    settled(qtbot, panel)
    panel.case_combo.setCurrentIndex(panel.case_combo.findData(case_id))
    settled(qtbot, panel)
    panel.new_report()
    settled(qtbot, panel)  # the new draft is read on the background helper
    target = tmp_path / "anmalan.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    press_on_next_dialog()
    panel.editor.export_pdf()
    qtbot.waitUntil(target.exists, timeout=15000)
    assert target.read_bytes().startswith(b"%PDF")
