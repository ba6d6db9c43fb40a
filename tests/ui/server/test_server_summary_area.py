"""The Sammanställning area in server mode on a real PostgreSQL: the supervisor gets the local summary panel over
the whole unit (two caseworkers' cases), small cells suppressed as locally, the PDF saves where she chooses and
prints, the report and the PDFs are made off the GUI thread, and the UI says what the server does not offer yet; a caseworker
sees no summary area, and one built anyway refuses as locally."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from stodapp.errors import AccessDenied
from stodapp.server.summary import ServerSummary
from stodapp.store.keyslots import KdfParams
from tests.ui.server.conftest import ADMIN_PASS, USER_PASS, make_unit
from ui.gate import StoreGate
from ui.summary.server_summary_area import ServerSummaryArea, audit_note, server_note

FAST = KdfParams.for_tests()
WAIT = 20000


def _connect(url: str, clock: Any, user: str = "anna") -> Any:
    from stodapp.core import Core

    return Core.connect_server(url, user, ADMIN_PASS if user == "admin" else USER_PASS, clock=clock, login_kdf=FAST)


def _seed(url: str, clock: Any) -> None:
    """January: Anna opens 4 cases, Bertil 3; February: Anna 2 (a small cell)."""
    anna, bertil = _connect(url, clock), _connect(url, clock, "bertil")
    try:
        for who, n in ((anna, 4), (bertil, 3)):
            for _ in range(n):
                who.cases.create_case()
        clock.advance(31 * 86400)
        for _ in range(2):
            anna.cases.create_case()
    finally:
        anna.close()
        bertil.close()


def _window(qtbot: Any, tmp_path: Path, prefs: Any, clock: Any, url: str, user: str) -> Any:
    from ui.main_window import MainWindow

    gate = StoreGate(tmp_path / "data", clock=clock)
    gate.login_kdf = FAST
    gate.profiles_file = tmp_path / "server-profiles.json"
    gate.use_server(url)
    window = MainWindow(gate.unlock(user, USER_PASS), gate, prefs, clock=clock)
    qtbot.addWidget(window)
    assert window.host is not None
    return window


def test_supervisor_counts_the_unit_saves_the_pdf_off_the_gui_thread(qtbot, tmp_path, prefs, clock, pg_server,  # type: ignore[no-untyped-def]
                                                                     pg_db, monkeypatch) -> None:
    url = make_unit(pg_server, pg_db, clock)
    _seed(url, clock)
    on_gui: list[str] = []
    for name in ("report", "pdf"):
        original = getattr(ServerSummary, name)

        def spy(self, *args, _name=name, _original=original, **kwargs):  # type: ignore[no-untyped-def]
            on_gui.append(f"{_name}:{threading.current_thread() is threading.main_thread()}")
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(ServerSummary, name, spy)
    window = _window(qtbot, tmp_path, prefs, clock, url, "sara")
    assert window.host.select("summary")
    area = window.host.widget_for("summary")
    assert isinstance(area, ServerSummaryArea) and area.summary_panel is not None
    assert area.note is not None and area.note.text() == server_note()
    assert [area.tabs.tabText(i) for i in range(area.tabs.count())] == ["Statistik", "Loggkontroll"]
    assert area.tabs.widget(1).accessibleName() == audit_note()  # said, not hidden: no audit review on the server
    panel = area.summary_panel
    assert panel.municipality.placeholderText() == "Enhetens namn"
    panel.period.set_months("2026-01", "2026-02")
    with qtbot.waitSignal(panel.sig_report_ready, timeout=WAIT) as ready:
        qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    report = ready.args[0]
    trend = next(tab for tab in report.tables if tab.metric_id == "new_cases_trend")
    assert trend.total == 9  # Anna's 6 and Bertil's 3: the whole unit, not one caseworker's cases
    # February's 2 is a small cell; January goes with it, as locally, or 9 - 7 would give February away.
    assert trend.cells == (("<5",), ("<5",))
    assert report.municipality == "Testenheten" and report.threshold == 5
    text = panel.preview.text()
    assert "Testenheten" in text and "registreras ännu inte" in text
    assert "Gränsvärde 5" in panel.status.text()

    target = tmp_path / "out" / "enheten"
    target.parent.mkdir()
    monkeypatch.setattr("ui.widgets.paper_actions.confirm", lambda *a, **k: True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    with qtbot.waitSignal(panel.sig_saved, timeout=WAIT) as saved:
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    from pypdf import PdfReader

    written = Path(saved.args[0])
    assert written == target.with_suffix(".pdf") and written.read_bytes().startswith(b"%PDF")
    assert "Testenheten" in "".join(page.extract_text() for page in PdfReader(written).pages)

    printed_to = tmp_path / "printed.pdf"  # "Skriv ut…" prints the pages of the same PDF (PaperActions)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed_to))
    panel.printer = printer
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: int(QDialog.DialogCode.Accepted))
    with qtbot.waitSignal(panel.sig_printed, timeout=WAIT) as printed:
        qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    assert printed.args[0] == len(PdfReader(written).pages) == len(PdfReader(printed_to).pages)
    assert on_gui == ["report:False", "pdf:False", "pdf:False"]
    window.close()


def test_caseworker_sees_no_summary_and_a_built_one_refuses(qtbot, tmp_path, prefs, clock, pg_server,  # type: ignore[no-untyped-def]
                                                            pg_db) -> None:
    url = make_unit(pg_server, pg_db, clock)
    window = _window(qtbot, tmp_path, prefs, clock, url, "anna")
    assert not window.host.select("summary")  # not in her navigation, as on a laptop
    window.close()
    anna, admin = _connect(url, clock), _connect(url, clock, "admin")
    try:
        area = ServerSummaryArea(anna)
        qtbot.addWidget(area)
        assert area.tabs.count() == 0 and area.summary_panel is None
        with pytest.raises(AccessDenied):
            anna.summary.report("2026-01", "2026-01")
        only_review = ServerSummaryArea(admin)  # the administrator's audit review is not on the server yet
        qtbot.addWidget(only_review)
        assert only_review.summary_panel is None and only_review.tabs.count() == 1
        assert only_review.tabs.widget(0).accessibleName() == audit_note()
    finally:
        anna.close()
        admin.close()
