"""The safety plan in the server case view on a real PostgreSQL: "Ny säkerhetsplan…" opens the local dialog with
the latest version, saves a new one off the GUI thread, a stale save keeps her text and says so, and the papers
are built from the server's plan."""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication

from stodapp.cases.followup_models import SafetyPlanInput
from tests.ui.server.conftest import make_unit
from tests.ui.server.test_server_cases_area import _connect, _open, _seed, _window
from ui.cases.server_case_detail import ServerCaseDetail
from ui.tasks import run_op


def _dialog(qtbot, detail: ServerCaseDetail):  # type: ignore[no-untyped-def]
    detail.new_plan.click()
    qtbot.waitUntil(lambda: detail.plan_dialog is not None and detail.plan_dialog.isVisible(), timeout=20000)
    assert detail.plan_dialog is not None
    return detail.plan_dialog


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    """Save a screenshot when STODAPP_SHOTS names a folder (a person looks at it; no test reads it)."""
    folder = os.environ.get("STODAPP_SHOTS")
    if folder:
        QApplication.processEvents()
        widget.grab().save(str(Path(folder) / name))


def test_a_new_plan_is_saved_on_the_server_off_the_gui_thread(qtbot, tmp_path, prefs, clock, pg_server,  # type: ignore[no-untyped-def]
                                                               pg_db) -> None:
    from stodapp.server.safety_plan_screens import ServerSafetyPlanScreens

    url = make_unit(pg_server, pg_db, clock)
    ids = _seed(url, clock)
    threads: list[str] = []
    originals = {name: getattr(ServerSafetyPlanScreens, name) for name in ("latest", "save", "file_pdf")}

    def spy(name: str):  # type: ignore[no-untyped-def]
        def call(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            threads.append(f"{name}:{threading.current_thread() is threading.main_thread()}")
            return originals[name](self, *args, **kwargs)
        return call

    for name in originals:
        setattr(ServerSafetyPlanScreens, name, spy(name))
    try:
        window, core, area = _window(qtbot, tmp_path, prefs, clock, url)
        window.resize(1280, 720)
        _open(qtbot, area, ids["asa"])
        detail = area.detail
        assert detail.new_plan.isEnabled() and detail.plan_pdf.isEnabled()
        _shot(window, "server-case-safety-plan-actions.png")
        dlg = _dialog(qtbot, detail)
        assert dlg.risks.toPlainText() == "" and dlg.prompts is not None  # no plan yet: an empty form
        dlg.risks.setPlainText("När han har druckit\nVid hämtning av barnen")
        dlg.helpers.setPlainText("Grannen")
        dlg.resize(760, 620)
        _shot(dlg, "server-safety-plan-dialog.png")
        with qtbot.waitSignal(detail.sig_changed, timeout=20000):
            dlg.save()
        qtbot.waitUntil(lambda: detail.plan_dialog is None, timeout=20000)
        assert detail.status.text() == "Säkerhetsplanen är sparad som en ny version."
        job = detail._plan_job()  # noqa: SLF001 - the paper's job, run on a worker as PaperActions runs it
        assert job is not None
        made: list[bytes] = []
        run_op(detail, job, made.append)
        qtbot.waitUntil(lambda: bool(made), timeout=20000)
        assert made[0].startswith(b"%PDF")
        again = _dialog(qtbot, detail)  # opened again: the saved version is filled in
        assert again.risks.toPlainText() == "När han har druckit\nVid hämtning av barnen"
        again.reject()
    finally:
        for name, original in originals.items():
            setattr(ServerSafetyPlanScreens, name, original)
    assert {"latest:False", "save:False", "file_pdf:False"} <= set(threads)
    assert not any(t.endswith(":True") for t in threads)
    other = _connect(url, clock)
    try:
        plan = other.safety_plan_screens.latest(ids["asa"])
        assert plan is not None and plan.helpers == ("Grannen",) and plan.person_id is not None
    finally:
        other.close()
    window.lock()
    window.close()


def test_a_stale_save_keeps_her_text_and_says_someone_else_changed_it(qtbot, tmp_path, prefs, clock,  # type: ignore[no-untyped-def]
                                                                     pg_server, pg_db) -> None:
    url = make_unit(pg_server, pg_db, clock)
    ids = _seed(url, clock)
    window, core, area = _window(qtbot, tmp_path, prefs, clock, url)
    _open(qtbot, area, ids["olle"])
    detail = area.detail
    dlg = _dialog(qtbot, detail)  # she read no plan
    other = _connect(url, clock)  # a colleague saves one meanwhile
    try:
        other.safety_plan_screens.save(ids["olle"], SafetyPlanInput(risk_situations=("Kollegans",),
                                                                    review_on=date(2099, 1, 1)),
                                       based_on=None, op_id="c" * 32)
    finally:
        other.close()
    dlg.risks.setPlainText("Hennes egen text")
    dlg.save()
    qtbot.waitUntil(lambda: not dlg.saving, timeout=20000)
    text = dlg.error.text()
    assert text.startswith("Någon annan har ändrat säkerhetsplanen") and "ladda om" in text
    assert dlg.isVisible() and dlg.risks.toPlainText() == "Hennes egen text"  # nothing she typed is lost
    assert dlg.reload_button.isVisibleTo(dlg)
    _shot(dlg, "server-safety-plan-conflict.png")
    dlg.reload_button.click()  # she asks for the colleague's version, then saves hers on top of it
    qtbot.waitUntil(lambda: not dlg.saving and dlg.risks.toPlainText() == "Kollegans", timeout=20000)
    assert not dlg.reload_button.isVisibleTo(dlg) and dlg.error.text() == ""
    dlg.risks.setPlainText("Kollegans\nHennes tillägg")
    with qtbot.waitSignal(detail.sig_changed, timeout=20000):
        dlg.save()
    qtbot.waitUntil(lambda: detail.plan_dialog is None, timeout=20000)
    again = _dialog(qtbot, detail)  # opened again: the newest version
    assert again.risks.toPlainText() == "Kollegans\nHennes tillägg"
    again.reject()
    window.lock()
    window.close()
