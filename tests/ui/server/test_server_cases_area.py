"""The cases area in server mode on a real PostgreSQL: sign in, list, search (blind indexes), open, add a note,
the note is there after signing in again; a stale write is refused as a conflict; reads run off the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from stodapp.cases.models import PersonInput
from stodapp.store.keyslots import KdfParams
from tests.ui.server.conftest import USER_PASS, make_unit
from ui.cases.server_cases_area import ServerCasesArea
from ui.gate import StoreGate
from ui.server_placeholder import ServerPlaceholder

FAST = KdfParams.for_tests()


def _connect(url: str, clock, user: str = "anna"):  # type: ignore[no-untyped-def]
    from stodapp.core import Core

    return Core.connect_server(url, user, USER_PASS, clock=clock, login_kdf=FAST)


def _seed(url: str, clock) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Anna's two cases (fictional people) and one of Bertil's, written by other clients of the unit."""
    anna, bertil = _connect(url, clock), _connect(url, clock, "bertil")
    try:
        ids = {}
        for key, given, family, pnr in (("asa", "Åsa", "Öberg", "19121212-1212"),
                                        ("olle", "Olle", "Andersson", None)):
            case_id = int(anna.cases.create_case().ids[0])
            number = {"id_kind": "personnummer", "number": pnr} if pnr else {}
            anna.cases.persons.add(case_id, PersonInput(role="stodsokande", given_name=given, family_name=family,
                                                        **number))
            ids[key] = case_id
        anna.cases.notes.add(ids["asa"], "Första samtalet.")
        other = int(bertil.cases.create_case().ids[0])
        bertil.cases.persons.add(other, PersonInput(role="stodsokande", given_name="Östen", family_name="Öberg"))
        ids["bertil"] = other
        return ids
    finally:
        anna.close()
        bertil.close()


def _window(qtbot, tmp_path: Path, prefs, clock, url: str):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    gate = StoreGate(tmp_path / "data", clock=clock)
    gate.login_kdf = FAST
    gate.profiles_file = tmp_path / "server-profiles.json"
    gate.use_server(url)
    core = gate.unlock("anna", USER_PASS)
    window = MainWindow(core, gate, prefs, clock=clock)
    qtbot.addWidget(window)
    assert window.host is not None
    area = window.host.widget_for(window.host.current_id())
    assert isinstance(area, ServerCasesArea)
    qtbot.waitUntil(lambda: not area.loading and area.model.rowCount() > 0, timeout=20000)
    return window, core, area


def _rows(area: ServerCasesArea) -> list[tuple[str, str]]:
    m = area.model
    return [(m.index(r, 0).data(), m.index(r, 3).data()) for r in range(m.rowCount())]


def _open(qtbot, area: ServerCasesArea, case_id: int) -> None:  # type: ignore[no-untyped-def]
    area.open_case(case_id)
    qtbot.waitUntil(lambda: not area.detail.loading and area.detail.case is not None
                    and area.detail.case.id == case_id, timeout=20000)


