"""Keep case windows out of screenshots and screen sharing on Windows (WDA_EXCLUDEFROMCAPTURE, security C4)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget

WDA_EXCLUDEFROMCAPTURE = 0x11


def exclude_from_capture(widget: QWidget) -> bool:
    """Ask Windows 10 2004+ to leave this top-level window out of captures; a no-op elsewhere (returns False)."""
    if sys.platform != "win32":
        return False
    try:
        import ctypes

        hwnd = int(widget.winId())
        return bool(ctypes.windll.user32.SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE))
    except (OSError, AttributeError, ValueError):
        return False
