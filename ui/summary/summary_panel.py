"""SummaryPanel: period and thresholds, "Skapa" in the background, preview, save as PDF and print."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QFileDialog,
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
from stodapp.summary.models import SummaryReport
from stodapp.summary.period import make_period
from stodapp.summary.report_pdf import MAX_LOGO_BYTES
from stodapp.summary.suppression import DEFAULT_CHILD_THRESHOLD, DEFAULT_THRESHOLD, MIN_THRESHOLD, check_thresholds
from ui.summary.chart_images import chart_pngs
from ui.summary.output_panel import ReportOutputPanel
from ui.summary.period_picker import MonthPeriodPicker
from ui.summary.report_html import period_label, summary_html
from ui.tasks import run_op

if TYPE_CHECKING:
    from ui.summary.source import SummarySource


def check_logo(data: bytes) -> bytes:
    """A PNG or JPEG of at most 2 MiB that decodes; otherwise UserInputError (same rules as the PDF)."""
    if len(data) > MAX_LOGO_BYTES:
        raise UserInputError(_("Logotypen är för stor (högst 2 MiB)."))
    if not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")) or QImage.fromData(data).isNull():
        raise UserInputError(_("Logotypen måste vara en PNG- eller JPEG-bild."))
    return data


class SummaryPanel(ReportOutputPanel):
    """Takes a `SummarySource` (the local `SummaryService` or the server's summary). `municipality_hint` is the
    empty name field's placeholder: where the cover's name comes from when none is typed."""

    sig_report_ready = Signal(object)  # SummaryReport

    def __init__(self, service: SummarySource, parent: QWidget | None = None, *, logo: bytes | None = None,
                 municipality_hint: str | None = None) -> None:
        super().__init__(_("Förhandsvisning av sammanställningen"), parent, what=_("sammanställningen"))
        self._service = service
        self.report: SummaryReport | None = None
        self._charts: dict[str, bytes] = {}
        self.logo: bytes | None = logo
        self.setAccessibleName(_("Sammanställning"))

        self.period = MonthPeriodPicker(service.today)
        self.threshold = QSpinBox()
        self.threshold.setRange(1, 99)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.threshold.setAccessibleName(_("Gränsvärde för små tal"))
        self.threshold.setToolTip(_("Antal under gränsvärdet visas som <gränsvärde. Minst {n}.").format(
            n=MIN_THRESHOLD))
        self.child_threshold = QSpinBox()
        self.child_threshold.setRange(1, 99)
        self.child_threshold.setValue(DEFAULT_CHILD_THRESHOLD)
        self.child_threshold.setAccessibleName(_("Gränsvärde för tabeller om barn"))
        for spin in (self.threshold, self.child_threshold):
            spin.setMinimumWidth(70)
        self.municipality = QLineEdit()
        self.municipality.setMaxLength(120)
        self.municipality.setPlaceholderText(municipality_hint or _("Enligt inställningen"))
        self.municipality.setAccessibleName(_("Kommunens namn på rapporten"))
        self.logo_label = QLabel()
        self.logo_label.setAccessibleName(_("Logotyp"))
        self.logo_button = QPushButton(_("Välj logotyp…"))
        self.logo_button.setAccessibleName(_("Välj logotyp"))
        self.no_logo_button = QPushButton(_("Ingen logotyp"))
        self.no_logo_button.setAccessibleName(_("Ingen logotyp"))
        self.generate_button = QPushButton(_("Skapa"))
        self.generate_button.setAccessibleName(_("Skapa sammanställning"))
        self.generate_button.setDefault(True)

        form = QFormLayout()
        form.addRow(_("Period"), self.period)
        limits = QHBoxLayout()
        limits.addWidget(self.threshold)
        child_label = QLabel(_("för tabeller om barn"))
        child_label.setBuddy(self.child_threshold)
        limits.addWidget(child_label)
        limits.addWidget(self.child_threshold)
        limits.addStretch(1)
        form.addRow(_("Gränsvärde (minst {n})").format(n=MIN_THRESHOLD), limits)
        place = QHBoxLayout()
        place.addWidget(self.municipality, 1)
        place.addWidget(self.logo_label)
        place.addWidget(self.logo_button)
        place.addWidget(self.no_logo_button)
        form.addRow(_("Kommun"), place)
        top = QHBoxLayout()
        top.addWidget(self.generate_button)
        top.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        layout.addLayout(self.output_row())

        self.generate_button.clicked.connect(self.generate)
        self.logo_button.clicked.connect(self.choose_logo)
        self.no_logo_button.clicked.connect(lambda: self.set_logo(None))
        self.set_logo(logo)

    # ---- logo ----------------------------------------------------------------------------------------------
    def set_logo(self, data: bytes | None) -> None:
        self.logo = data
        self.logo_label.setText(_("Logotyp vald") if data else _("Ingen logotyp"))
        self.no_logo_button.setEnabled(data is not None)
        if self.report is not None:
            self._render()

    def _render(self) -> None:
        """Show the current report with the current logo (the PDF gets the same logo)."""
        assert self.report is not None
        images = {f"chart-{k}": v for k, v in self._charts.items()}
        if self.logo:
            images["logo"] = self.logo
        self.show_report(summary_html(self.report, self._charts, logo=bool(self.logo)), images)

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Välj logotyp"), "", _("Bilder (*.png *.jpg *.jpeg)"))
        if not path:
            return
        try:
            self.set_logo(check_logo(Path(path).read_bytes()))
        except UserInputError as err:
            self.set_status(str(err), error=True)
        except OSError as err:
            self.set_status(_("Kan inte läsa logotypen: {reason}").format(reason=err.strerror or ""), error=True)

    # ---- generate ------------------------------------------------------------------------------------------
    def generate(self) -> None:
        """Validate here (same rules as the service) so bad input never starts any work; then run in the
        background."""
        first, last = self.period.first(), self.period.last()
        threshold, child = self.threshold.value(), self.child_threshold.value()
        try:
            make_period(first, last, self._service.today())
            check_thresholds(threshold, child)
        except UserInputError as err:
            self.set_status(str(err), error=True)
            return
        municipality = self.municipality.text().strip() or None
        service = self._service

        def work() -> tuple[SummaryReport, dict[str, bytes]]:
            report = service.report(first, last, threshold=threshold, child_threshold=child,
                                    municipality=municipality)
            return report, chart_pngs(report.tables)

        self.generate_button.setEnabled(False)
        self.set_status(_("Tar fram sammanställningen…"))
        run_op(self, work, lambda result: self._shown(result, threshold), self._failed,
               label=_("Tar fram sammanställningen…"))

    def _failed(self, exc: BaseException) -> None:
        self.generate_button.setEnabled(True)
        self.fail(exc)

    def _shown(self, result: tuple[SummaryReport, dict[str, bytes]], asked_threshold: int) -> None:
        self.generate_button.setEnabled(True)
        report, charts = result
        self.report = report
        self._charts = charts
        self._render()
        message = _("Klar: {period}, {n} tabeller. Gränsvärde {t}, för barn {c}.").format(
            period=period_label(report.period_first, report.period_last), n=len(report.tables),
            t=report.threshold, c=report.child_threshold)
        if report.threshold > asked_threshold:
            message += " " + _("Kommunens inställning kräver minst {t}; det gränsvärdet används.").format(
                t=report.threshold)
        self.set_status(message)
        self.sig_report_ready.emit(report)

    # ---- output --------------------------------------------------------------------------------------------
    def pdf_job(self) -> Callable[[], bytes]:
        report, logo, service = self.report, self.logo, self._service
        if report is None:
            raise UserInputError(_("Skapa sammanställningen först."))
        return lambda: bytes(service.pdf(report, logo))

    def default_filename(self) -> str:
        if self.report is None:
            return "sammanstallning.pdf"
        return f"sammanstallning_{self.report.period_first}_{self.report.period_last}.pdf"
