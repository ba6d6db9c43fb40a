"""Where things live: bundled resources (repo or frozen app) and the per-user data dir."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "stodapp"


def project_root() -> Path:
    """The folder holding checklists/ and resources/ (the repo, or PyInstaller's bundle dir)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_dir() -> Path:
    return project_root() / "resources"


def checklist_dir() -> Path:
    return project_root() / "checklists"


def default_data_dir() -> Path:
    """The user data dir (e.g. %LOCALAPPDATA%\\stodapp on Windows); STODAPP_DATA_DIR overrides it."""
    override = os.environ.get("STODAPP_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))
