"""The Windows screen-capture exclusion code path, driven with a fake user32 on any platform."""

from __future__ import annotations

import ctypes
from typing import Any

import pytest

from stodapp.hardening_windows import (
    WDA_EXCLUDEFROMCAPTURE,
    WDA_MONITOR,
    capture_affinity,
    exclude_from_capture,
)


class FakeUser32:
    """Records calls; `supported` lists the affinities this 'Windows version' accepts."""

    def __init__(self, supported: set[int]) -> None:
        self.supported = supported
        self.calls: list[tuple[int, int]] = []
        self.affinity: dict[int, int] = {}

    def SetWindowDisplayAffinity(self, hwnd: int, value: int) -> int:  # noqa: N802 - the Win32 name
        self.calls.append((hwnd, value))
        if value in self.supported:
            self.affinity[hwnd] = value
            return 1
        return 0

    def GetWindowDisplayAffinity(self, hwnd: int, out: Any) -> int:  # noqa: N802
        if hwnd not in self.affinity:
            return 0
        ctypes.cast(out, ctypes.POINTER(ctypes.c_uint32)).contents.value = self.affinity[hwnd]
        return 1


def test_excluded_on_current_windows() -> None:
    fake = FakeUser32({WDA_EXCLUDEFROMCAPTURE, WDA_MONITOR})
    assert exclude_from_capture(0x1234, fake) == "excluded"
    assert fake.calls == [(0x1234, 0x11)]
    assert capture_affinity(0x1234, fake) == WDA_EXCLUDEFROMCAPTURE


def test_falls_back_to_monitor_on_older_windows() -> None:
    fake = FakeUser32({WDA_MONITOR})
    assert exclude_from_capture(77, fake) == "monitor"
    assert fake.calls == [(77, WDA_EXCLUDEFROMCAPTURE), (77, WDA_MONITOR)]
    assert capture_affinity(77, fake) == WDA_MONITOR


def test_refusal_is_reported_not_raised() -> None:
    fake = FakeUser32(set())
    assert exclude_from_capture(5, fake) == "failed"
    assert capture_affinity(5, fake) is None


@pytest.mark.parametrize("bad", [0, -1, True, "12", None])
def test_bad_handle_is_refused(bad: Any) -> None:
    with pytest.raises(ValueError, match="fönsterhandtag"):
        exclude_from_capture(bad, FakeUser32({WDA_EXCLUDEFROMCAPTURE}))


def test_not_windows_is_unsupported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    assert exclude_from_capture(1) == "unsupported"
    assert capture_affinity(1) is None
