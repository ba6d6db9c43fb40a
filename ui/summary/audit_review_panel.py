"""AuditReviewPanel: period and sample size, review in the background, the chain anchor, preview, save, print."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from stodapp.errors import UserInputError
from stodapp.i18n import _
from stodapp.summary.audit_review_models import AuditReviewReport
from ui.summary.audit_html import audit_html, chain_status
from ui.summary.output_panel import ReportOutputPanel
from ui.tasks import run_op

if TYPE_CHECKING:
    from stodapp.summary.audit_review import AuditReviewService


def _day_edit(accessible: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setAccessibleName(accessible)
    return edit


class AuditReviewPanel(ReportOutputPanel):
    """Takes an AuditReviewService-like object (`review(first, last, sample_size=)`, `pdf(report)`) and a
    function giving today's date in Stockholm."""

    sig_review_ready = Signal(object)  # AuditReviewReport

    def __init__(self, service: AuditReviewService, today: Callable[[], Any], parent: QWidget | None = None) -> None:
        super().__init__(_("Förhandsvisning av loggkontrollen"), parent, what=_("loggkontrollen"))
        self._service = service
        self._today = today
        self.review: AuditReviewReport | None = None
        self.setAccessibleName(_("Loggkontroll"))

        day = today()
        self.first_edit = _day_edit(_("Från datum"))
        self.last_edit = _day_edit(_("Till datum"))
        start = day - timedelta(days=30)
        self.first_edit.setDate(QDate(start.year, start.month, start.day))
        self.last_edit.setDate(QDate(day.year, day.month, day.day))
        self.sample = QSpinBox()
        self.sample.setRange(0, 500)
        self.sample.setValue(20)
        self.sample.setAccessibleName(_("Stickprovets storlek"))
        self.generate_button = QPushButton(_("Skapa loggkontroll"))
        self.generate_button.setAccessibleName(_("Skapa loggkontroll"))
        self.generate_button.setDefault(True)
        self.chain_label = QLabel(_("Ingen kontroll gjord ännu."))
        self.chain_label.setAccessibleName(_("Granskningsloggens status"))
        self.chain_label.setWordWrap(True)
        self.head = QLineEdit()
        self.head.setReadOnly(True)
        self.head.setAccessibleName(_("Huvudsumma för förankring"))
        self.head.setPlaceholderText(_("Huvudsumma"))

        period = QHBoxLayout()
        period.addWidget(self.first_edit)
        period.addWidget(QLabel(_("till")))
        period.addWidget(self.last_edit)
        period.addStretch(1)
        form = QFormLayout()
        form.addRow(_("Period"), period)
        form.addRow(_("Stickprov (händelser)"), self.sample)
        top = QHBoxLayout()
        top.addWidget(self.generate_button)
        top.addWidget(self.status, 1)
        anchor = QFormLayout()
        anchor.addRow(_("Kedjan"), self.chain_label)
        anchor.addRow(_("Huvudsumma"), self.head)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(top)
        layout.addLayout(anchor)
        layout.addWidget(self.preview, 1)
        layout.addLayout(self.output_row())
        self.generate_button.clicked.connect(self.generate)

    def first(self) -> str:
        return self.first_edit.date().toString("yyyy-MM-dd")

    def last(self) -> str:
        return self.last_edit.date().toString("yyyy-MM-dd")

    def generate(self) -> None:
        first, last, size = self.first(), self.last(), self.sample.value()
        if self.first_edit.date() > self.last_edit.date():
            self.set_status(_("Perioden är tom: från-datumet ligger efter till-datumet."), error=True)
            return
        today = self._today()
        if self.first_edit.date() > QDate(today.year, today.month, today.day):
            self.set_status(_("Perioden ligger i framtiden."), error=True)
            return
        service = self._service
        self.generate_button.setEnabled(False)
        self.set_status(_("Granskar loggen…"))
        run_op(self, lambda: service.review(first, last, sample_size=size), self._shown, self._failed,
               label=_("Granskar loggen…"))

    def _failed(self, exc: BaseException) -> None:
        self.generate_button.setEnabled(True)
        self.fail(exc)

    def _shown(self, review: AuditReviewReport) -> None:
        self.generate_button.setEnabled(True)
        self.review = review
        self.chain_label.setText(chain_status(review) + " " + _("Antal händelser: {n}.").format(n=review.chain_count))
        self.chain_label.setStyleSheet("" if review.chain_ok else "color: #a00000; font-weight: bold;")
        self.head.setText(review.chain_head)
        self.show_report(audit_html(review), {})
        self.set_status(
            _("Klar: {n} händelser i perioden, {g} nödåtkomster, {p} till skyddade personer, {o} utanför "
              "ärendelistan.").format(n=review.events_in_period, g=len(review.break_glass),
                                      p=len(review.protected), o=len(review.outside_caseload))
        )
        self.sig_review_ready.emit(review)

    def pdf_job(self) -> Callable[[], bytes]:
        review, service = self.review, self._service
        if review is None:
            raise UserInputError(_("Skapa loggkontrollen först."))
        return lambda: bytes(service.pdf(review))

    def default_filename(self) -> str:
        if self.review is None:
            return "loggkontroll.pdf"
        return f"loggkontroll_{self.review.first_day}_{self.review.last_day}.pdf"
