"""The recovery key on paper: the sheet the first-run wizard and the administrator's "Ny återställningsnyckel…"
print (QPrintDialog, a real printer or PDF); the key never goes to the clipboard or a file."""

from __future__ import annotations

from html import escape
from typing import Any

from stodapp.i18n import _


def recovery_document_html(key: str, data_dir: str) -> str:
    return (
        "<h2>" + escape(_("stodapp – återställningsnyckel")) + "</h2>"
        + "<p>" + escape(_("Datamapp: {path}").format(path=data_dir)) + "</p>"
        + "<p style='font-family: monospace; font-size: 14pt'>" + escape(key) + "</p>"
        + "<p>" + escape(_("Förvara inlåst och åtskilt från datorn. "
                            "Den som har nyckeln kan öppna databasen."))
        + "</p>"
    )


def print_recovery_sheet(printer: Any, key: str, data_dir: str) -> None:
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(recovery_document_html(key, data_dir))
    doc.print_(printer)


def ask_and_print(parent: Any, key: str, data_dir: str) -> bool:
    """The print dialog, then the sheet; True when it was sent to the printer."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("stodapp_print_dialog")
    dialog.setWindowTitle(_("Skriv ut återställningsnyckeln"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_recovery_sheet(printer, key, data_dir)
    return True
