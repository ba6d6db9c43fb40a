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
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMenu, QPushButton, QToolButton, QWidget

from stodapp.i18n import N_, _
from stodapp.store.files import save_private
from ui.confirm import confirm
from ui.save_location import ask_save_path
from ui.tasks import error_text, run_op
from ui.widgets.pdf_pages import a4_portrait, print_pdf

PdfJob = Callable[[], bytes]

#: The confirmation before a document with case data is saved (the file is not encrypted).
EXPORT_WARNING = N_("Filen innehåller sekretessbelagda uppgifter och sparas okrypterad där du väljer. Spara den "
                    "bara där obehöriga inte kommer åt den, och radera den när den inte längre behövs.")


class PaperActions(QWidget):
    sig_printed = Signal(int)  # pages sent to the printer
    sig_saved = Signal(str)  # path written
    sig_failed = Signal(str)  # the one-line message (the owner shows it)

    def __init__(self, job: Callable[[], PdfJob | None], default_name: Callable[[], str], *, what: str,
                 warning: str = "", menu_text: str = "", parent: QWidget | None = None) -> None:
        """`what` names the document in accessible names and dialog titles ("säkerhetsplanen");
        `warning`, when set, is confirmed before a file is saved (e.g. that it holds confidential data);
        `menu_text`, when set, shows one button with that text and a menu instead of two buttons (tight rows)."""
        super().__init__(parent)
        self._job = job
        self._default_name = default_name
        self._what = what
        self._warning = warning
        self.printer: QPrinter | None = None
        self.last_path: Path | None = None
        self.print_action = QAction(_("Skriv ut…"), self)
        self.save_action = QAction(_("Spara som PDF…"), self)
        self.print_action.triggered.connect(self.print_document)
        self.save_action.triggered.connect(self.save_document)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QWidget] = []
        if menu_text:
            menu = QMenu(self)
            menu.setAccessibleName(menu_text.rstrip("…"))
            menu.addAction(self.print_action)
            menu.addAction(self.save_action)
            tool = QToolButton(self)
            tool.setText(menu_text)
            tool.setAccessibleName(menu_text.rstrip("…"))
            tool.setToolTip(_("Skriv ut eller spara {what} som PDF").format(what=what))
            tool.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            tool.setMenu(menu)
            row.addWidget(tool)
            self.buttons.append(tool)
            return
        for action, name in ((self.print_action, _("Skriv ut {what}").format(what=what)),
                             (self.save_action, _("Spara {what} som PDF").format(what=what))):
            button = QPushButton(action.text(), self)
            button.setAccessibleName(name)
            button.clicked.connect(action.trigger)
            row.addWidget(button)
            self.buttons.append(button)

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
    def confirm_save(self) -> bool:
        """The warning before an unencrypted file is written; Enter goes on ("Välj plats och spara")."""
        return not self._warning or confirm(self, _("Spara som PDF"), self._warning, _("Välj plats och spara"),
                                            warning=True)

    def save_document(self) -> None:
        if not self.confirm_save():
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
        self.print_action.setEnabled(not on)
        self.save_action.setEnabled(not on)
        for button in self.buttons:
            button.setEnabled(not on)

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.sig_failed.emit(error_text(exc).splitlines()[0])
