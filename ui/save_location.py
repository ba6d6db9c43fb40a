"""Where a save dialog opens: the user's Documents folder, never the working folder with earlier exports in it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from stodapp.i18n import _


def documents_dir() -> Path:
    """The user's Documents folder (Windows: the profile's Dokument), else her home folder; never the cwd."""
    for kind in (QStandardPaths.StandardLocation.DocumentsLocation, QStandardPaths.StandardLocation.HomeLocation):
        found = QStandardPaths.writableLocation(kind)
        if found and Path(found).is_dir():
            return Path(found)
    return Path.home()


def ask_save_path(parent: QWidget | None, title: str, default_name: str, name_filter: str = "",
                  suffix: str = "pdf") -> Path | None:
    """A save dialog in Documents with `default_name` filled in; the suffix is added when the user left it out.
    None when she cancelled or chose a folder."""
    dialog = QFileDialog(parent, title, str(documents_dir()), name_filter or _("PDF (*.pdf)"))
    dialog.setObjectName("stodapp_save_dialog")
    dialog.setAccessibleName(title)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setDefaultSuffix(suffix)
    dialog.selectFile(default_name)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    chosen = Path(dialog.selectedFiles()[0])
    if chosen.is_dir():
        return None
    if suffix and chosen.suffix.lower() != f".{suffix}":
        chosen = chosen.with_name(f"{chosen.name}.{suffix}")
    return chosen