def _search(qtbot, area: ServerCasesArea, text: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(area.sig_list_loaded, timeout=20000):
        area.search.setText(text)
        area.run_search()
    qtbot.waitUntil(lambda: not area.loading, timeout=20000)


def test_caseworker_lists_searches_opens_and_adds_a_note(qtbot, tmp_path, prefs, clock,
                                                         pg_server, pg_db) -> None:  # type: ignore[no-untyped-def]
    url = make_unit(pg_server, pg_db, clock)
    ids = _seed(url, clock)
    window, core, area = _window(qtbot, tmp_path, prefs, clock, url)
    rows = _rows(area)
    assert [name for _no, name in rows] == ["Olle Andersson", "Åsa Öberg"]  # hers only, newest first
    assert area.count.text() == "2 ärenden"
    _search(qtbot, area, "öb")  # a name prefix through the blind index; Bertil's Östen Öberg is not hers
    assert _rows(area) == [(rows[1][0], "Åsa Öberg")] and area.filtered
    assert "1 träff" in area.filter_line.text()
    qtbot.waitUntil(lambda: area.detail.case is not None and area.detail.case.id == ids["asa"], timeout=20000)
    _search(qtbot, area, "191212121212")  # the whole personnummer, without the dash
    assert [n for _no, n in _rows(area)] == ["Åsa Öberg"]
    _search(qtbot, area, "19121212-12")  # part of a personnummer: one clear line, the hits stay as they were
    assert "hela numret" in area.error.text() and "\n" not in area.error.text()
    area.show_all()
    qtbot.waitUntil(lambda: not area.loading and not area.filtered and area.model.rowCount() == 2, timeout=20000)
    _open(qtbot, area, ids["asa"])
    detail = area.detail
    assert detail.persons.item(0, 0).text() == "Åsa Öberg" and detail.persons.item(0, 2).text() == "19121212-1212"
    assert detail.notes.count() == 1 and "Första samtalet." in detail.notes.item(0).text()
    detail.note_edit.setPlainText("Ringde upp, bokade nytt möte.")
    with qtbot.waitSignal(detail.sig_changed, timeout=20000):
        detail.add_note.click()
    qtbot.waitUntil(lambda: not detail.loading and detail.notes.count() == 2, timeout=20000)
    assert detail.note_edit.toPlainText() == "" and detail.status.text() == "Anteckningen är sparad."
    window.lock()
    window.close()
    # Signed in again (a new session, as on another laptop): the note is on the server.
    window, core, area = _window(qtbot, tmp_path / "again", prefs, clock, url)
    _open(qtbot, area, ids["asa"])
    assert [area.detail.notes.item(i).text().endswith(text) for i, text in
            enumerate(("Första samtalet.", "Ringde upp, bokade nytt möte."))] == [True, True]
    window.lock()
    window.close()


def test_a_stale_write_says_someone_else_changed_it_and_reload_shows_theirs(qtbot, tmp_path, prefs, clock,
                                                                            pg_server, pg_db) -> None:  # type: ignore[no-untyped-def]
    url = make_unit(pg_server, pg_db, clock)
    ids = _seed(url, clock)
    window, core, area = _window(qtbot, tmp_path, prefs, clock, url)
    _open(qtbot, area, ids["olle"])
    read = area.detail.case
    assert read is not None and read.status == "open"
    other = _connect(url, clock)  # the same caseworker on another laptop closes the case meanwhile
    try:
        other.case_screens.set_status(ids["olle"], "closed", version=read.version or 0, op_id="a" * 32)
    finally:
        other.close()
    detail = area.detail
    detail.note_edit.setPlainText("Utkast som inte får försvinna.")
    detail.status_button.click()  # reopen? no: it still shows the state she read ("Avsluta ärendet")
    qtbot.waitUntil(lambda: not detail.writing, timeout=20000)
    text = detail.error.text()
    assert text.startswith("Någon annan har ändrat ärendet") and "ladda om" in text and "\n" not in text
    assert detail.reload_button.isVisibleTo(detail)
    assert detail.note_edit.toPlainText() == "Utkast som inte får försvinna."  # nothing she typed is lost
    detail.reload_button.click()
    qtbot.waitUntil(lambda: not detail.loading and detail.case is not None and detail.case.status == "closed",
                    timeout=20000)
    assert detail.title.text().endswith("avslutat") and detail.status_button.text() == "Öppna ärendet igen"
    assert not detail.reload_button.isVisibleTo(detail) and detail.error.text() == ""
    window.lock()
    window.close()


def test_reads_run_off_the_gui_thread_and_other_areas_show_the_placeholder(qtbot, tmp_path, prefs, clock,
                                                                            pg_server, pg_db) -> None:  # type: ignore[no-untyped-def]
    from stodapp.server.case_screens import ServerCaseScreens

    url = make_unit(pg_server, pg_db, clock)
    ids = _seed(url, clock)
    threads: list[str] = []
    originals = {name: getattr(ServerCaseScreens, name) for name in ("list_cases", "filter_cases", "open_journal")}

    def spy(name: str):  # type: ignore[no-untyped-def]
        def call(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            threads.append(f"{name}:{threading.current_thread() is threading.main_thread()}")
            return originals[name](self, *args, **kwargs)
        return call

    for name in originals:
        setattr(ServerCaseScreens, name, spy(name))
    try:
        window, core, area = _window(qtbot, tmp_path, prefs, clock, url)
        _search(qtbot, area, "Olle")
        _open(qtbot, area, ids["asa"])
    finally:
        for name, original in originals.items():
            setattr(ServerCaseScreens, name, original)
    assert {"list_cases:False", "filter_cases:False", "open_journal:False"} <= set(threads)
    assert not any(t.endswith(":True") for t in threads)
    assert window.host is not None and window.host.select("concerns")
    shown = window.host.widget_for("concerns")
    assert isinstance(shown, ServerPlaceholder) and shown.label.text() == "Finns inte i serverläge ännu"
    window.lock()
    window.close()
