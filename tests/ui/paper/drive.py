"""Drive the real print, save and confirmation dialogs the code under test opens (no patched answers)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit, QMessageBox


def pdf_printer(out: Path) -> QPrinter:
    """A real printer whose output is a PDF file (Qt's own PDF engine: the print path a user's printer takes)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


Step = Callable[[QDialog], None]


def on_modals(*steps: Step, seen: list[QDialog] | None = None, tries: int = 600) -> None:
    """Run each step on the next modal dialog of the step's kind (`step.kind`, default any dialog) that opens,
    in order, polling the GUI event loop. A dialog that was already open when this was called is skipped."""
    pending = list(steps)
    before = QApplication.activeModalWidget()

    def attempt(left: int, last: object) -> None:
        modal = QApplication.activeModalWidget()
        kind = getattr(pending[0], "kind", QDialog)
        if isinstance(modal, kind) and modal.isVisible() and modal is not last and modal is not before:
            step = pending.pop(0)
            if seen is not None:
                seen.append(modal)
            step(modal)
            if not pending:
                return
            last = modal
        if left > 0:
            QTimer.singleShot(10, lambda: attempt(left - 1, last))

    QTimer.singleShot(0, lambda: attempt(tries, None))


def _kind(kind: type[QDialog]) -> Callable[[Step], Step]:
    def mark(step: Step) -> Step:
        step.kind = kind  # type: ignore[attr-defined]
        return step

    return mark


@_kind(QPrintDialog)
def accept_print(dialog: QDialog) -> None:
    assert isinstance(dialog, QPrintDialog), type(dialog)
    dialog.accept()


@_kind(QMessageBox)
def confirm_action(dialog: QDialog) -> None:
    """Press the default button (the action the user asked for) of a confirmation."""
    assert isinstance(dialog, QMessageBox), type(dialog)
    button = dialog.defaultButton()
    assert button is not None
    button.click()


def save_as(path: Path, directories: list[str] | None = None) -> Step:
    @_kind(QFileDialog)
    def step(dialog: QDialog) -> None:
        assert isinstance(dialog, QFileDialog), type(dialog)
        if directories is not None:
            directories.append(dialog.directory().absolutePath())
        dialog.setDirectory(str(path.parent))
        name_edit = dialog.findChild(QLineEdit, "fileNameEdit")  # what a user types into the name field
        assert name_edit is not None
        name_edit.setText(path.name)
        dialog.accept()

    return step


def page_ink(data: bytes, index: int = 0) -> list[float]:
    """Darkness of a page in a 12×16 grid (0 = white, 1 = black), to compare what was printed with the PDF.

    The page is rendered at about 150 dpi and area-averaged by Qt's smooth scaling: at a coarser render a
    hairline or hatch drawn as vectors is widened to a whole pixel while the printed raster keeps its true width,
    so the same page would look different."""
    doc = pdfium.PdfDocument(data)
    try:
        page = doc[index]
        width, _height = page.get_size()
        bitmap = page.render(scale=1240 / width, grayscale=True)
        image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                       QImage.Format.Format_Grayscale8).copy()
        bitmap.close()
        small = image.scaled(12, 16, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation)
        return [(255 - small.pixelColor(gx, gy).value()) / 255 for gy in range(16) for gx in range(12)]
    finally:
        doc.close()


def same_pages(printed: bytes, original: bytes) -> bool:
    """The printed file shows the original's pages: same count, and every page's ink grid within 0.04."""
    a, b = pdfium.PdfDocument(printed), pdfium.PdfDocument(original)
    try:
        if len(a) != len(b):
            return False
        count = len(a)
    finally:
        a.close()
        b.close()
    for i in range(count):
        diff = max(abs(x - y) for x, y in zip(page_ink(printed, i), page_ink(original, i), strict=True))
        if diff > 0.04:
            return False
    return True


def save_through(qtbot: Any, paper: Any, target: Path, *, warned: bool = True, timeout: int = 20000) -> Path:
    """Press "Spara som PDF…" on a PaperActions, Enter on its warning, choose `target` in the real save dialog."""
    steps = [confirm_action, save_as(target)] if warned else [save_as(target)]
    on_modals(*steps)
    with qtbot.waitSignal(paper.sig_saved, timeout=timeout) as saved:
        paper.save_action.trigger()
    return Path(saved.args[0])


def print_through(qtbot: Any, paper: Any, out: Path, timeout: int = 20000) -> int:
    """Press "Skriv ut…" on a PaperActions with a PDF-output printer and accept the real print dialog."""
    paper.printer = pdf_printer(out)
    on_modals(accept_print)
    with qtbot.waitSignal(paper.sig_printed, timeout=timeout) as printed:
        paper.print_action.trigger()
    return int(printed.args[0])
