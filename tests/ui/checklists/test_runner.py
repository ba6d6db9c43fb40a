"""pytest-qt: the generic runner driven through every shipped checklist, keyboard use, names, the area page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from stodapp.checklists.loader import load_folder
from stodapp.checklists.schema import CondItem, NumberItem, TextItem
from stodapp.paths import checklist_dir
from tests.ui.helpers import settled
from tests.ui.paper.drive import print_through, same_pages, save_through
from ui.checklists.answer_input import AnswerInput
from ui.checklists.checklist_page import ChecklistPage
from ui.checklists.item_row import ItemRow
from ui.checklists.repeat_group_box import RepeatGroupBox
from ui.checklists.runner import ChecklistRunner

PASS = "en lång och hemlig fras för test"
SHIPPED = {e.definition.id: e.definition for e in load_folder(checklist_dir()).loaded}
CASE_LISTS = sorted(d for d, x in SHIPPED.items() if x.audience == "case")
ORG_LISTS = sorted(d for d, x in SHIPPED.items() if x.audience == "organisation")


@pytest.fixture(scope="module")
def cores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    from stodapp.auth import Role
    from stodapp.cases.service import CaseService
    from stodapp.core import Core
    from stodapp.store.keyslots import KdfParams

    data = tmp_path_factory.mktemp("checklist-ui") / "data"
    admin, _key = Core.initialize(data, "admin", PASS, kdf=KdfParams.for_tests())
    admin.users.add("anna", Role.CASEWORKER, PASS)
    admin.users.add("sara", Role.SUPERVISOR, PASS)
    admin.close()
    anna, sara = Core.unlock(data, "anna", PASS), Core.unlock(data, "sara", PASS)
    case_id = int(CaseService(anna.ctx).create_case("Fiktiv enhet").ids[0])
    yield {"anna": anna, "sara": sara, "case_id": case_id}
    anna.close()
    sara.close()


def fill_input(editor: AnswerInput) -> None:
    if editor.value() is not None:
        return
    if editor.combo is not None:  # "nej" where the scale has it, so advised levels stay low enough to raise
        editor.combo.setCurrentIndex(max(1, editor.combo.findData("nej")))
    elif editor.boxes:
        editor.boxes[0].setChecked(True)
    elif editor.text is not None:
        editor.text.setPlainText("Fiktiv beskrivning.")
    elif editor.date is not None:
        editor.date.set_value(date(2026, 1, 10))
    elif editor.line is not None:
        item = editor.item
        if isinstance(item, NumberItem):
            editor.line.setText(str(int(item.min or 1)))
        elif isinstance(item, TextItem):
            editor.line.setText("Fiktiv text")


def fill_visible(runner: ChecklistRunner) -> None:
    """Answer every visible empty input, repeatedly (answers can reveal conditional items)."""
    for _round in range(6):
        before = runner.raw_answers()
        for widget in runner.items.values():
            if widget.isHidden():
                continue
            rows = [widget] if isinstance(widget, ItemRow) else [r for _f, ch, _b in widget.rows for r in ch.values()]
            for row in rows:
                if not row.isHidden():
                    for editor in row.inputs.values():
                        fill_input(editor)
        if runner.raw_answers() == before:
            return


def drive(runner: ChecklistRunner, qtbot: Any) -> dict[str, bool]:
    """Exercise a conditional item, a repeat-group row, a facet and a judgement override where they exist."""
    done = {"conditional": False, "repeat": False, "facet": False, "override": False}
    d = runner.definition
    # a conditional item appears live when its controlling choice gets a matching answer
    for section in d.sections:
        for item in section.items:
            cond = item.show_if
            if isinstance(cond, CondItem) and cond.facet is None and runner.items[item.id].isHidden():
                ctrl = runner.items.get(cond.item)
                usable = runner.is_visible_item(cond.item) and runner.is_visible_item(item.id) is False
                if usable and isinstance(ctrl, ItemRow) and None in ctrl.inputs and ctrl.inputs[None].combo:
                    combo = ctrl.inputs[None].combo
                    combo.setCurrentIndex(combo.findData(cond.in_[0]))
                    assert not runner.items[item.id].isHidden(), item.id
                    done["conditional"] = True
                    break
        if done["conditional"]:
            break
    # repeat groups: add two rows, remove one
    for widget in runner.items.values():
        if isinstance(widget, RepeatGroupBox) and not widget.isHidden():
            n = len(widget.rows)
            qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
            qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
            assert len(widget.rows) == n + 2
            qtbot.mouseClick(widget.rows[-1][2], Qt.MouseButton.LeftButton)
            assert len(widget.rows) == n + 1
            done["repeat"] = True
    # a facet: rate "earlier" differently from "now"
    for widget in runner.items.values():
        if isinstance(widget, ItemRow) and len(widget.inputs) > 1 and not widget.isHidden():
            facets = list(widget.inputs)
            first, second = widget.inputs[facets[0]].combo, widget.inputs[facets[1]].combo
            assert first is not None and second is not None
            first.setCurrentIndex(1)
            second.setCurrentIndex(2)
            assert widget.value() == {facets[0]: first.itemData(1), facets[1]: second.itemData(2)}
            done["facet"] = True
            break
    fill_visible(runner)
    # judgements: SPJ chosen by hand; an advised one overridden upwards with a reason when the policy allows it
    for jb in runner.judgements.values():
        policy = jb.judgement.override
        codes = [o.code for o in jb.scale.options]
        advised = jb._advised  # noqa: SLF001 - the advice the box shows
        if (jb.judgement.mode == "advised" and advised in codes and codes.index(advised) < len(codes) - 1
                and (policy is None or policy.allowed != "none")):
            jb.value_combo.setCurrentIndex(jb.value_combo.findData(codes[codes.index(advised) + 1]))
            assert not runner.sign()  # no reason yet: refused, still a draft
            assert "motivering" in runner.message.text() and runner.view.status == "draft"
            jb.reason.setPlainText("Fiktiv motivering: skyddsfaktorer saknas enligt samtal.")
            done["override"] = True
        elif jb.value() is None:
            jb.value_combo.setCurrentIndex(1)
    return done


def assert_named(widget: QWidget) -> None:
    kinds = (QComboBox, QCheckBox, QLineEdit, QPlainTextEdit, QAbstractButton)
    for child in widget.findChildren(QWidget):
        if isinstance(child, kinds) and child.isVisibleTo(widget):
            assert child.accessibleName().strip(), f"{type(child).__name__} {child.objectName()} has no name"


@pytest.mark.parametrize("definition_id", CASE_LISTS + ORG_LISTS)
def test_runner_through_each_shipped_checklist(qtbot: Any, cores: dict[str, Any], definition_id: str,
                                               tmp_path: Path) -> None:
    org = definition_id in ORG_LISTS
    core = cores["sara" if org else "anna"]
    view = core.checklists.start(definition_id, None if org else cores["case_id"])
    runner = ChecklistRunner(core.checklists, view, confirm=lambda *_a: True)
    qtbot.addWidget(runner)
    runner.resize(1000, 800)
    runner.show()
    assert "stöd för bedömning" in runner.scores.title()
    assert_named(runner)

    # signing an empty draft is refused with the missing items listed, nothing signed
    if any(i.required for s in runner.definition.sections for i in s.items):
        assert not runner.sign()
        assert "inte komplett" in runner.message.text() and core.checklists.get(view.id).status == "draft"
        bullets = [line[2:] for line in runner.message.text().splitlines() if line.startswith("• ")]
        questions = [i.text.sv for s in runner.definition.sections for i in s.items]
        questions += [j.label.sv for j in runner.definition.judgements]
        assert bullets and all(any(b.startswith(q) for q in questions) for b in bullets), bullets

    done = drive(runner, qtbot)
    assert_named(runner)
    expected = runner.definition
    has_rg = any(isinstance(w, RepeatGroupBox) for w in runner.items.values())
    item_conditions = any(isinstance(i.show_if, CondItem) and i.show_if.facet is None
                          for s in expected.sections if s.show_if is None for i in s.items)
    assert done["conditional"] == item_conditions
    if definition_id == "se.stodapp.vinr.screening":  # the one shipped advice that can be overridden upwards
        assert done["override"]
    assert done["repeat"] == has_rg
    assert done["facet"] == bool(expected.facets)
    if done["override"]:
        jid = next(j for j, b in runner.judgements.items() if b.reason_text())
    assert runner.grab().save(str(tmp_path / "runner.png"))

    assert runner.sign(), runner.message.text()
    stored = core.checklists.get(view.id)
    assert stored.status == "signed" and runner.view.status == "signed"
    assert not runner.save_button.isVisible() and not runner.sign_button.isVisible()
    assert stored.record.answers == runner.answers()
    if done["override"]:
        entry = stored.record.judgements[jid]
        assert entry.overridden and entry.reason.startswith("Fiktiv motivering") and entry.by == core.principal.username
    for widget in runner.items.values():  # read-only after signing
        for row in [widget] if isinstance(widget, ItemRow) else [r for _f, c, _b in widget.rows for r in c.values()]:
            for editor in row.inputs.values():
                if editor.combo is not None:  # shown as plain text, the control is gone
                    assert not editor.combo.isEnabled() and not editor.combo.isVisibleTo(runner)
                    assert editor.readout.text() == editor.display_text() and editor.readout.text()
                if editor.line is not None:
                    assert editor.line.isReadOnly()
                if editor.text is not None:
                    assert editor.text.isReadOnly()
    # the scores shown are the scores stored at signing
    for sid, result in stored.record.scores.items():
        assert runner.scores.text_of(sid).endswith(
            __import__("ui.checklists.text", fromlist=["score_text"]).score_text(runner.definition, result))


def test_keyboard_only_and_live_scores(qtbot: Any, cores: dict[str, Any]) -> None:
    core = cores["anna"]
    view = core.checklists.start("se.stodapp.vinr.farlighet", cores["case_id"])
    runner = ChecklistRunner(core.checklists, view, confirm=lambda *_a: True)
    qtbot.addWidget(runner)
    runner.show()
    qtbot.waitExposed(runner)
    first = next(w for w in runner.items.values() if isinstance(w, ItemRow) and w.inputs[None].combo is not None)
    combo = first.inputs[None].combo
    assert combo is not None
    count_id = runner.definition.scores[0].id
    before = runner.scores.text_of(count_id)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # first option, chosen with the keyboard
    assert combo.currentIndex() == 1
    assert runner.scores.text_of(count_id) != before  # live score follows the answer
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    assert not combo.hasFocus() and runner.focusWidget() is not combo
    qtbot.keyClick(runner.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "sparades" in runner.message.text()
    assert core.checklists.get(view.id).record.answers[first.item.id] == combo.itemData(1)


def test_bad_number_is_refused_with_one_message(qtbot: Any, cores: dict[str, Any]) -> None:
    core = cores["anna"]
    view = core.checklists.start("se.stodapp.vinr.screening", cores["case_id"])
    runner = ChecklistRunner(core.checklists, view, confirm=lambda *_a: True)
    qtbot.addWidget(runner)
    for gate_id in ("ensam", "barn_finns"):  # the children's section and the number appear on "ja"
        gate = runner.items[gate_id]
        assert isinstance(gate, ItemRow) and gate.inputs[None].combo is not None
        gate.inputs[None].combo.setCurrentIndex(gate.inputs[None].combo.findData("ja"))
    number = runner.items["barn_antal"]
    assert isinstance(number, ItemRow) and isinstance(number.item, NumberItem) and not number.isHidden()
    assert number.inputs[None].line is not None
    number.inputs[None].line.setText("tolv")
    assert not runner.save()
    assert "tal" in runner.message.text() and core.checklists.get(view.id).record.answers == {}


def pdf_pages(data: bytes | Path) -> int:
    return len(PdfReader(io.BytesIO(data.read_bytes() if isinstance(data, Path) else data)).pages)


def pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_page_start_sign_history_supersede_pdf(qtbot: Any, cores: dict[str, Any], tmp_path: Path,
                                              monkeypatch: Any) -> None:
    from ui.checklists.area import area

    spec = area()
    assert spec.label == "Checklistor" and spec.visible_for("handlaggare") and spec.visible_for("arbetsledare")
    assert not spec.visible_for("administrator")
    page = ChecklistPage(cores["anna"], confirm=lambda *_a: True)
    qtbot.addWidget(page)
    settled(qtbot, page)
    assert_named(page)
    assert page.subjects.count() == 1 and page.checklist.count() == len(CASE_LISTS)
    page.checklist.setCurrentIndex(page.checklist.findData("se.stodapp.vinr.farlighet@1.1.1"))
    runner = page.start()
    assert runner is not None, page.message.text()
    fill_visible(runner)
    for jb in runner.judgements.values():
        if jb.value() is None:
            jb.value_combo.setCurrentIndex(1)
    assert runner.sign(), runner.message.text()
    signed_id = runner.view.id
    settled(qtbot, page)
    labels = [page.history.item(i).text() for i in range(page.history.count())]
    assert any("signerad" in t for t in labels)
    page.history.setCurrentRow([page.history.item(i).data(Qt.ItemDataRole.UserRole)
                                for i in range(page.history.count())].index(signed_id))
    assert page.supersede_button.isEnabled()
    out = save_through(qtbot, page.pdf_button, tmp_path / "bedomning.pdf")
    assert "ej validerad" in pdf_text(out.read_bytes())
    printed = tmp_path / "printed.pdf"  # the signed assessment on paper: the saved file's pages
    assert print_through(qtbot, page.pdf_button, printed) == pdf_pages(out.read_bytes()) == pdf_pages(printed)
    assert same_pages(printed.read_bytes(), out.read_bytes())
    newer = page.supersede_selected()
    assert newer is not None and newer.view.supersedes_id == signed_id and newer.view.status == "draft"
    assert newer.raw_answers() == cores["anna"].checklists.get(signed_id).record.answers
    assert "Ersätter" in newer.status.text()

    boss = ChecklistPage(cores["sara"], confirm=lambda *_a: True)
    qtbot.addWidget(boss)
    settled(qtbot, boss)
    assert boss.org_mode and boss.checklist.count() == len(ORG_LISTS)
    assert boss.start() is not None
    settled(qtbot, boss)
    assert boss.history.count() >= 1


def test_runner_in_english(qtbot: Any, cores: dict[str, Any]) -> None:
    from stodapp.i18n import set_language

    core = cores["anna"]
    view = core.checklists.start("se.stodapp.vinr.farlighet", cores["case_id"])
    set_language("en")
    runner = ChecklistRunner(core.checklists, view, confirm=lambda *_a: True)
    qtbot.addWidget(runner)
    definition = runner.definition
    assert runner.title.text().startswith(definition.title.en)
    assert runner.scores.title() == "Scores – support for judgement"
    first = next(w for w in runner.items.values() if isinstance(w, ItemRow))
    assert first.question.text().startswith(first.item.text.en)
    combo = first.inputs[None].combo
    assert combo is not None and combo.itemText(0) == "– not answered –"


def test_lower_judgement_is_shown_as_a_deviation_and_needs_a_reason(qtbot: Any, cores: dict[str, Any],
                                                                    tmp_path: Path) -> None:
    from stodapp.checklists.demo import example_answers

    core = cores["anna"]
    definition = SHIPPED["se.stodapp.vinr.farlighet"]
    view = core.checklists.start(definition.id, cores["case_id"])
    answers = {k: ("ja" if v in ("nej", "vet_ej") else v) for k, v in example_answers(definition, seed=1).items()}
    view = core.checklists.save_answers(view.id, answers)
    runner = ChecklistRunner(core.checklists, view, confirm=lambda *_a: True)
    qtbot.addWidget(runner)
    runner.resize(900, 1400)
    box = runner.judgements["samlad_risk"]
    assert box.value() == "hog" and not box.deviation.isVisibleTo(runner)
    box.value_combo.setCurrentIndex(box.value_combo.findData("medel"))
    assert box.deviation.isVisibleTo(runner) and "lägre nivå än förslaget" in box.deviation.text()
    assert "samlad_risk" not in box.deviation.text()

    assert not runner.save()  # no reason: refused with one clear Swedish message, nothing saved
    message = runner.message.text()
    assert "lägre nivå än förslaget" in message and "motivering" in message and "samlad_risk" not in message
    assert core.checklists.get(view.id).record.judgements["samlad_risk"].value == "hog"

    box.reason.setPlainText("Fiktiv motivering: hon bor i skyddat boende sedan i går och har kontaktförbud.")
    assert runner.save(), runner.message.text()
    stored = core.checklists.get(view.id).record.judgements["samlad_risk"]
    assert stored.value == "medel" and stored.deviation == "lower"
    assert box.deviation.isVisibleTo(runner)  # still shown after reload from the store
    assert "motiveringen och avvikelsen syns" in box.deviation.text()
    assert box.grab().save(str(tmp_path / "deviation.png"))


def test_one_effective_answers_per_answer_change(qtbot: Any, cores: dict[str, Any],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Derived state is computed once per change: a refresh of a runner with repeat-group rows derives the
    effective answers once (it was six for the state plus one per row)."""
    import sys

    from stodapp.checklists import runtime

    core = cores["anna"]
    view = core.checklists.start("se.stodapp.vinr.spb_partner", cores["case_id"])
    runner = ChecklistRunner(core.checklists, view, confirm=lambda *_a: True)
    qtbot.addWidget(runner)
    groups = [w for w in runner.items.values() if isinstance(w, RepeatGroupBox)]
    assert groups
    for group in groups:
        group.add_row()
        group.add_row()
    real, calls = runtime.effective_answers, []

    def counting(definition: Any, answers: Any) -> dict[str, Any]:
        calls.append(1)
        return real(definition, answers)

    for name, module in list(sys.modules.items()):
        if name.startswith(("stodapp.", "ui.")) and getattr(module, "effective_answers", None) is real:
            monkeypatch.setattr(module, "effective_answers", counting)
    first = next(w for w in runner.items.values() if isinstance(w, ItemRow) and w.inputs[None].combo is not None)
    combo = first.inputs[None].combo
    assert combo is not None
    combo.setCurrentIndex(1)  # one answer changed: one refresh
    assert len(calls) == 1
    calls.clear()
    runner.refresh()
    assert len(calls) == 1
