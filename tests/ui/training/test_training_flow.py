"""pytest-qt: trainer signs in to the training store -> session -> two trainees (turn and file) -> results -> PDF."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from stodapp.store.keyslots import KdfParams
from stodapp.training.agreement_io import answer_key, judgement_key
from stodapp.training.vignettes import Vignette
from tests.ui.paper.drive import print_through, same_pages, save_through
from ui.training.catalog import TRAINING_MARK, TrainingCatalog, load_catalog
from ui.training.trainee_run_dialog import TraineeRunDialog
from ui.training.training_area import TrainingArea

TRAINING_PASS = "övningsdatabasens egen lösenfras"
VIGNETTE = "barn-berattar"


@pytest.fixture(scope="module")
def catalog() -> TrainingCatalog:
    return load_catalog()


def fill_reference(dialog: TraineeRunDialog, vignette: Vignette, skip: int = 0) -> None:
    """Answer as the reference, except that the first `skip` reference answers are changed."""
    changed = 0
    for ref in vignette.checklists:
        for item, value in ref.answers.items():
            pairs = value.items() if isinstance(value, dict) else [(None, value)]
            for facet, code in pairs:
                key = answer_key(ref.id, item, facet)
                if changed < skip:
                    combo = dialog.answers.combos[key]
                    other = next(combo.itemData(i) for i in range(1, combo.count()) if combo.itemData(i) != code)
                    dialog.answers.set_code(key, other)
                    changed += 1
                else:
                    dialog.answers.set_code(key, code)
        for judgement, code in ref.judgements.items():
            dialog.answers.set_code(judgement_key(ref.id, judgement), code)


def sign_in(qtbot: Any, area: TrainingArea, passphrase: str, repeat: str | None = None) -> None:
    panel = area.sign_in
    assert panel is not None
    panel.pass_edit.setText(passphrase)
    if repeat is not None:
        panel.repeat_edit.setText(repeat)
    qtbot.mouseClick(panel.button, Qt.MouseButton.LeftButton)


def test_trainer_session_two_trainees_report(qtbot: Any, store_dir: Path, open_core: Any, tmp_path: Path,
                                             monkeypatch: Any, catalog: TrainingCatalog) -> None:
    case = open_core("tove")
    area = TrainingArea(case, catalog=catalog, kdf=KdfParams.for_tests())
    qtbot.addWidget(area)
    area.show()
    assert area.banner.text() == TRAINING_MARK and area.banner.accessibleName() == TRAINING_MARK
    assert area.sign_in is not None and area.sign_in.create_mode
    # bad input first: passphrases that differ change nothing
    sign_in(qtbot, area, TRAINING_PASS, "något annat")
    assert "inte lika" in area.sign_in.error.text() and not (store_dir / "training").exists()
    sign_in(qtbot, area, TRAINING_PASS, TRAINING_PASS)
    qtbot.waitUntil(lambda: area.panel is not None, timeout=20000)
    area.recovery_box.close()
    trainer = area.panel
    assert area.training_core.store_kind == "training" and area.training_core.files.data_dir == store_dir / "training"

    # the trainer picks a vignette: story, tags and rarity are shown
    vignette = catalog.vignette(VIGNETTE)
    assert vignette is not None
    assert not trainer.start_button.isEnabled()
    assert trainer.select_vignette(VIGNETTE)
    shown = trainer.vignette_view.toPlainText()
    assert vignette.title.sv in shown and "vanlig" in shown and vignette.story.sv[:40] in shown
    qtbot.mouseClick(trainer.start_button, Qt.MouseButton.LeftButton)
    assert trainer.tabs.currentIndex() == 1 and trainer.session_list.count() == 1
    session = trainer.session_panel
    assert session.session is not None and session.session.vignette_id == VIGNETTE

    # trainee 1 takes a turn on this laptop
    dialog = session.next_trainee()
    assert isinstance(dialog, TraineeRunDialog) and TRAINING_MARK in dialog.windowTitle()
    assert any(label.text() == TRAINING_MARK for label in dialog.findChildren(QLabel))
    fact = vignette.facts[0]
    assert not dialog.facts.answers[fact.id].isVisibleTo(dialog)
    qtbot.mouseClick(dialog.facts.buttons[fact.id], Qt.MouseButton.LeftButton)
    assert dialog.facts.answers[fact.id].isVisibleTo(dialog) and dialog.facts.asked == [fact.id]
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)  # no name, no answers
    assert dialog.error.text() and session.session.trainees == ()
    dialog.name_edit.setText("deltagare-1")
    fill_reference(dialog, vignette, skip=0)
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert session.session.trainees == ("deltagare-1",) and "deltagare-1" in session.message.text()

    # trainee 2 answers on "another laptop" and exports a file; the trainer imports it (and once more: refused)
    other = TraineeRunDialog(vignette, catalog.definitions, None)
    qtbot.addWidget(other)
    assert not other.submit_button.isVisibleTo(other)
    other.name_edit.setText("deltagare-2")
    fill_reference(other, vignette, skip=4)
    exported = tmp_path / "deltagare-2.json"
    with monkeypatch.context() as m:
        m.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(exported), ""))
        qtbot.mouseClick(other.export_button, Qt.MouseButton.LeftButton)
    assert json.loads(exported.read_text(encoding="utf-8"))["trainee"] == "deltagare-2"
    session.import_paths([exported])
    assert session.session.trainees == ("deltagare-1", "deltagare-2")
    session.import_paths([exported])
    assert "redan importerad" in session.message.text()
    empty = tmp_path / "tom.json"
    empty.write_bytes(b"")
    session.import_paths([empty])
    assert "tom" in session.message.text() and len(session.session.trainees) == 2

    # results: per trainee agreement with Cohen's and weighted kappa, group Fleiss and the discussion list
    results = session.show_results()
    assert results is not None and TRAINING_MARK in results.windowTitle()
    table = results.trainee_table
    assert table.rowCount() == 2
    assert table.item(0, 3).text() == "100 %" and table.item(1, 3).text() != "100 %"
    assert table.item(0, 0).text() == "deltagare-1"
    table.setCurrentCell(1, 0)
    assert "deltagare-2" in results.item_label.text() and results.item_table.item(0, 3).text() == "nej"
    assert "Fleiss kappa" in results.group_summary.text()
    assert results.discussion_table.rowCount() >= 1
    # per question: shares and who differed, never a per-question kappa, and labels instead of answer codes
    headers = [results.group_items.horizontalHeaderItem(c).text() for c in range(results.group_items.columnCount())]
    assert "Fleiss kappa" not in headers and "Svarade annorlunda än ref." in headers
    shown = [
        t.item(r, c).text()
        for t in (results.group_items, results.discussion_table, results.item_table)
        for r in range(t.rowCount())
        for c in range(t.columnCount())
        if t.item(r, c) is not None
    ]
    codes = {"ga_vidare", "senaste_aret", "pagar", "vet_ej", "ej_bedomt", "hog", "lag"}
    assert not codes & {w.strip(",()") for text in shown for w in text.split()}
    assert results.scale_table.rowCount() >= 1

    # the group report PDF, saved through the real save dialog where the trainer chooses (no warning: fictional
    # data), carries the FIKTIVT watermark; printed through the real print dialog it is the same pages
    assert results.report_choice.currentData() is None  # the group
    pdf = save_through(qtbot, results.paper, tmp_path / "rapport.pdf", warned=False)
    assert results.saved == pdf and "rapport.pdf" in results.status.text()
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "FIKTIVT" in text and "deltagare-2" in text
    pages = print_through(qtbot, results.paper, tmp_path / "printed.pdf")
    assert pages >= 1 and "sidor till skrivaren" in results.status.text()
    assert same_pages((tmp_path / "printed.pdf").read_bytes(), data)
    shots = tmp_path / "shots"
    shots.mkdir()
    for name, widget in (("area", area), ("dialog", other), ("results", results)):
        widget.resize(1100, 740)
        assert widget.grab().save(str(shots / f"{name}.png"))

    # closing the session refuses more results; locking (scrub) closes the training store
    qtbot.mouseClick(session.close_button, Qt.MouseButton.LeftButton)
    assert session.session.status == "closed" and not session.turn_button.isEnabled()
    training_core = area.training_core
    area.clear_sensitive()
    assert area.training_core is None and not training_core.is_open


def test_wrong_passphrase_and_leave(qtbot: Any, store_dir: Path, open_core: Any,
                                    catalog: TrainingCatalog) -> None:
    from stodapp.training_store import create_training_store

    create_training_store(store_dir, "tove", TRAINING_PASS, kdf=KdfParams.for_tests())[0].close()
    area = TrainingArea(open_core("tove"), catalog=catalog)
    qtbot.addWidget(area)
    assert area.sign_in is not None and not area.sign_in.create_mode
    sign_in(qtbot, area, "helt fel lösenfras här")
    qtbot.waitUntil(lambda: area.sign_in is not None and area.sign_in.error.isVisibleTo(area), timeout=20000)
    assert area.panel is None and area.sign_in.pass_edit.text() == ""
    sign_in(qtbot, area, TRAINING_PASS)
    qtbot.waitUntil(lambda: area.panel is not None, timeout=20000)
    core = area.training_core
    qtbot.mouseClick(area.panel.leave_button, Qt.MouseButton.LeftButton)
    assert area.panel is None and not core.is_open and area.sign_in is not None
