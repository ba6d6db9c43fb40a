"""PaperActions: "Skriv ut…" and "Spara som PDF…" for one document the domain renders as PDF bytes.

The owner hands in `job()`, called on the GUI thread when a button is pressed: it reads what it needs from its
widgets and returns a function that builds the PDF bytes on a worker thread (or None when there is nothing to
print yet). Printing goes through QPrintDialog and draws those same pages (ui.widgets.pdf_pages), so paper and
file never differ. Saving asks for a place in Documents (ui.save_location) and writes the file readable only by
the user (stodapp.store.files.save_private). A step-up re-authentication asked for by the domain is handled by
ui.tasks.run_op (the passphrase prompt, then the job runs again).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QBoxLayout, QDialog, QHBoxLayout, QPushButton, QWidget

from stodapp.i18n import _
from stodapp.store.files import save_private
from ui.confirm import confirm
from ui.save_location import ask_save_path
from ui.tasks import error_text, run_op
from ui.widgets.pdf_pages import a4_portrait, print_pdf

PdfJob = Callable[[], bytes]


class PaperActions(QWidget):
    sig_printed = Signal(int)  # pages sent to the printer
    sig_saved = Signal(str)  # path written
    sig_failed = Signal(str)  # the one-line message (the owner shows it)

    def __init__(self, job: Callable[[], PdfJob | None], default_name: Callable[[], str], *, what: str,
                 warning: str = "", parent: QWidget | None = None, print_text: str = "",
                 save_text: str = "") -> None:
        """`what` names the document in accessible names and dialog titles ("säkerhetsplanen");
        `warning`, when set, is confirmed before a file is saved (e.g. that it holds confidential data)."""
        super().__init__(parent)
        self._job = job
        self._default_name = default_name
        self._what = what
        self._warning = warning
        self.printer: QPrinter | None = None
        self.last_path: Path | None = None
        self.print_button = QPushButton(print_text or _("Skriv ut…"), self)
        self.print_button.setAccessibleName(_("Skriv ut {what}").format(what=what))
        self.save_button = QPushButton(save_text or _("Spara som PDF…"), self)
        self.save_button.setAccessibleName(_("Spara {what} som PDF").format(what=what))
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        row: QBoxLayout = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)

    # ---- print ---------------------------------------------------------------------------------------------
    def ensure_printer(self) -> QPrinter:
        """One printer per document kind, kept so the dialog remembers the user's choices between prints."""
        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            a4_portrait(self.printer)
        self.printer.setDocName(self._default_name())
        return self.printer

    def print_document(self) -> None:
        work = self._job()
        if work is None:
            return
        self._busy(True)
        run_op(self, work, self._print_ready, self._failed, label=_("Förbereder utskrift…"))

    def _print_ready(self, data: bytes) -> None:
        self._busy(False)
        printer = self.ensure_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("stodapp_print_dialog")
        title = _("Skriv ut {what}").format(what=self._what)
        dialog.setWindowTitle(title)
        dialog.setAccessibleName(title)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            pages = print_pdf(data, printer)
        except Exception as exc:  # noqa: BLE001 - shown as one line, never a traceback
            self._failed(exc)
            return
        self.sig_printed.emit(pages)

    # ---- save ----------------------------------------------------------------------------------------------
    def save_document(self) -> None:
        if self._warning and not confirm(self, _("Spara som PDF"), self._warning, _("Välj plats och spara"),
                                         warning=True):
            return
        path = ask_save_path(self, _("Spara {what} som PDF").format(what=self._what), self._default_name())
        if path is None:
            return
        work = self._job()
        if work is None:
            return
        self._busy(True)
        run_op(self, work, lambda data: self._write(path, data), self._failed, label=_("Skapar PDF…"))

    def _write(self, path: Path, data: bytes) -> None:
        self._busy(False)
        try:
            save_private(path, data)
        except OSError as err:
            self.sig_failed.emit(
                _("Kunde inte spara filen: {reason}").format(reason=err.strerror or type(err).__name__))
            return
        self.last_path = path
        self.sig_saved.emit(str(path))

    # ---- shared --------------------------------------------------------------------------------------------
    def _busy(self, on: bool) -> None:
        self.print_button.setEnabled(not on)
        self.save_button.setEnabled(not on)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.sig_failed.emit(error_text(exc).splitlines()[0])
