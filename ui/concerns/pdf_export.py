"""Saving a report's PDF: a warning first, then only where the user chooses (never a default location)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from stodapp.errors import DiskError
from stodapp.i18n import _
from ui.confirm import confirm
from ui.tasks import run_op


def confirm_export(parent: QWidget | None) -> bool:
    return confirm(
        parent,
        _("Spara orosanmälan som PDF"),
        _("PDF-filen innehåller sekretessbelagda uppgifter om ett barn. Spara den bara på en plats som din "
          "organisation har godkänt, skicka den säkert och radera den när den har skickats."),
        _("Välj plats och spara"),
        warning=True,
    )


def choose_path(parent: QWidget | None, default_name: str) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(parent, _("Spara PDF"), default_name, "PDF (*.pdf)")
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == ".pdf" else chosen.with_name(chosen.name + ".pdf")


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder so a failure never leaves half a PDF."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".stodapp-", suffix=".part", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as err:
        raise DiskError(_("Kunde inte spara filen ({reason}).").format(reason=err.strerror or "OSError")) from None


def save_pdf(parent: QWidget, make_pdf: Callable[[], bytes], default_name: str,
             on_saved: Callable[[Path], None], on_error: Callable[[BaseException], None]) -> bool:
    """Warn, ask for a path, then render and write in the background. False when the user cancelled."""
    if not confirm_export(parent):
        return False
    path = choose_path(parent, default_name)
    if path is None:
        return False

    def work() -> Path:
        write_atomically(path, make_pdf())
        return path

    run_op(parent, work, on_saved, on_error, label=_("Skapar PDF…"))
    return True
