"""PaperActions: a real QPrinter (PDF output) gets the same pages as the PDF; saving goes to Documents, 0600."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from reportlab.platypus import PageBreak, Paragraph

from stodapp.pdf.base import build_pdf, styles
from tests.ui.paper.drive import accept_print, confirm_action, on_modals, pdf_printer, same_pages, save_as
from ui.save_location import documents_dir
from ui.widgets.paper_actions import PaperActions


def _document() -> bytes:
    st = styles()
    story: list[Any] = [Paragraph("Fiktiv rubrik för provutskrift", st["h1"]),
                        Paragraph("Första sidan. " * 40, st["body"]), PageBreak(),
                        Paragraph("Andra sidan med annan text. " * 80, st["body"])]
    return build_pdf(story, title="Prov")


def _paper(qtbot: Any, data: bytes, warning: str = "") -> PaperActions:
    paper = PaperActions(lambda: (lambda: data), lambda: "prov.pdf", what="provet", warning=warning)
    qtbot.addWidget(paper)
    return paper


def test_print_sends_the_pdf_pages_to_a_real_printer(qtbot: Any, tmp_path: Path) -> None:
    data = _document()
    paper = _paper(qtbot, data)
    out = tmp_path / "printed.pdf"
    paper.printer = pdf_printer(out)
    on_modals(accept_print)
    with qtbot.waitSignal(paper.sig_printed, timeout=20000) as printed:
        paper.print_action.trigger()
    assert printed.args == [2]
    assert same_pages(out.read_bytes(), data)
    assert not same_pages(out.read_bytes(), build_pdf([Paragraph("Något helt annat", styles()["h1"])] * 2,
                                                       title="x"))


def test_page_range_from_the_dialog_is_respected(qtbot: Any, tmp_path: Path) -> None:
    data = _document()
    paper = _paper(qtbot, data)
    out = tmp_path / "page2.pdf"
    paper.printer = pdf_printer(out)
    paper.printer.setPrintRange(paper.printer.PrintRange.PageRange)
    paper.printer.setFromTo(2, 2)

    def accept_keeping_range(dialog: Any) -> None:
        dialog.setFromTo(2, 2)
        dialog.setPrintRange(dialog.PrintRange.PageRange)
        accept_print(dialog)

    on_modals(accept_keeping_range)
    with qtbot.waitSignal(paper.sig_printed, timeout=20000) as printed:
        paper.print_action.trigger()
    assert printed.args == [1]
    import pypdfium2 as pdfium

    only = pdfium.PdfDocument(out.read_bytes())
    assert len(only) == 1
    only.close()


def test_cancelled_print_prints_nothing(qtbot: Any, tmp_path: Path) -> None:
    paper = _paper(qtbot, _document())
    out = tmp_path / "never.pdf"
    paper.printer = pdf_printer(out)
    seen: list[Any] = []
    on_modals(lambda d: d.reject(), seen=seen)
    paper.print_action.trigger()
    qtbot.waitUntil(lambda: bool(seen) and not seen[0].isVisible(), timeout=20000)
    qtbot.wait(50)
    assert not out.exists()


def test_save_opens_in_documents_and_writes_private_file(qtbot: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    workdir = tmp_path / "work"
    workdir.mkdir()
    (workdir / "earlier-export.pdf").write_bytes(b"%PDF-old")
    monkeypatch.chdir(workdir)
    data = _document()
    paper = _paper(qtbot, data, warning="Filen innehåller sekretessbelagda uppgifter.")
    target = tmp_path / "saved" / "prov.pdf"
    target.parent.mkdir()
    folders: list[str] = []
    on_modals(confirm_action, save_as(target, folders))
    with qtbot.waitSignal(paper.sig_saved, timeout=20000) as saved:
        paper.save_action.trigger()
    assert saved.args == [str(target)]
    assert target.read_bytes() == data
    assert folders == [str(documents_dir())]
    assert Path(folders[0]) != workdir
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_failing_job_says_one_line_and_writes_nothing(qtbot: Any, tmp_path: Path) -> None:
    from stodapp.errors import AccessDenied

    def job() -> bytes:
        raise AccessDenied("Du har inte behörighet till ärendet.")

    paper = PaperActions(lambda: job, lambda: "x.pdf", what="provet")
    qtbot.addWidget(paper)
    paper.printer = pdf_printer(tmp_path / "x.pdf")
    with qtbot.waitSignal(paper.sig_failed, timeout=20000) as failed:
        paper.print_action.trigger()
    assert failed.args == ["Du har inte behörighet till ärendet."]
    assert not (tmp_path / "x.pdf").exists()
    assert paper.print_action.isEnabled()


def test_menu_form_offers_both_actions_and_buttons_form_clicks_through(qtbot: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QPushButton, QToolButton

    data = _document()
    compact = PaperActions(lambda: (lambda: data), lambda: "prov.pdf", what="provet", menu_text="Provet…")
    qtbot.addWidget(compact)
    tool = compact.findChild(QToolButton)
    assert tool is not None and tool.text() == "Provet…"
    assert [a.text() for a in tool.menu().actions()] == ["Skriv ut…", "Spara som PDF…"]
    paper = _paper(qtbot, data)
    buttons = paper.findChildren(QPushButton)
    assert [b.accessibleName() for b in buttons] == ["Skriv ut provet", "Spara provet som PDF"]
    paper.printer = pdf_printer(tmp_path / "b.pdf")
    on_modals(accept_print)
    with qtbot.waitSignal(paper.sig_printed, timeout=20000):
        buttons[0].click()
    assert (tmp_path / "b.pdf").exists()
