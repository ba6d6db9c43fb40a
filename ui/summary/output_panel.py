"""ReportOutputPanel: what the summary and audit review panels share — status line, preview, save and print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from stodapp.i18n import _
from stodapp.store.files import save_private
from ui.confirm import confirm
from ui.save_location import ask_save_path
from ui.summary.preview import ReportPreview
from ui.tasks import error_text, run_op


class ReportOutputPanel(QWidget):
    """Subclasses build their inputs, call `show_report(html, images)` and implement `pdf_job()`."""

    sig_saved = Signal(str)  # path written
    sig_printed = Signal(int)  # pages printed
    sig_failed = Signal(str)  # the one-line message shown

    def __init__(self, preview_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.printer: QPrinter | None = None
        self.preview = ReportPreview(preview_name)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status"))
        self.save_button = QPushButton(_("Spara som PDF…"))
        self.save_button.setAccessibleName(_("Spara som PDF"))
        self.print_button = QPushButton(_("Skriv ut…"))
        self.print_button.setAccessibleName(_("Skriv ut"))
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_report)
        self._set_output_enabled(False)

    def output_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
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
        self.save_button.setEnabled(on)
        self.print_button.setEnabled(on)

    # ---- save ----------------------------------------------------------------------------------------------
    def confirm_save(self) -> bool:
        return confirm(
            self,
            _("Spara som PDF"),
            _(
                "Filen sparas okrypterad på den plats du väljer. Spara den bara där obehöriga inte kommer åt "
                "den, och radera den när den inte längre behövs."
            ),
            _("Välj plats och spara"),
            warning=True,
        )

    def save_pdf(self) -> None:
        if not self.preview.has_content or not self.confirm_save():
            return
        target = ask_save_path(self, _("Spara som PDF"), self.default_filename())
        if target is None:
            return
        self.save_button.setEnabled(False)
        run_op(self, self.pdf_job(), lambda data: self._write(target, data), self._save_failed,
               label=_("Skapar PDF…"))

    def _write(self, target: Path, data: bytes) -> None:
        self.save_button.setEnabled(True)
        try:
            save_private(target, data)
        except OSError as err:
            self.set_status(_("Kunde inte spara filen: {reason}").format(reason=err.strerror or type(err).__name__),
                            error=True)
            return
        self.set_status(_("Sparad: {path}").format(path=str(target)))
        self.sig_saved.emit(str(target))

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.fail(exc)

    # ---- print ---------------------------------------------------------------------------------------------
    def ensure_printer(self) -> QPrinter:
        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            self.printer.setDocName(self.default_filename())
        return self.printer

    def print_report(self) -> None:
        if not self.preview.has_content:
            return
        printer = self.ensure_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Skriv ut"))
        dialog.setAccessibleName(_("Skriv ut"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        pages = self.preview.print_to(printer)
        self.set_status(_("Skickad till skrivaren ({n} sidor).").format(n=pages))
        self.sig_printed.emit(pages)
