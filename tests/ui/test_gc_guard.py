"""Cyclic garbage is collected on the GUI thread only: automatic collection is off while the app runs, and the
GUI thread's timer frees a cycle that holds a dead widget (never a worker thread that happens to allocate)."""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtWidgets import QWidget

from ui import gc_guard


class _Holder:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it
        self.widget: QWidget | None = QWidget()


def test_automatic_collection_is_off_and_the_timer_collects(qtbot: Any, qapp: Any) -> None:
    collector = gc_guard.install(qapp)
    assert gc_guard.install(qapp) is collector and not gc.isenabled()
    gc.collect()
    freed: list[str] = []
    holder = _Holder()
    assert holder.widget is not None
    holder.widget.destroyed.connect(lambda: freed.append("widget"))
    del holder
    for _n in range(gc.get_threshold()[0] + 10):  # enough allocations to pass the youngest threshold
        _Holder().widget = None
    qtbot.waitUntil(lambda: freed == ["widget"], timeout=5000)
