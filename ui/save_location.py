"""Where a save dialog opens: the user's Documents folder, never the working folder with earlier exports in it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_dir() -> Path:
    """The user's Documents folder (Windows: the profile's Dokument), else her home folder; never the cwd."""
    for kind in (QStandardPaths.StandardLocation.DocumentsLocation, QStandardPaths.StandardLocation.HomeLocation):
        found = QStandardPaths.writableLocation(kind)
        if found and Path(found).is_dir():
            return Path(found)
    return Path.home()


def ask_save_path(parent: QWidget | None, title: str, default_name: str, name_filter: str = "",
                  suffix: str = "pdf") -> Path | None:
    """The platform's save dialog, opened in Documents with `default_name` filled in; the suffix is added when
    the user left it out. None when she cancelled or chose a folder."""
    path, _chosen_filter = QFileDialog.getSaveFileName(parent, title, str(documents_dir() / default_name),
                                                       name_filter or "PDF (*.pdf)")
    if not path:
        return None
    chosen = Path(path)
    if chosen.is_dir():
        return None
    if suffix and chosen.suffix.lower() != f".{suffix}":
        chosen = chosen.with_name(f"{chosen.name}.{suffix}")
    return chosen
