"""The Checklistor area in server mode on a real PostgreSQL: start a checklist on her case, fill it, save, sign in
again and see the answers; a stale save says someone else changed it, keeps her answers on screen and "Ladda om"
shows the saved one; a caseworker without the case does not see it; a supervisor sees the placeholder; the reads
and the writes run off the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from stodapp.store.keyslots import KdfParams
from tests.ui.helpers import settled
from tests.ui.server.conftest import USER_PASS, make_unit
from ui.checklists.server_checklist_page import ServerChecklistPage
from ui.gate import StoreGate
from ui.server_placeholder import ServerPlaceholder

FAST = KdfParams.for_tests()
SCREENING = "se.stodapp.vinr.screening"
NOTE = "Fiktiv anteckning: bokade uppföljande samtal."
ANSWERS = {"kanal": "besok", "ensam": "ja", "psykiskt": "nej", "fysiskt": "nej", "sexuellt": "nej",
           "heder": "nej", "barn_finns": "nej", "information_given": "ja", "anteckning": NOTE}
WAIT = 20000


def _connect(url: str, clock, user: str = "anna"):  # type: ignore[no-untyped-def]
    from stodapp.core import Core

    return Core.connect_server(url, user, USER_PASS, clock=clock, login_kdf=FAST)


def _seed(url: str, clock) -> dict[str, int]:  # type: ignore[no-untyped-def]
    anna, bertil = _connect(url, clock), _connect(url, clock, "bertil")
    try:
        return {"anna": int(anna.cases.create_case().ids[0]), "bertil": int(bertil.cases.create_case().ids[0])}
    finally:
        anna.close()
        bertil.close()


def _page(qtbot, tmp_path: Path, prefs, clock, url: str, user: str = "anna"):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    gate = StoreGate(tmp_path / "data", clock=clock)
    gate.login_kdf = FAST
    gate.profiles_file = tmp_path / "server-profiles.json"
    gate.use_server(url)
    window = MainWindow(gate.unlock(user, USER_PASS), gate, prefs, clock=clock)
    qtbot.addWidget(window)
    assert window.host is not None and window.host.select("checklists")
    page = window.host.widget_for("checklists")
    if isinstance(page, ServerChecklistPage):
        settled(qtbot, page, WAIT)
    return window, page


def _cases(page: ServerChecklistPage) -> list[int]:
    from PySide6.QtCore import Qt

    return [page.subjects.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.subjects.count())]


def _start(qtbot, page: ServerChecklistPage) -> None:  # type: ignore[no-untyped-def]
    index = next(i for i in range(page.checklist.count()) if str(page.checklist.itemData(i)).startswith(SCREENING))
    page.checklist.setCurrentIndex(index)
    page.start_button.click()
    qtbot.waitUntil(lambda: not page.loading and page.runner is not None and page.history.count() == 1,
                    timeout=WAIT)


def _fill(page: ServerChecklistPage, answers: dict[str, str]) -> None:
    runner = page.runner
    assert runner is not None
    for item_id, value in answers.items():
        runner.items[item_id].set_value(value)
    runner.refresh()


def _open_first(qtbot, page: ServerChecklistPage) -> None:  # type: ignore[no-untyped-def]
    page.history.setCurrentRow(0)
    page.open_button.click()
    qtbot.waitUntil(lambda: not page.loading and page.runner is not None, timeout=WAIT)


def test_fill_save_sign_in_again_and_see_the_answers(qtbot, tmp_path, prefs, clock, pg_server,
                                                     pg_db) -> None:  # type: ignore[no-untyped-def]
    url = make_unit(pg_server, pg_db, clock)
    ids = _seed(url, clock)
    window, page = _page(qtbot, tmp_path, prefs, clock, url)
    assert isinstance(page, ServerChecklistPage)
    assert _cases(page) == [ids["anna"]] and page.subject() == ids["anna"]  # hers only
    assert page.history.count() == 0 and page.checklist.count() >= 1
    _start(qtbot, page)
    assert "utkast" in page.history.item(0).text()
    _fill(page, ANSWERS)
    runner = page.runner
    assert runner is not None and runner.save()  # on the background helper: the form waits, "Sparar…"
    assert runner.writing and not runner.save_button.isEnabled() and runner.message.text() == "Sparar…"
    qtbot.waitUntil(lambda: not runner.writing, timeout=WAIT)
    assert runner.message.text() == "Utkastet sparades." and runner.save_button.isEnabled()
    window.lock()
    window.close()

    window, page = _page(qtbot, tmp_path / "again", prefs, clock, url)  # another session, as on another laptop
    assert isinstance(page, ServerChecklistPage) and page.history.count() == 1
    _open_first(qtbot, page)
    runner = page.runner
    assert runner is not None and runner.view.status == "draft"
    assert runner.raw_answers() == ANSWERS
    runner.confirm = lambda *_a: True  # "Signera nu?" answered yes
    assert runner.sign()
    qtbot.waitUntil(lambda: not runner.writing and runner.view.status == "signed", timeout=WAIT)
    assert runner.message.text() == "Bedömningen är signerad." and not runner.save_button.isVisible()
    qtbot.waitUntil(lambda: not page.loading and page.history.count() == 1
                    and "signerad" in page.history.item(0).text(), timeout=WAIT)
    window.lock()
    window.close()


def test_a_stale_save_is_a_conflict_that_keeps_her_answers(qtbot, tmp_path, prefs, clock, pg_server,
                                                           pg_db) -> None:  # type: ignore[no-untyped-def]
    url = make_unit(pg_server, pg_db, clock)
    ids = _seed(url, clock)
    window, page = _page(qtbot, tmp_path, prefs, clock, url)
    assert isinstance(page, ServerChecklistPage)
    _start(qtbot, page)
    runner = page.runner
    assert runner is not None
    form_id = int(runner.view.id)
    other = _connect(url, clock)  # the same caseworker on another laptop saves the draft meanwhile
    try:
        read = other.checklist_screens.open(form_id)
        other.checklist_screens.save_draft(form_id, {"kanal": "telefon"}, {}, version=read.version, op_id="a" * 32)
    finally:
        other.close()
    _fill(page, ANSWERS)
    assert runner.save()
    qtbot.waitUntil(lambda: not runner.writing, timeout=WAIT)
    text = runner.message.text()
    assert text.startswith("Någon annan har ändrat bedömningen") and "ladda om" in text
    assert runner.raw_answers() == ANSWERS  # nothing she typed is lost
    assert page.reload_button.isVisibleTo(page)
    page.reload_button.click()
    qtbot.waitUntil(lambda: not page.loading and page.runner is not runner, timeout=WAIT)
    shown = page.runner
    assert shown is not None and shown.raw_answers() == {"kanal": "telefon"}  # theirs, as saved
    assert not page.reload_button.isVisibleTo(page)
    _fill(page, ANSWERS)  # on the version she now read, her save goes through
    assert shown.save()
    qtbot.waitUntil(lambda: not shown.writing, timeout=WAIT)
    assert shown.message.text() == "Utkastet sparades."
    mine = _connect(url, clock)
    try:
        assert mine.checklist_screens.open(form_id).view.record.answers == ANSWERS
        assert ids["anna"] == mine.checklist_screens.open(form_id).view.case_id
    finally:
        mine.close()
    window.lock()
    window.close()


def test_without_the_case_nothing_shows_and_reads_run_off_the_gui_thread(qtbot, tmp_path, prefs, clock,
                                                                         pg_server, pg_db) -> None:  # type: ignore[no-untyped-def]
    from stodapp.server.checklist_screens import ServerChecklistScreens

    url = make_unit(pg_server, pg_db, clock)
    ids = _seed(url, clock)
    anna = _connect(url, clock)
    try:
        form = anna.checklist_screens.start(ids["anna"], SCREENING, op_id="a" * 32)
    finally:
        anna.close()
    threads: list[str] = []
    originals = {name: getattr(ServerChecklistScreens, name)
                 for name in ("page", "history", "open", "start", "save_draft")}

    def spy(name: str):  # type: ignore[no-untyped-def]
        def call(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            threads.append(f"{name}:{threading.current_thread() is threading.main_thread()}")
            return originals[name](self, *args, **kwargs)
        return call

    for name in originals:
        setattr(ServerChecklistScreens, name, spy(name))
    try:
        window, page = _page(qtbot, tmp_path, prefs, clock, url, "bertil")
        assert isinstance(page, ServerChecklistPage)
        assert _cases(page) == [ids["bertil"]] and page.history.count() == 0  # Anna's case is not his
        page.restore_view_state({"subject": ids["anna"], "history": None, "open": form.view.id})
        qtbot.waitUntil(lambda: not page.loading, timeout=WAIT)
        assert page.runner is None and "finns inte" in page.message.text()  # her assessment: nothing to open
        page.load_history()
        settled(qtbot, page, WAIT)
        _start(qtbot, page)  # on his own case: the start and the save are written off the GUI thread too
        runner = page.runner
        assert runner is not None and runner.save()
        qtbot.waitUntil(lambda: not runner.writing, timeout=WAIT)
    finally:
        for name, original in originals.items():
            setattr(ServerChecklistScreens, name, original)
    assert {"page:False", "open:False", "history:False", "start:False", "save_draft:False"} <= set(threads)
    assert not any(t.endswith(":True") for t in threads)
    window.lock()
    window.close()
    window, shown = _page(qtbot, tmp_path / "sara", prefs, clock, url, "sara")  # no organisation form on the server
    assert isinstance(shown, ServerPlaceholder)
    window.lock()
    window.close()
