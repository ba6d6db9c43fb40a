"""ReportOutputPanel: what the summary and audit review panels share — status line, preview, save and print.

Both "Skriv ut…" and "Spara som PDF…" go through PaperActions (ui.widgets.paper_actions): the print dialog gets
the pages of the very PDF the save writes, not the on-screen preview (which is HTML laid out by Qt and paginates
differently), so paper and file never differ.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from stodapp.i18n import N_, _
from ui.summary.preview import ReportPreview
from ui.tasks import error_text
from ui.widgets.paper_actions import PaperActions, PdfJob

#: The confirmation before a report is saved (aggregate figures and log lines; the file is not encrypted).
REPORT_WARNING = N_("Filen sparas okrypterad på den plats du väljer. Spara den bara där obehöriga inte kommer åt "
                    "den, och radera den när den inte längre behövs.")


class ReportOutputPanel(QWidget):
    """Subclasses build their inputs, call `show_report(html, images)` and implement `pdf_job()`."""

    sig_saved = Signal(str)  # path written
    sig_printed = Signal(int)  # pages printed
    sig_failed = Signal(str)  # the one-line message shown

    def __init__(self, preview_name: str, parent: QWidget | None = None, *, what: str = "") -> None:
        super().__init__(parent)
        self.preview = ReportPreview(preview_name)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status"))
        # No parent yet: it joins the focus chain when output_row() puts it in the layout, after the inputs.
        self.paper = PaperActions(self._paper_job, self.default_filename, what=what or _("rapporten"),
                                  warning=_(REPORT_WARNING))
        self.print_button = cast(QPushButton, self.paper.buttons[0])
        self.save_button = cast(QPushButton, self.paper.buttons[1])
        self.paper.sig_printed.connect(self._printed)
        self.paper.sig_saved.connect(self._saved)
        self.paper.sig_failed.connect(lambda text: self.set_status(text, error=True))
        self._set_output_enabled(False)

    @property
    def printer(self) -> QPrinter | None:
        """The printer the print dialog starts from (kept between prints; tests put a PDF-output one here)."""
        return self.paper.printer

    @printer.setter
    def printer(self, printer: QPrinter | None) -> None:
        self.paper.printer = printer

    def output_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.paper)
        return row

    # ---- for subclasses ------------------------------------------------------------------------------------
    def pdf_job(self) -> Callable[[], bytes]:
        """A function that builds the PDF bytes (runs on a worker thread; must not touch widgets)."""
        raise NotImplementedError

    def default_filename(self) -> str:
        raise NotImplementedError

    def show_report(self, html: str, images: dict[str, bytes]) -> None:
        self.preview.set_content(html, images)
        self._set_output_enabled(True)

    def set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #a00000; font-weight: bold;" if error else "")
        if error:
            self.sig_failed.emit(text)

    def fail(self, exc: BaseException) -> None:
        self.set_status(error_text(exc).splitlines()[0], error=True)

    def _set_output_enabled(self, on: bool) -> None:
        self.paper.setEnabled(on)

    # ---- print and save (PaperActions) ---------------------------------------------------------------------
    def _paper_job(self) -> PdfJob | None:
        return self.pdf_job() if self.preview.has_content else None

    def _printed(self, pages: int) -> None:
        self.set_status(_("Skickad till skrivaren ({n} sidor).").format(n=pages))
        self.sig_printed.emit(pages)

    def _saved(self, path: str) -> None:
        self.set_status(_("Sparad: {path}").format(path=path))
        self.sig_saved.emit(path)
