"""pytest-qt: summary area roles, preview -> print dialog (PDF printer), save, bad input, audit review."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QLineEdit,
    QTextBrowser,
    QWidget,
)

from stodapp import audit
from tests.ui.paper.drive import same_pages
from ui.areas import discover, for_role
from ui.summary.summary_area import SummaryAreaWidget

WAIT_MS = 20_000


def pdf_reader(path: Path) -> PdfReader:
    return PdfReader(io.BytesIO(path.read_bytes()))


def pdf_reader_bytes(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def actions(core: Any) -> list[str]:
    with core.ctx.session() as s:
        return [e.action for e in audit.events(s)]


def month(core: Any, back: int = 0) -> str:
    today = core.summary.today()
    k = today.year * 12 + today.month - 1 - back
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


def area(qtbot: Any, core: Any) -> SummaryAreaWidget:
    w = SummaryAreaWidget(core)
    qtbot.addWidget(w)
    w.resize(1000, 800)
    return w


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def capture_pdfs(panel: Any, monkeypatch: Any) -> list[bytes]:
    """Record the PDF bytes each print or save job of `panel` builds (the real job still runs)."""
    made: list[bytes] = []
    original = panel.pdf_job

    def job() -> Any:
        work = original()

        def run() -> bytes:
            data = bytes(work())
            made.append(data)
            return data

        return run

    monkeypatch.setattr(panel, "pdf_job", job)
    return made


def generate(qtbot: Any, w: SummaryAreaWidget) -> Any:
    panel = w.summary_panel
    assert panel is not None
    with qtbot.waitSignal(panel.sig_report_ready, timeout=WAIT_MS) as ready:
        qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    return ready.args[0]


def test_area_only_for_supervisors_and_administrators() -> None:
    specs = discover()
    assert "summary" in [s.id for s in specs]
    for role in ("handlaggare", "utbildare"):
        assert "summary" not in [s.id for s in for_role(specs, role)]
    for role in ("arbetsledare", "administrator"):
        assert "summary" in [s.id for s in for_role(specs, role)]


def test_caseworker_and_trainer_get_no_tabs_even_if_built(qtbot: Any, open_core: Any) -> None:
    for name in ("anna", "tove"):
        w = area(qtbot, open_core(name))
        assert w.tabs.count() == 0 and w.summary_panel is None and w.audit_panel is None


def test_preview_then_print_dialog_to_pdf_printer(qtbot: Any, open_core: Any, tmp_path: Path,
                                                  monkeypatch: Any) -> None:
    core = open_core("sara")
    w = area(qtbot, core)
    panel = w.summary_panel
    assert panel is not None and w.audit_panel is not None and w.tabs.count() == 2
    assert not panel.print_button.isEnabled() and not panel.save_button.isEnabled()
    panel.period.set_months(month(core, 2), month(core))
    panel.municipality.setText("Fiktiva kommunen")
    report = generate(qtbot, w)
    assert report.period_first == month(core, 2) and report.period_last == month(core)
    assert report.municipality == "Fiktiva kommunen"
    assert "summary.generate" in actions(core)
    text = panel.preview.text()
    assert "Sammanställning för uppföljning" in text and "Fiktiva kommunen" in text and "Om metoden" in text
    for table in report.tables:
        assert table.title in text
    assert panel.print_button.isEnabled()

    out = tmp_path / "printed.pdf"
    panel.printer = pdf_printer(out)
    made = capture_pdfs(panel, monkeypatch)
    shown: list[QPrintDialog] = []

    def accept(dialog: QPrintDialog) -> int:
        shown.append(dialog)
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    with qtbot.waitSignal(panel.sig_printed, timeout=WAIT_MS) as printed:
        qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    assert len(shown) == 1 and shown[0].printer() is panel.printer
    assert out.exists() and out.stat().st_size > 1000
    # Paper is the PDF "Spara som PDF" writes, not the on-screen preview: same pages, same ink on each.
    assert len(made) == 1
    pdf = pdfium.PdfDocument(made[0])
    try:
        assert len(pdf) == printed.args[0] >= 1
        pdf_text = " ".join(" ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf)))
    finally:
        pdf.close()
    assert "Sammanställning för uppföljning" in pdf_text and "Fiktiva kommunen" in pdf_text
    assert len(pdf_reader(out).pages) == printed.args[0]
    assert same_pages(out.read_bytes(), made[0])
    assert same_pages(made[0], bytes(core.summary.pdf(report, None)))
    assert f"({printed.args[0]} sidor)" in panel.status.text()


def test_print_dialog_cancelled_prints_nothing(qtbot: Any, open_core: Any, tmp_path: Path,
                                               monkeypatch: Any) -> None:
    w = area(qtbot, open_core("sara"))
    generate(qtbot, w)
    panel = w.summary_panel
    assert panel is not None
    out = tmp_path / "never.pdf"
    panel.printer = pdf_printer(out)
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: int(QDialog.DialogCode.Rejected))
    printed: list[int] = []
    panel.sig_printed.connect(printed.append)
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    assert not out.exists() and printed == []


def test_save_as_pdf_after_warning_only_where_chosen(qtbot: Any, open_core: Any, tmp_path: Path,
                                                     monkeypatch: Any) -> None:
    core = open_core("sara")
    w = area(qtbot, core)
    generate(qtbot, w)
    panel = w.summary_panel
    assert panel is not None
    asked: list[str] = []

    def no_path(*_args: Any, **_kw: Any) -> tuple[str, str]:
        asked.append("path")
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", no_path)
    monkeypatch.setattr("ui.widgets.paper_actions.confirm", lambda *a, **k: False)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert asked == []  # cancelled at the warning: no file dialog, nothing written

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "rapport"  # no suffix: .pdf is added
    monkeypatch.setattr("ui.widgets.paper_actions.confirm", lambda *a, **k: True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    with qtbot.waitSignal(panel.sig_saved, timeout=WAIT_MS) as saved:
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    written = Path(saved.args[0])
    assert written == out_dir / "rapport.pdf" and written.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in out_dir.iterdir()) == ["rapport.pdf"]
    assert "Sammanställning för uppföljning" in pdf_reader(written).pages[0].extract_text()
    assert "summary.pdf" in actions(core)


@pytest.mark.parametrize(
    ("first_back", "last_back", "threshold", "message"),
    [
        (0, 2, 5, "Perioden är tom"),
        (0, -1, 5, "framtiden"),
        (1, 0, 2, "minst 3"),
    ],
)
def test_bad_input_shows_message_and_produces_nothing(qtbot: Any, open_core: Any, first_back: int,
                                                      last_back: int, threshold: int, message: str) -> None:
    core = open_core("sara")
    w = area(qtbot, core)
    panel = w.summary_panel
    assert panel is not None
    before = actions(core)
    panel.period.set_months(month(core, first_back), month(core, last_back))
    panel.threshold.setValue(threshold)
    failures: list[str] = []
    panel.sig_failed.connect(failures.append)
    ready: list[Any] = []
    panel.sig_report_ready.connect(ready.append)
    qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert len(failures) == 1 and message in failures[0] and "\n" not in failures[0]
    assert message in panel.status.text()
    assert ready == [] and panel.report is None and not panel.preview.has_content
    assert not panel.save_button.isEnabled() and not panel.print_button.isEnabled()
    assert actions(core) == before  # no summary was generated or audited


def test_child_threshold_below_general_is_refused(qtbot: Any, open_core: Any) -> None:
    w = area(qtbot, open_core("sara"))
    panel = w.summary_panel
    assert panel is not None
    panel.threshold.setValue(6)
    panel.child_threshold.setValue(4)
    qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    assert "barn" in panel.status.text() and panel.report is None


def test_raised_threshold_is_used_and_shown(qtbot: Any, open_core: Any) -> None:
    w = area(qtbot, open_core("sara"))
    panel = w.summary_panel
    assert panel is not None
    panel.threshold.setValue(7)
    panel.child_threshold.setValue(12)
    report = generate(qtbot, w)
    assert report.threshold == 7 and report.child_threshold == 12
    assert "<7" in panel.preview.text() and "Gränsvärde 7" in panel.status.text()


def test_administrator_sees_audit_review_only_and_gets_anchor(qtbot: Any, open_core: Any, tmp_path: Path,
                                                              monkeypatch: Any) -> None:
    core = open_core("admin")
    w = area(qtbot, core)
    assert w.summary_panel is None and w.tabs.count() == 1
    panel = w.audit_panel
    assert panel is not None
    with qtbot.waitSignal(panel.sig_review_ready, timeout=WAIT_MS) as ready:
        qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    review = ready.args[0]
    assert review.chain_ok and len(panel.head.text()) == 64 and panel.head.text() == review.chain_head
    assert str(review.chain_count) in panel.chain_label.text() and "hel" in panel.chain_label.text()
    assert review.chain_head in panel.preview.text() and "Loggkontroll" in panel.preview.text()
    assert "audit.review" in actions(core)

    out = tmp_path / "review.pdf"
    panel.printer = pdf_printer(out)
    made = capture_pdfs(panel, monkeypatch)
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: int(QDialog.DialogCode.Accepted))
    with qtbot.waitSignal(panel.sig_printed, timeout=WAIT_MS) as printed:
        qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    assert len(made) == 1 and len(pdf_reader(out).pages) == printed.args[0] == len(pdf_reader_bytes(made[0]).pages)
    assert same_pages(out.read_bytes(), made[0])
    assert review.chain_head in "".join(p.extract_text() for p in pdf_reader_bytes(made[0]).pages).replace("\n", "")

    saved_to = tmp_path / "granskning.pdf"
    monkeypatch.setattr("ui.widgets.paper_actions.confirm", lambda *a, **k: True)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved_to), "PDF (*.pdf)"))
    with qtbot.waitSignal(panel.sig_saved, timeout=WAIT_MS):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert review.chain_head in "".join(p.extract_text() for p in pdf_reader(saved_to).pages).replace("\n", "")


def test_audit_review_bad_period(qtbot: Any, open_core: Any) -> None:
    core = open_core("sara")
    w = area(qtbot, core)
    panel = w.audit_panel
    assert panel is not None
    before = actions(core)
    panel.first_edit.setDate(panel.last_edit.date().addDays(3))
    qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    assert "tom" in panel.status.text() and panel.review is None and not panel.save_button.isEnabled()
    panel.first_edit.setDate(panel.last_edit.date().addDays(40))
    panel.last_edit.setDate(panel.last_edit.date().addDays(50))
    qtbot.mouseClick(panel.generate_button, Qt.MouseButton.LeftButton)
    assert "framtiden" in panel.status.text() and panel.review is None
    assert actions(core) == before


def test_every_interactive_widget_has_an_accessible_name(qtbot: Any, open_core: Any) -> None:
    w = area(qtbot, open_core("sara"))
    kinds = (QAbstractButton, QLineEdit, QAbstractSpinBox, QComboBox, QTextBrowser)
    widgets = [x for x in w.findChildren(QWidget) if isinstance(x, kinds)]
    assert len(widgets) >= 15
    unnamed = [type(x).__name__ for x in widgets if not x.accessibleName()
               and x.parent() is not None and not isinstance(x.parent(), QAbstractSpinBox | QComboBox)
               and x.focusPolicy() != Qt.FocusPolicy.NoFocus and not x.objectName().startswith("qt_")]
    assert unnamed == []


def test_keyboard_enter_on_generate_runs_the_summary(qtbot: Any, open_core: Any) -> None:
    w = area(qtbot, open_core("sara"))
    panel = w.summary_panel
    assert panel is not None
    w.show()
    panel.generate_button.setFocus()
    with qtbot.waitSignal(panel.sig_report_ready, timeout=WAIT_MS):
        qtbot.keyClick(panel.generate_button, Qt.Key.Key_Space)
    assert panel.preview.has_content
