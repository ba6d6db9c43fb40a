"""RetentionPanel: the administrator's "Gallring" tab: the dry-run report, the holds, and "Gallra nu".

The report and the holds are read off the GUI thread (`ui.tasks.ScreenLoader`). "Gallra nu" asks first with
"Avbryt" as the default button (Enter cancels; the deletion needs an explicit click), then always asks for the
passphrase again (`ui.step_up.confirm_now`), then culls exactly the number the report showed
(`RetentionService.cull(expected=…)` refuses when the store changed meanwhile) and says how many went.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from stodapp.i18n import _
from stodapp.labels import retention_reason_label
from ui.tasks import ScreenLoader, error_text, run_op

if TYPE_CHECKING:
    from stodapp.core import Core
    from stodapp.retention.service import CullResult, HoldInfo, RetentionReport
    from ui.change_bus import ChangeBus


class RetentionPanel(QWidget):
    sig_culled = Signal(int)
    """Emitted (GUI thread) with the number of cases culled after "Gallra nu" succeeded."""

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._report: RetentionReport | None = None
        self._culling = False
        self._loader = ScreenLoader(self)
        self._setup_ui()
        self.reload()

    # ---- layout -----------------------------------------------------------------------------------------------
    def _setup_ui(self) -> None:
        lay = QVBoxLayout(self)
        report_box = QGroupBox(_("Gallringsrapport (inget raderas förrän du väljer Gallra nu)"), self)
        rl = QVBoxLayout(report_box)
        self.rule_label = QLabel("", report_box)
        self.rule_label.setWordWrap(True)
        self.rule_label.setAccessibleName(_("Gallringsregel"))
        rl.addWidget(self.rule_label)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, text in (("cases_total", _("Ärenden totalt:")),
                          ("due", _("Gallringsbara (gallringstiden har gått):")),
                          ("held", _("Sparas ändå (se skälen nedan):")),
                          ("to_cull", _("Gallras om du väljer Gallra nu:")),
                          ("overdue", _("Försenade (borde redan ha gallrats):")),
                          ("next_due", _("Nästa ärende blir gallringsbart:"))):
            value = QLabel("–", report_box)
            value.setAccessibleName(text.rstrip(":"))
            self.values[key] = value
            form.addRow(text, value)
        rl.addLayout(form)
        lay.addWidget(report_box)

        # The action and its result sit above the tables, so they stay in view however long the lists get.
        row = QHBoxLayout()
        self.reload_button = QPushButton(_("&Uppdatera rapporten"), self)
        self.reload_button.setAccessibleName(_("Uppdatera gallringsrapporten"))
        self.reload_button.clicked.connect(self.reload)
        row.addWidget(self.reload_button)
        row.addStretch(1)
        self.cull_button = QPushButton(_("&Gallra nu…"), self)
        self.cull_button.setAccessibleName(_("Gallra nu"))
        self.cull_button.setEnabled(False)
        self.cull_button.clicked.connect(self.cull)
        row.addWidget(self.cull_button)
        lay.addLayout(row)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status"))
        lay.addWidget(self.status)

        why_box = QGroupBox(_("Varför ärenden sparas"), self)
        wl = QHBoxLayout(why_box)
        self.reasons = QTableWidget(0, 2, why_box)
        self.reasons.setHorizontalHeaderLabels([_("Skäl att spara"), _("Gallringsbara ärenden som sparas")])
        self.reasons.setAccessibleName(_("Skäl att spara gallringsbara ärenden"))
        self.holds = QTableWidget(0, 3, why_box)
        self.holds.setHorizontalHeaderLabels([_("Ärende"), _("Gallringsstopp"), _("Sedan")])
        self.holds.setAccessibleName(_("Gallringsstopp"))
        for table in (self.reasons, self.holds):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.verticalHeader().setVisible(False)
            wl.addWidget(table, 1)
        lay.addWidget(why_box, 1)

    # ---- reading ----------------------------------------------------------------------------------------------
    def watch_changes(self, bus: ChangeBus) -> None:
        """A hold set or released anywhere, or cases culled or created, changes the report."""
        bus.watch({"retention", "cases"}, lambda _change: self.reload(), self)

    def reload(self) -> None:
        retention = self._core.retention
        self.cull_button.setEnabled(False)
        self.reload_button.setEnabled(False)
        self._loader.load(lambda: (retention.report(), retention.holds()), self._show, self._failed_load)

    def _failed_load(self, exc: BaseException) -> None:
        self.reload_button.setEnabled(True)
        self.status.setText(error_text(exc))

    def _show(self, loaded: tuple[RetentionReport, list[HoldInfo]]) -> None:
        report, holds = loaded
        self._report = report
        rule = _("Regel per {on}: {rule}.").format(on=report.on.isoformat(), rule=report.rule)
        if not report.provision_confirmed:  # the citation names the open question; this says what to do
            rule += " " + _("Bekräfta paragrafen med kommunens jurist innan ni gallrar.")
        self.rule_label.setText(rule)
        held = sum(report.held.values())
        shown = {"cases_total": str(report.cases_total), "due": str(report.due), "held": str(held),
                 "to_cull": str(report.to_cull), "overdue": str(report.overdue),
                 "next_due": report.next_due.isoformat() if report.next_due else _("inget ärende väntar")}
        for key, text in shown.items():
            self.values[key].setText(text)
        self.reasons.setRowCount(len(report.held))
        for r, (reason, count) in enumerate(report.held.items()):
            self.reasons.setItem(r, 0, QTableWidgetItem(retention_reason_label(reason)))
            self.reasons.setItem(r, 1, QTableWidgetItem(str(count)))
        self.holds.setRowCount(len(holds))
        for r, hold in enumerate(holds):
            for c, text in enumerate((_("Ärende {n}").format(n=hold.case_id), retention_reason_label(hold.reason),
                                      hold.since.isoformat())):
                self.holds.setItem(r, c, QTableWidgetItem(text))
        self.reload_button.setEnabled(True)
        self.cull_button.setEnabled(report.to_cull > 0 and not self._culling)
        if report.to_cull == 0 and not self.status.text():
            self.status.setText(_("Inga ärenden att gallra i dag."))

    # ---- culling ----------------------------------------------------------------------------------------------
    def cull(self) -> None:
        """Confirm (Avbryt is the default), step up, cull the number the report showed, say the result."""
        from ui import step_up
        from ui.confirm import confirm

        report = self._report
        if report is None or report.to_cull == 0 or self._culling:
            return
        n = report.to_cull
        text = _("{n} ärenden raderas för alltid med alla personer, anteckningar och bedömningar. Det går inte "
                 "att ångra, och de finns inte kvar i säkerhetskopior som tas efter detta.").format(n=n)
        if not confirm(self, _("Gallra ärenden"), text, _("Radera {n} ärenden").format(n=n), warning=True,
                       safe_default=True):
            self.status.setText(_("Ingenting gallrades."))
            return
        if not step_up.confirm_now(self, _("Bekräfta med din lösenfras för att gallra {n} ärenden.").format(n=n)):
            self.status.setText(_("Ingenting gallrades: lösenfrasen bekräftades inte."))
            return
        self._culling = True
        self.cull_button.setEnabled(False)
        retention = self._core.retention
        run_op(self, lambda: retention.cull(expected=n), self._culled, self._cull_failed,
               label=_("Gallrar och skriver över raderat utrymme…"))

    def _culled(self, result: CullResult) -> None:
        self._culling = False
        self.status.setText(_("{n} ärenden gallrade.").format(n=result.cases))
        self.sig_culled.emit(result.cases)
        self.reload()

    def _cull_failed(self, exc: BaseException) -> None:
        self._culling = False
        self.status.setText(error_text(exc))
        self.reload()

    @property
    def report(self) -> Any:
        """The report shown now (None while the first load runs)."""
        return self._report
