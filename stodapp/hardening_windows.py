"""Windows: keep top-level windows out of screenshots, screen sharing and recording (security.md C-series).

SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE) (Windows 10 2004+) removes the window from captures; older
Windows only knows WDA_MONITOR, which shows a black box instead. The user32 object is injectable so the code path
is unit-tested with a fake on any platform; the UI calls `exclude_from_capture(int(widget.winId()))` for each
top-level window after it is shown (the core never imports Qt).
"""

from __future__ import annotations

import sys
from typing import Any, Literal

WDA_NONE = 0x00
WDA_MONITOR = 0x01
WDA_EXCLUDEFROMCAPTURE = 0x11

Outcome = Literal["excluded", "monitor", "failed", "unsupported"]


def _user32() -> Any | None:
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    user32.SetWindowDisplayAffinity.argtypes = (wintypes.HWND, wintypes.DWORD)
    user32.SetWindowDisplayAffinity.restype = wintypes.BOOL
    user32.GetWindowDisplayAffinity.argtypes = (wintypes.HWND, ctypes.POINTER(wintypes.DWORD))
    user32.GetWindowDisplayAffinity.restype = wintypes.BOOL
    return user32


def exclude_from_capture(hwnd: int, user32: Any | None = None) -> Outcome:
    """Exclude one top-level window from capture. Never raises for an OS refusal: the caller logs the outcome."""
    if isinstance(hwnd, bool) or not isinstance(hwnd, int) or hwnd <= 0:
        raise ValueError("ogiltigt fönsterhandtag")
    api = user32 if user32 is not None else _user32()
    if api is None:
        return "unsupported"
    if api.SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE):
        return "excluded"
    if api.SetWindowDisplayAffinity(hwnd, WDA_MONITOR):  # before Windows 10 2004: black box in captures
        return "monitor"
    return "failed"


def capture_affinity(hwnd: int, user32: Any | None = None) -> int | None:
    """The window's current display affinity (for diagnostics and tests), None when unknown."""
    api = user32 if user32 is not None else _user32()
    if api is None:
        return None
    import ctypes
    from ctypes import wintypes

    value = wintypes.DWORD(0)
    if not api.GetWindowDisplayAffinity(hwnd, ctypes.byref(value)):
        return None
    return int(value.value)
