"""The names of the saved server profiles, read without pydantic or SQLAlchemy: the sign-in window and the
first-run wizard list them before their first paint (stodapp.server.profiles validates a profile when it is used)."""

from __future__ import annotations

import json
from pathlib import Path

FILE_NAME = "server-profiles.json"


def profiles_path(data_dir: Path | None = None) -> Path:
    from stodapp.paths import default_data_dir

    return (data_dir or default_data_dir()) / FILE_NAME


def saved_profile_names(profiles_file: Path | None = None) -> list[str]:
    """Sorted profile names; [] when there is no file or it cannot be read (using a profile says why)."""
    try:
        data = json.loads((profiles_file or profiles_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return sorted(k for k in data if isinstance(k, str)) if isinstance(data, dict) else []
