"""Python's cyclic garbage collector runs on the GUI thread only (as Anki does).

A collection runs in whichever thread happens to allocate. Run in a background worker (a PDF being built, a screen
being read), it can free a dead dialog's Qt object there, and a Qt object must be destroyed on the thread that owns
it: the process then crashes (seen in CI: a segmentation fault in the worker building the summary PDF). So
automatic collection is switched off and a timer on the GUI thread collects by the same generation thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds, youngest first (GUI thread)."""
        young, middle, old = gc.get_count()
        if young > self._threshold[0]:
            gc.collect(0)
            if middle > self._threshold[1]:
                gc.collect(1)
                if old > self._threshold[2]:
                    gc.collect(2)


def install(app: QObject) -> GuiThreadCollector:
    """Once per application (`app` owns the collector); returns it."""
    found = app.findChild(GuiThreadCollector)
    return found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)
