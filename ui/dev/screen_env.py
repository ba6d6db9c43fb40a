"""The offscreen screen a headless run pretends to have: size in physical pixels and a scale factor.

Qt reads QT_SCALE_FACTOR and the platform plugin options when the QApplication is created, so `configure`
must run before that (a fresh process: the CLI command or a test's subprocess).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

SIZES = ("1280x720", "1920x1080@1.5")
_SIZE = re.compile(r"^(\d{3,5})x(\d{3,5})(?:@(\d(?:\.\d{1,2})?))?$")


@dataclass(frozen=True)
class ScreenSize:
    width: int  # physical pixels
    height: int
    scale: float

    @property
    def tag(self) -> str:
        return f"{self.width}x{self.height}" + ("" if self.scale == 1 else f"@{self.scale:g}")

    @property
    def logical(self) -> tuple[int, int]:
        return round(self.width / self.scale), round(self.height / self.scale)


def parse_size(text: str) -> ScreenSize | None:
    """`1280x720` or `1920x1080@1.5`; None when it is neither (the caller says what is wrong)."""
    match = _SIZE.match(text.strip())
    if match is None:
        return None
    scale = float(match.group(3) or 1)
    if not 1 <= scale <= 4:
        return None
    return ScreenSize(int(match.group(1)), int(match.group(2)), scale)


def configure(size: ScreenSize) -> Path:
    """Set the offscreen platform to one screen of `size`; returns the config file (delete it when done)."""
    handle, name = tempfile.mkstemp(prefix="stodapp-screen-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump({"screens": [{"name": "audit", "x": 0, "y": 0, "width": size.width, "height": size.height,
                                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}, out)
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={name}"
    os.environ["QT_SCALE_FACTOR"] = f"{size.scale:g}"
    os.environ.pop("QT_SCREEN_SCALE_FACTORS", None)
    os.environ.pop("QT_AUTO_SCREEN_SCALE_FACTOR", None)
    return Path(name)
