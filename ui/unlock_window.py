"""UnlockWindow: the start-up sign-in window (sign-in form, or the integrity-failure screen)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from stodapp.clock import Clock
from stodapp.i18n import _
from ui.unlock_panel import UnlockPanel


class UnlockWindow(QMainWindow):
    sig_unlocked = Signal(object)
    """Emitted with the unlocked Core."""
    sig_store_missing = Signal()
    """Emitted when the data directory has no store after all (show the first-run wizard)."""

    def __init__(self, gate: Any, parent: QWidget | None = None, *, clock: Clock | None = None,
                 username: str = "", message: str = "", prefs: Any = None) -> None:
        super().__init__(parent)
        self._gate = gate
        self.setWindowTitle(_("stodapp – logga in"))
        self.setObjectName("UnlockWindow")
        self._stack = QStackedWidget(self)
        self.setCentralWidget(self._stack)
        self.panel = UnlockPanel(gate, self._stack, clock=clock, username=username, message=message,
                                 prefs=prefs)
        self.panel.sig_unlocked.connect(self.sig_unlocked.emit)
        self.panel.sig_store_problem.connect(self._on_problem)
        self._stack.addWidget(self.panel)
        self.problem: Any = None  # StoreProblemPanel, imported only when needed
        self.resize(640, 420)
        self.panel.focus_first()
        self.guide: Any = None  # GuideWindow, built on the first F1
        from PySide6.QtGui import QKeySequence, QShortcut

        QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self, self.open_guide)

    def open_guide(self) -> Any:
        """F1 before signing in: the guide's "Komma igång" page (signing in, locking, backups)."""
        from ui.guide.guide_window import GuideWindow
        from ui.guide.pages import START

        if self.guide is None:
            self.guide = GuideWindow(self, START)
        else:
            self.guide.show_page(START)
        self.guide.show()
        return self.guide

    def _on_problem(self, kind: str, detail: str) -> None:
        if kind == "missing":
            self.sig_store_missing.emit()
            return
        from ui.store_problem import StoreProblemPanel

        if self.problem is not None:
            self._stack.removeWidget(self.problem)
            self.problem.deleteLater()
        self.problem = StoreProblemPanel(self._gate, detail, self._stack)
        self.problem.sig_retry.connect(self.show_sign_in)
        self.problem.sig_quit.connect(self.close)
        self._stack.addWidget(self.problem)
        self._stack.setCurrentWidget(self.problem)
        self.setWindowTitle(_("stodapp – databasen kunde inte öppnas"))

    def show_sign_in(self) -> None:
        self._stack.setCurrentWidget(self.panel)
        self.setWindowTitle(_("stodapp – logga in"))
        self.panel.focus_first()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        self.panel.cleanup()
        super().closeEvent(event)
