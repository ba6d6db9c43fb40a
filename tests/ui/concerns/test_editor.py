"""pytest-qt: create → edit → finalise → PDF, refused inputs, honour context, tracking, accessibility."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from stodapp.concerns.tracking import ConcernStatus
from stodapp.pdf.base import secrecy_header
from tests.ui.concerns.conftest import CHILD_PNR, MOTHER_PNR, SENTINEL_ADDRESS
from tests.ui.helpers import settled
from tests.ui.paper.drive import on_modals, save_through
from tests.ui.test_accessibility import unnamed
from ui.concerns.review_dialog import ReviewDialog
from ui.concerns.sent_dialog import SentDialog
from ui.concerns.track_dialog import TrackDialog


def accept_review(monkeypatch: pytest.MonkeyPatch, seen: list[str]) -> None:
    def exec_(self: ReviewDialog) -> int:
        assert not self.sign.isEnabled()  # signing needs the explicit confirmation
        seen.append(self.text.toPlainText())
        self.confirm.setChecked(True)
        assert self.sign.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ReviewDialog, "exec", exec_)


def fill(editor: Any, qtbot: Any) -> None:
    f = editor.form
    f.municipality.setFocus()
    f.municipality.lineEdit().clear()
    qtbot.keyClicks(f.municipality.lineEdit(), "Uppsala")  # QTest types ASCII only
    f.reporter_name.setText("Testa Handläggarsson")
    f.reporter_title.setText("Socialsekreterare")
    f.reporter_unit.setText("Vuxenenheten, IFO")
    f.reporter_phone.setText("010-000 00 00")
    f.description.setPlainText("Barnet berättar att pappa slår mamma och att hen är rädd att gå hem.")
    f.child_words.setPlainText("”Jag vill inte gå hem i dag.”")
    f.observed_by.setText("Anmälaren")
    f.source.setCurrentIndex(f.source.findData("told_by_child"))


def pdf_text(path: Path) -> str:
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_create_edit_finalise_pdf_and_track(panel_for: Any, qtbot: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    panel = panel_for()
    editor = panel.editor
    assert panel.list.rowCount() == 0
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)  # the list reads the case's reports again on the background helper
    assert panel.list.rowCount() == 1 and editor.view is not None
    assert panel.list.current_id() == editor.view.id
    rid = editor.view.id
    form = editor.form
    # prefilled from the case; the protected mother's address and contact are not copied
    assert form.child_name.text() == "Åsa Övningsdotter" and form.child_pnr.text() == CHILD_PNR
    assert form.guardians.table.rowCount() == 2
    assert form.reporter_unit.text() == "Barn och familj"  # the case's unit until the reporter is saved
    assert not form.honour_note.isVisibleTo(panel) and form.guardians_informed.isVisibleTo(panel)
    assert all(SENTINEL_ADDRESS not in v for g in form.guardians.values() for v in map(str, g.values()))
    assert "protected_adult" in editor.notices.codes()
    assert "2025:400" in editor.duty.obligation.text() and editor.duty.confirm_note.isVisibleTo(editor)
    assert "jurist" in editor.duty.confirm_note.text()

    # finalising without a description is refused before the review, naming what is missing
    seen: list[str] = []
    accept_review(monkeypatch, seen)
    form.municipality.set_code("1480")
    qtbot.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)  # saved first, on the background helper, then checked before the review
    assert "beskrivning" in editor.message.text() and not seen
    assert "• Anmälaren saknas" in editor.message.text()  # every missing item listed
    assert form.focusWidget() is form.reporter_name  # the cursor in the first missing field
    assert panel._svc.get(rid).status is ConcernStatus.DRAFT

    fill(editor, qtbot)
    assert form.municipality.code() == "0380"
    assert "Uppsala (0380)" in editor.duty.principles.text()
    panel.activateWindow()
    form.observed_by.setFocus()
    qtbot.keyClick(form.observed_by, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S saves
    settled(qtbot, panel)
    assert editor.message.text() == "Utkastet sparades."
    stored = panel._svc.get(rid).report
    assert stored.home_municipality_code == "0380" and "rädd" in stored.concern.description

    # bad input: protected data (the mother's personnummer) and an unknown municipality change nothing
    form.description.setPlainText(f"Mamman har personnummer {MOTHER_PNR}.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)
    assert "Skyddad uppgift" in editor.message.text() and "Inget har ändrats." in editor.message.text()
    assert MOTHER_PNR in form.description.toPlainText()  # what was typed stays
    form.description.setPlainText("Barnet berättar att pappa slår mamma och att hen är rädd att gå hem.")
    form.municipality.lineEdit().setText("Atlantis")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "Okänd kommun: Atlantis" in editor.message.text()
    assert panel._svc.get(rid).report == stored
    form.municipality.set_code("0380")

    # review step, then signed and read-only
    qtbot.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)  # the signed report is read again on the background helper
    assert seen and "Åsa Övningsdotter" in seen[0] and SENTINEL_ADDRESS not in seen[0]
    assert editor.view.status is ConcernStatus.FINAL
    assert form.description.isReadOnly() and not form.urgency.isEnabled()
    assert not editor.save_button.isVisibleTo(editor) and editor.sent_button.isVisibleTo(editor)
    settled(qtbot, panel)
    assert "Slutförd" in panel.list.item(0, 2).text()

    # PDF: a cancelled warning writes nothing; after the warning it goes only where the user chose
    asked: list[str] = []
    seen: list[Any] = []
    on_modals(lambda d: d.reject(), seen=seen)
    with monkeypatch.context() as m:
        m.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append("x") or ("", ""))
        editor.pdf_button.save_action.trigger()
    assert asked == [] and len(seen) == 1
    out = tmp_path / "vald plats" / "anmalan.pdf"
    out.parent.mkdir()
    saved = save_through(qtbot, editor.pdf_button, out)
    assert saved == out
    assert "PDF sparad" in editor.message.text()
    assert sorted(p.name for p in out.parent.iterdir()) == ["anmalan.pdf"]
    text = pdf_text(saved)
    flat = " ".join(text.split())
    assert secrecy_header() in flat
    assert "Åsa Övningsdotter" in flat and "Uppsala" in flat
    assert "Hemligstigen" not in flat and MOTHER_PNR not in flat and "19850404" not in flat

    # tracking: sent to the home municipality, then the outcome
    monkeypatch.setattr(SentDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    qtbot.mouseClick(editor.sent_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)
    assert editor.view.status is ConcernStatus.SENT and editor.view.sent_to_code == "0380"

    def outcome_exec(self: TrackDialog) -> int:
        assert self.outcome is not None
        self.outcome.setCurrentIndex(self.outcome.findData("investigation_opened"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TrackDialog, "exec", outcome_exec)
    qtbot.mouseClick(editor.outcome_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)
    assert editor.view.status is ConcernStatus.OUTCOME_RECORDED
    settled(qtbot, panel)
    assert "Utredning inledd" in panel.list.item(0, 5).text()

    # a correction is a new draft linked to the signed report
    qtbot.mouseClick(editor.correct_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)
    assert editor.view.status is ConcernStatus.DRAFT and editor.view.supersedes_id == rid
    settled(qtbot, panel)
    assert panel.list.rowCount() == 2 and not form.description.isReadOnly()


def test_honour_context_hides_guardians_informed_and_warns(panel_for: Any, qtbot: Any, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    panel = panel_for(honour=True, disability=True)
    editor = panel.editor
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)  # the new draft is read on the background helper
    form = editor.form
    assert form.honour.isChecked() and not form.honour.isEnabled()
    assert not form.guardians_informed.isVisibleTo(panel) and not form.guardians_reason.isVisibleTo(panel)
    assert form.honour_note.isVisibleTo(panel)
    codes = editor.notices.codes()
    assert {"honour_no_guardian_contact", "disability_carers", "multiple_risk"} <= set(codes)
    assert "kontakta inte vårdnadshavare" in editor.notices.text_of("honour_no_guardian_contact")
    assert editor.notices.labels["honour_no_guardian_contact"].isVisibleTo(panel)
    changes = form.changes()
    assert changes["guardians_informed"] is False

    fill(editor, qtbot)
    accept_review(monkeypatch, [])
    qtbot.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)
    assert editor.view.status is ConcernStatus.FINAL
    out = save_through(qtbot, editor.pdf_button, tmp_path / "heder.pdf")
    flat = " ".join(pdf_text(out).split())
    assert "Kontakta inte vårdnadshavare" in flat
    assert "informerade" not in flat.lower().replace("informera dem inte", "")


def test_acute_guidance_is_shown_prominently(panel_for: Any, qtbot: Any) -> None:
    panel = panel_for()
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)
    editor = panel.editor
    assert "acute" not in editor.notices.codes()
    form = editor.form
    form.urgency.setCurrentIndex(form.urgency.findData("acute"))
    assert editor.notices.codes()[0] == "acute"
    text = editor.notices.text_of("acute")
    assert "112" in text and "socialjour" in text
    assert "#b00020" in editor.notices.labels["acute"].styleSheet()


def test_every_control_is_named_and_keyboard_reachable(panel_for: Any, qtbot: Any) -> None:
    panel = panel_for()
    assert unnamed(panel) == []
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)
    assert unnamed(panel) == []
    form = panel.editor.form
    assert form.description.tabChangesFocus() and form.child_words.tabChangesFocus()
    assert form.municipality.count() == 291  # the placeholder and all 290 municipalities
    form.municipality.lineEdit().setText("0180")
    assert form.municipality.code() == "0180" and "Stockholm" in form.municipality.currentText()
