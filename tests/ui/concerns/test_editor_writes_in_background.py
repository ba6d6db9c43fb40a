"""The report editor writes on the background helper: saving, signing, correcting and each tracking step run off
the GUI thread while the form takes no input and says what it does; the write comes back with the report's one
read (one `concern.view` row, no second read on the GUI thread); a refused write is said and the form keeps what
was typed."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from stodapp.concerns.tracking import ConcernStatus
from stodapp.errors import StoreError
from stodapp.store.tables import AuditRow
from tests.ui.concerns.test_editor import accept_review, fill
from tests.ui.helpers import settled
from ui.concerns.sent_dialog import SentDialog


def _new_draft(panel: Any, qtbot: Any) -> Any:
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)
    assert panel.editor.view is not None
    return panel.editor


def _last_audit_id(core: Any) -> int:
    with core.ctx.db.session() as s:
        return int(s.scalar(select(AuditRow.id).order_by(AuditRow.id.desc()).limit(1)) or 0)


def _actions_after(core: Any, before: int) -> list[str]:
    with core.ctx.db.session() as s:
        return list(s.scalars(select(AuditRow.action).where(AuditRow.id > before).order_by(AuditRow.id)))


def _held(monkeypatch: pytest.MonkeyPatch, svc: Any, name: str) -> tuple[threading.Event, list[threading.Thread]]:
    """Wrap `svc.name` so it records the thread it runs on and waits for the returned event."""
    release, threads = threading.Event(), []
    real = getattr(svc, name)

    def held(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        assert release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(svc, name, held)
    return release, threads


def test_saving_runs_off_the_gui_thread_with_the_form_waiting(panel_for: Any, qtbot: Any, anna: Any,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    panel = panel_for()
    editor = _new_draft(panel, qtbot)
    fill(editor, qtbot)
    release, threads = _held(monkeypatch, anna.concerns, "edit_draft")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.loading and not editor.form.isEnabled() and not editor.save_button.isEnabled()
    assert not panel.list.isEnabled() and not panel.case_combo.isEnabled() and not panel.new_button.isEnabled()
    qtbot.waitUntil(lambda: editor.message.text() == "Sparar utkastet…", timeout=3000)  # said in place
    assert threads and threads[0] is not threading.current_thread()
    assert not editor.save()  # a second save waits for the first
    release.set()
    settled(qtbot, panel)
    assert editor.message.text() == "Utkastet sparades."
    assert editor.form.isEnabled() and editor.save_button.isEnabled() and panel.list.isEnabled()
    assert editor.view is not None and "rädd" in editor.view.report.concern.description
    assert len(threads) == 1


def test_saving_writes_one_concern_view_row_for_the_reload(panel_for: Any, qtbot: Any, anna: Any) -> None:
    panel = panel_for()
    editor = _new_draft(panel, qtbot)
    fill(editor, qtbot)
    before = _last_audit_id(anna)
    commits: list[int] = []
    stop = anna.ctx.db.watch_commits(lambda: commits.append(1))
    assert editor.save()
    settled(qtbot, panel)
    stop()
    actions = _actions_after(anna, before)
    assert actions.count("concern.edit") == 1 and actions.count("concern.view") == 1
    assert [a for a in actions if a not in {"concern.edit", "concern.view"}] == ["concern.list"]  # the list
    assert len(commits) == 3  # the write, the editor's one read, the list's one read


def test_a_refused_save_says_why_and_keeps_what_was_typed(panel_for: Any, qtbot: Any, anna: Any,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    panel = panel_for()
    editor = _new_draft(panel, qtbot)
    fill(editor, qtbot)
    editor.form.observed_by.setFocus()

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("databasen är låst")

    monkeypatch.setattr(anna.concerns, "edit_draft", broken)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)
    assert editor.message.text() == "databasen är låst Inget har ändrats."
    form = editor.form
    assert form.description.toPlainText().startswith("Barnet berättar") and form.observed_by.text() == "Anmälaren"
    assert form.municipality.code() == "0380" and form.reporter_name.text() == "Testa Handläggarsson"
    assert form.isEnabled() and editor.save_button.isEnabled() and panel.list.isEnabled()
    assert form.focusWidget() is form.observed_by  # the cursor back where it was
    monkeypatch.undo()
    assert anna.concerns.get(editor.view.id).report.concern.description == ""


def test_signing_and_tracking_run_off_the_gui_thread(panel_for: Any, qtbot: Any, anna: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    panel = panel_for()
    editor = _new_draft(panel, qtbot)
    fill(editor, qtbot)
    accept_review(monkeypatch, [])
    release, threads = _held(monkeypatch, anna.concerns, "finalise")
    qtbot.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)  # saved, checked, reviewed: now signing
    assert threads[0] is not threading.current_thread() and editor.loading and not editor.form.isEnabled()
    qtbot.waitUntil(lambda: editor.message.text() == "Signerar anmälan…", timeout=3000)
    release.set()
    settled(qtbot, panel)
    assert editor.view.status is ConcernStatus.FINAL and "signerad" in editor.message.text()

    monkeypatch.setattr(SentDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    release, threads = _held(monkeypatch, anna.concerns, "mark_sent")
    qtbot.mouseClick(editor.sent_button, Qt.MouseButton.LeftButton)
    assert editor.loading and not editor.sent_button.isEnabled()
    release.set()
    settled(qtbot, panel)
    assert threads and threads[0] is not threading.current_thread()
    assert editor.view.status is ConcernStatus.SENT and editor.message.text() == "Anmälan är markerad som skickad."

    release, threads = _held(monkeypatch, anna.concerns, "correct")
    signed = editor.view.id
    qtbot.mouseClick(editor.correct_button, Qt.MouseButton.LeftButton)
    release.set()
    settled(qtbot, panel)
    assert threads and threads[0] is not threading.current_thread()
    assert editor.view.supersedes_id == signed and editor.view.status is ConcernStatus.DRAFT


def test_a_refused_tracking_step_is_said_and_the_report_stays(panel_for: Any, qtbot: Any, anna: Any,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    panel = panel_for()
    editor = _new_draft(panel, qtbot)
    fill(editor, qtbot)
    accept_review(monkeypatch, [])
    qtbot.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)
    monkeypatch.setattr(SentDialog, "exec", lambda self: QDialog.DialogCode.Accepted)

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("databasen är låst")

    monkeypatch.setattr(anna.concerns, "mark_sent", broken)
    qtbot.mouseClick(editor.sent_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)
    assert editor.message.text() == "databasen är låst Inget har ändrats."
    assert editor.view.status is ConcernStatus.FINAL and editor.sent_button.isEnabled()


def test_a_draft_pdf_saves_the_form_first_on_the_worker(panel_for: Any, qtbot: Any, anna: Any, tmp_path: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.ui.paper.drive import save_through

    panel = panel_for()
    editor = _new_draft(panel, qtbot)
    fill(editor, qtbot)
    threads: list[threading.Thread] = []
    real = anna.concerns.edit_draft

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(anna.concerns, "edit_draft", recorded)
    save_through(qtbot, editor.pdf_button, tmp_path / "utkast.pdf")
    settled(qtbot, panel)
    assert len(threads) == 1 and threads[0] is not threading.current_thread()
    assert "rädd" in anna.concerns.get(editor.view.id).report.concern.description
    assert "Uppsala" in panel.list.item(0, 3).text()  # the list shows the saved draft


def test_a_new_draft_is_read_and_written_off_the_gui_thread(panel_for: Any, qtbot: Any, anna: Any,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    panel = panel_for()
    release, threads = _held(monkeypatch, anna.concerns, "create_from_case")
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(threads), timeout=5000)
    assert threads[0] is not threading.current_thread() and panel.loading
    assert not panel.new_button.isEnabled() and not panel.case_combo.isEnabled() and not panel.list.isEnabled()
    qtbot.waitUntil(lambda: panel.status.text() == "Skapar utkastet…", timeout=3000)
    release.set()
    settled(qtbot, panel)
    assert panel.editor.view is not None and panel.list.current_id() == panel.editor.view.id
    assert panel.editor.message.text().startswith("Nytt utkast med uppgifter från ärendet.")
    assert panel.new_button.isEnabled() and panel.list.isEnabled()


def test_a_refused_new_draft_is_said_in_the_page(panel_for: Any, qtbot: Any, anna: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    panel = panel_for()

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise StoreError("databasen är låst")

    monkeypatch.setattr(anna.concerns, "create_from_case", broken)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    settled(qtbot, panel)
    assert panel.status.text() == "databasen är låst" and panel.editor.view is None
    assert panel.new_button.isEnabled() and panel.list.rowCount() == 0
