"""RunnerSlot: the right-hand side of a Checklistor page — a hint until an assessment is open, then its runner."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from stodapp.checklists.runner_api import RunnerService
from stodapp.checklists.store_views import AssessmentView
from stodapp.i18n import _
from ui.checklists.runner import ChecklistRunner, _ask


class RunnerSlot(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner: ChecklistRunner | None = None
        self._layout = QVBoxLayout(self)
        self.placeholder = QLabel(_("Välj ärende och checklista och starta en ny bedömning, "
                                    "eller öppna en tidigare."), self)
        self.placeholder.setWordWrap(True)
        self._layout.addWidget(self.placeholder)

    def show_runner(self, service: RunnerService, view: AssessmentView,
                    confirm: Callable[[QWidget, str], bool] = _ask, *, background: bool = False) -> ChecklistRunner:
        """Replace the runner shown (if any) by one for `view`, saving and signing through `service` (on the
        background helper with `background`)."""
        if self.runner is not None:
            # Not setParent(None): that hands the widget to Python's ownership, and PySide then deletes it (and
            # wrappers it believes are its children) when the last reference goes, under Qt's feet.
            self._layout.removeWidget(self.runner)
            self.runner.hide()
            self.runner.deleteLater()
        self.placeholder.hide()
        self.runner = ChecklistRunner(service, view, self, confirm=confirm, background=background)
        self._layout.addWidget(self.runner)
        return self.runner
