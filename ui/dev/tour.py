"""The screen tour's machinery: showing a screen, visiting it, catching dialogs opened with exec().

`ui.dev.tour_run.run_tour(app, visit)` builds a throwaway demo store (fast key derivation, fictional data
only) in a temp dir, opens each screen at the size of the primary screen, lets it settle and calls
`visit(name, window)` with the top-level window on show. A dialog that the code opens with `exec()` is shown
non-modally, visited and rejected, so the tour reaches confirmations through the real code paths. Used by the
layout audit and `stodapp dev screenshots`; nothing here is part of the app a user runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QTabWidget, QWidget

Visit = Callable[[str, QWidget], None]
SECRET = "demo-visning-med-fiktiva-uppgifter"


def settle(ms: int = 30) -> None:
    """Run the event loop for `ms` (a QEventLoop, not a processEvents() busy loop: see tests/ui/shots.py)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(done: Callable[[], bool], timeout_ms: int = 20000) -> bool:
    waited = 0
    while not done():
        if waited >= timeout_ms:
            return False
        settle(20)
        waited += 20
    return True


def fit_to_screen(window: QWidget, full: bool = False) -> None:
    """A main window takes the whole available screen; a dialog keeps its own size, never more than the screen."""
    screen = window.screen() or QApplication.primaryScreen()
    avail = screen.availableGeometry()
    if full:
        window.setGeometry(avail)
        return
    if not window.testAttribute(Qt.WidgetAttribute.WA_Resized):
        window.adjustSize()  # a window that chose its own size keeps it, as when the app shows it
    size = window.size().boundedTo(avail.size())
    window.resize(size)
    window.move(avail.topLeft())


class Tour:
    """Shows screens one by one and hands each to `visit`; counts what it showed."""

    def __init__(self, visit: Visit, data: Path, lang: str) -> None:
        self._visit = visit
        self.data = data
        self.lang = lang
        self.screens = 0
        self.prefix = ""

    def visit(self, name: str, window: QWidget) -> None:
        window.show()
        settle()
        self.screens += 1
        self._visit(f"{self.lang}/{self.prefix}{name}", window)

    def dialog(self, name: str, dialog: QWidget) -> None:
        """Visit a dialog built by the code under test, then close and delete it."""
        fit_to_screen(dialog)
        self.visit(name, dialog)
        if isinstance(dialog, QDialog):
            dialog.reject()
        dialog.close()
        dialog.deleteLater()

    def tabs(self, name: str, window: QWidget, root: QWidget) -> None:
        """Visit every further page of every tab widget under `root` (the first page was visited already)."""
        for tabs in root.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for index in range(1, tabs.count()):
                tabs.setCurrentIndex(index)
                self.visit(f"{name}#tab{index}", window)
            tabs.setCurrentIndex(0)

    @contextmanager
    def modal_dialogs(self, name: str, accept: bool = False) -> Iterator[None]:
        """While active, a dialog's exec() shows it, visits it and rejects (or accepts) it."""
        originals = {cls: cls.exec for cls in (QDialog, QMessageBox)}
        tour = self

        def fake_exec(dialog: QDialog) -> int:
            fit_to_screen(dialog)
            tour.visit(f"{name}/{type(dialog).__name__}", dialog)
            if accept:
                dialog.accept()
                return int(QDialog.DialogCode.Accepted)
            dialog.reject()
            return int(QDialog.DialogCode.Rejected)

        for cls in originals:
            cls.exec = fake_exec  # type: ignore[method-assign]
        try:
            yield
        finally:
            for cls, original in originals.items():
                cls.exec = original  # type: ignore[method-assign]


def make_demo_store(data: Path) -> None:
    from stodapp.bench.dev_store import make_demo_store as make

    make(data, SECRET)


def main_window(tour: Tour, role: Any, prefs: QSettings) -> Any:
    from stodapp.core import Core
    from stodapp.demo import DEMO_USERS
    from ui.gate import StoreGate
    from ui.main_window import MainWindow

    core = Core.unlock(tour.data, DEMO_USERS[role], SECRET)
    win = MainWindow(core, StoreGate(tour.data), prefs)
    fit_to_screen(win, full=True)
    win.show()
    settle()
    return win
