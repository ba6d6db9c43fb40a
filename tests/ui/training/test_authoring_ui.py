"""pytest-qt: a trainer writes a vignette (create -> save -> in the catalog -> a session runs on it), edits,
copies a shipped one, exports and imports YAML; a bad file or form is refused and nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from stodapp.store.keyslots import KdfParams
from stodapp.training.agreement_io import answer_key, judgement_key
from stodapp.training_store import create_training_store
from ui.training.catalog import TRAINING_MARK, TrainingCatalog, load_catalog
from ui.training.trainee_run_dialog import TraineeRunDialog
from ui.training.trainer_panel import TrainerPanel
from ui.training.vignette_editor import VignetteEditor

PASS = "övningsdatabasens egen lösenfras"
SCREENING = ("se.stodapp.vinr.screening", "1.1.1")


@pytest.fixture(scope="module")
def catalog() -> TrainingCatalog:
    return load_catalog()


@pytest.fixture
def panel(qtbot: Any, tmp_path: Path, catalog: TrainingCatalog) -> Iterator[TrainerPanel]:
    core, _key = create_training_store(tmp_path, "tove", PASS, kdf=KdfParams.for_tests())
    widget = TrainerPanel(core, catalog)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    yield widget
    widget.close_windows()
    core.close()


def pick(editor: VignetteEditor, checklist: tuple[str, str], item: str, code: str, why: str = "") -> None:
    tab = editor.reference_answers
    tab.checklist_combo.setCurrentIndex(tab.checklist_combo.findData("|".join(checklist)))
    combo = tab.item_combo
    tab.item_combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemData(i).item == item))
    tab.code_combo.setCurrentIndex(tab.code_combo.findData(code))
    assert tab.code_combo.currentData() == code, f"{code} is not an option of {item}"
    tab.rationale_edit.setText(why)
    tab.add_answer()


def check(widget: Any, code: str) -> None:
    for i in range(widget.count()):
        if widget.item(i).data(Qt.ItemDataRole.UserRole) == code:
            widget.item(i).setCheckState(Qt.CheckState.Checked)


def test_create_save_catalog_session_edit_export_import(
    qtbot: Any, panel: TrainerPanel, tmp_path: Path, monkeypatch: Any
) -> None:
    bar = panel.authoring
    shipped = panel.catalog.vignettes[0]
    assert panel.select_vignette(shipped.id) and not bar.edit_button.isEnabled() and bar.copy_button.isEnabled()
    editor = bar.new()
    qtbot.addWidget(editor)
    assert TRAINING_MARK in editor.windowTitle() and editor.banner.text() == TRAINING_MARK
    # an empty form: every field error listed, nothing stored
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    lines = [editor.errors.item(i).text() for i in range(editor.errors.count())]
    assert editor.errors.isVisibleTo(editor) and editor.result() == 0
    assert any("title" in x for x in lines) and any("checklists" in x for x in lines) and len(lines) >= 4
    assert bar.service.authored().vignettes == ()
    # the whole form
    editor.id_edit.setText("egen-grannen")
    editor.title_sv.setText("Grannen hör skrik")
    editor.summary_sv.setText("En granne ringer om skrik från lägenheten bredvid.")
    editor.story_sv.setPlainText("Fiktiv berättelse: Grannen Övningsdotter har hört skrik flera nätter.")
    editor.author_edit.setText("Utbildare Test")
    editor._add_row(editor.facts, ["barn", "Finns det barn?", "Ja, en pojke på sex år."])
    editor._add_row(editor.points, ["Fråga alltid om barnen."])
    check(editor.forms, "psykiskt")
    check(editor.groups, "kvinnor")
    editor.rarity.setCurrentIndex(editor.rarity.findData("vanlig"))
    pick(editor, SCREENING, "fysiskt", "ja", "Grannen hör slag.")
    pick(editor, SCREENING, "fortsattning", "ga_vidare", "Våld har berättats.")
    assert editor.reference_answers.answer_table.rowCount() == 2 and editor.reference_answers.answer_table.item(0, 3).text() == "Grannen hör slag."  # type: ignore[union-attr]
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == editor.DialogCode.Accepted, [
        editor.errors.item(i).text() for i in range(editor.errors.count())
    ]
    # it appears in the catalog, marked as the trainer's own, and a session runs on it
    mine = panel.catalog.vignette("egen-grannen")
    assert mine is not None and "egen-grannen" in panel.catalog.authored
    assert "egen" in panel.vignette_list.currentItem().text() and bar.edit_button.isEnabled()
    assert "Grannen hör skrik" in panel.vignette_view.toPlainText()
    session_id = panel.start_session()
    assert session_id is not None and panel.session_panel.session.vignette_id == "egen-grannen"  # type: ignore[union-attr]
    dialog = panel.session_panel.next_trainee()
    assert isinstance(dialog, TraineeRunDialog)
    dialog.name_edit.setText("deltagare-1")
    dialog.answers.set_code(answer_key(SCREENING[0], "fysiskt"), "ja")
    dialog.answers.set_code(judgement_key(SCREENING[0], "fortsattning"), "ga_vidare")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    results = panel.service.results(session_id)
    assert results.per_trainee[0].trainee == "deltagare-1"

    # editing while the session is open is refused with its reason; after closing it, saved as version 2
    panel.tabs.setCurrentIndex(0)
    assert panel.select_vignette("egen-grannen")
    edit = bar.edit()
    assert edit is not None and edit.id_edit.isReadOnly() and edit.reference_answers.entries
    qtbot.addWidget(edit)
    edit.title_sv.setText("Grannen hör skrik igen")
    assert not edit.try_save() and "pågår" in edit.errors.item(0).text()
    panel.service.close_session(session_id)
    assert edit.try_save() and panel.catalog.vignette("egen-grannen").version == 2  # type: ignore[union-attr]

    # copying a shipped one starts a new draft under a free id
    assert panel.select_vignette(shipped.id)
    draft = bar.copy()
    assert draft is not None and draft.id_edit.text() == f"{shipped.id}-kopia" and not draft.id_edit.isReadOnly()
    assert len(draft.reference_answers.entries) >= sum(len(r.answers) + len(r.judgements) for r in shipped.checklists)
    draft.reject()

    # export, then import the file under a new id; a bad file is refused with its validation lines
    out = tmp_path / "ut.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    assert panel.select_vignette("egen-grannen")
    qtbot.mouseClick(bar.export_button, Qt.MouseButton.LeftButton)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["id"] == "egen-grannen" and data["version"] == 2
    data["id"] = "importerad-grannen"
    good = tmp_path / "bra.yaml"
    good.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    data["id"] = "trasig-grannen"
    data["checklists"][0]["answers"]["hittepa"] = "ja"
    data["checklists"][0]["judgements"]["fortsattning"] = "kanske"
    bad = tmp_path / "trasig.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    qtbot.mouseClick(bar.import_button, Qt.MouseButton.LeftButton)
    said = bar.message.text()
    assert "trasig.yaml importerades inte" in said and "okänd fråga 'hittepa'" in said and "'kanske'" in said
    assert panel.catalog.vignette("trasig-grannen") is None
    assert bar.import_path(good) and panel.catalog.vignette("importerad-grannen") is not None
    assert not bar.import_path(good) and "finns redan" in bar.message.text()
    assert {v.id for v in bar.service.authored().vignettes} == {"egen-grannen", "importerad-grannen"}

    shots = tmp_path / "shots"
    shots.mkdir()
    again = bar.edit()
    assert again is not None
    qtbot.addWidget(again)
    again.tabs.setCurrentIndex(2)
    again.show_errors(["formulär: checklists.0.answers.hittepa: okänd fråga 'hittepa' (exempel)"])
    assert any(lab.text() == TRAINING_MARK for lab in again.findChildren(QLabel))
    for name, widget in (("panel", panel), ("editor", again)):
        assert widget.grab().save(str(shots / f"{name}.png"))
