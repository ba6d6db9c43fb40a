"""The next-steps panel: suggestions from the rules after a "yes", each done, declined or postponed."""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stodapp.cases.asking_models import STEP_STATUS, NextStepView
from stodapp.errors import StodError
from stodapp.i18n import _
from ui.cases.error_line import ErrorLine

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService


class NextStepsPanel(QWidget):
    sig_changed = Signal()
    sig_referrals = Signal(int, str)  # step id, rule id: open the referral suggestions for that step

    def __init__(self, service: CaseService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._case_id: int | None = None
        self._steps: list[NextStepView] = []
        lay = QVBoxLayout(self)
        title = QLabel(_("Nästa steg"), self)
        title.setStyleSheet("font-weight: bold;")
        lay.addWidget(title)
        # Acute danger: built here with the steps it summarises, but the case view places it at the top of the case,
        # full width (case_detail.py), so it is never squeezed or cut by the panel's share of the height.
        self.acute = QLabel(self)
        self.acute.setWordWrap(True)
        self.acute.setAccessibleName(_("Akut fara"))
        self.acute.setStyleSheet(
            "QLabel { background: #fde2e1; color: #6b0f0b; border: 2px solid #b3261e; padding: 6px; }"
        )
        self.acute.hide()
        lay.addWidget(self.acute)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel { background: #fff0c2; color: #5a3b00; padding: 4px; }")
        self.warning.hide()
        lay.addWidget(self.warning)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Förslag på nästa steg"))
        self.list.setWordWrap(True)
        lay.addWidget(self.list)
        row = QHBoxLayout()
        self.done = self._button(_("Klart"), row)
        self.decline = self._button(_("Avböj…"), row)
        self.postpone = self._button(_("Skjut upp en vecka"), row)
        lay.addLayout(row)
        self.referrals = QPushButton(_("Föreslå hänvisningar…"), self)
        self.referrals.setAccessibleName(_("Föreslå hänvisningar"))
        self.referrals.setEnabled(False)
        for button in (self.done, self.decline, self.postpone):
            button.setEnabled(False)
        lay.addWidget(self.referrals)
        self.error = ErrorLine(self)
        lay.addWidget(self.error)
        self.done.clicked.connect(self._mark_done)
        self.decline.clicked.connect(self._mark_declined)
        self.postpone.clicked.connect(self._mark_postponed)
        self.referrals.clicked.connect(self._open_referrals)
        self.list.currentRowChanged.connect(self._sync_referrals)

    def _button(self, text: str, row: QHBoxLayout) -> QPushButton:
        b = QPushButton(text, self)
        b.setAccessibleName(text)
        row.addWidget(b)
        return b

    def load(self, case_id: int) -> None:
        self.show_steps(case_id, self._service.asking.next_steps(case_id))

    def show_steps(self, case_id: int, steps: list[NextStepView]) -> None:
        """Show steps already read (the case screen reads them in its one transaction)."""
        self._case_id = case_id
        self._steps = steps
        self.list.clear()
        warnings = []
        acute: list[str] = []
        for step in self._steps:
            title = step.title.current()
            detail = step.detail.current() if step.detail else ""
            if step.priority == "akut" and step.status in ("oppen", "uppskjuten"):
                acute.append(f"<b>{html.escape(title)}</b><br>{html.escape(detail)}")
            status = _(STEP_STATUS.get(step.status, step.status))
            text = f"{title} — {status}"
            if step.reason:
                text += f" ({step.reason})"
            if step.postponed_to:
                text += " " + _("till {d}").format(d=step.postponed_to.isoformat())
            item = QListWidgetItem(text, self.list)
            item.setToolTip(detail)
            if step.warning and step.status in ("oppen", "uppskjuten"):
                warnings.append(step.warning.current())
        self._sync_referrals()
        self.acute.setText("<br><br>".join(acute))
        self.acute.setVisible(bool(acute))
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))

    def titles(self) -> list[str]:
        """The step titles as shown (in the UI's language)."""
        return [s.title.current() for s in self._steps]

    def select_rule(self, rule_id: str) -> None:
        for i, s in enumerate(self._steps):
            if s.rule_id == rule_id:
                self.list.setCurrentRow(i)

    def _current(self) -> NextStepView | None:
        row = self.list.currentRow()
        return self._steps[row] if 0 <= row < len(self._steps) else None

    def _sync_referrals(self) -> None:
        # The step actions only make sense for a selected step (they used to stay enabled and do nothing).
        step = self._current()
        for button in (self.done, self.decline, self.postpone):
            button.setEnabled(step is not None)
        self.referrals.setEnabled(step is not None and step.target == "referrals")

    def _open_referrals(self) -> None:
        step = self._current()
        if step is not None and step.target == "referrals":
            self.sig_referrals.emit(step.id, step.rule_id)

    def _resolve(self, status: str, reason: str = "", postponed_to: date | None = None) -> None:
        step = self._current()
        if step is None or self._case_id is None:
            self.error.show_error(_("Välj ett förslag i listan först."))
            return
        try:
            self._service.asking.resolve(step.id, status, reason=reason, postponed_to=postponed_to)
        except StodError as err:
            self.error.show_error(str(err))
            return
        self.error.clear_error()
        self.load(self._case_id)
        self.sig_changed.emit()

    def _mark_done(self) -> None:
        step = self._current()
        reason = ""
        if step is not None and step.requires_legal_basis:
            reason, ok = QInputDialog.getText(self, _("Lagstöd"), _("Lagstöd eller samtycke:"))
            if not ok:
                return
        self._resolve("klar", reason)

    def _mark_declined(self) -> None:
        reason, ok = QInputDialog.getText(self, _("Avböj förslag"), _("Varför avböjs förslaget?"))
        if ok:
            self._resolve("avbojd", reason)

    def _mark_postponed(self) -> None:
        self._resolve("uppskjuten", postponed_to=self._service.today() + timedelta(days=7))
