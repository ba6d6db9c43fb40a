"""SummaryAreaWidget: tabs for the statistics (supervisors) and the audit review (supervisors, administrators)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from stodapp.access import allowed
from stodapp.calendar_se import local_date
from stodapp.errors import StodError
from stodapp.i18n import _

if TYPE_CHECKING:
    from stodapp.core import Core
    from ui.summary.audit_review_panel import AuditReviewPanel
    from ui.summary.summary_panel import SummaryPanel


def municipality_logo(core: Core) -> bytes | None:
    """The logo the administrator stored with the municipality's own referral entries, if any."""
    try:
        entries = core.referrals.local_entries()
        return entries.logo.raw() if entries is not None and entries.logo is not None else None
    except (StodError, ValueError):
        return None


class SummaryAreaWidget(QWidget):
    """Shows only the tabs the signed-in role may use; the services check the role again."""

    def __init__(self, core: Core, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Sammanställning"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Sammanställning och loggkontroll"))
        self.summary_panel: SummaryPanel | None = None
        self.audit_panel: AuditReviewPanel | None = None
        principal = core.principal
        if allowed(principal, "summary.read"):
            from ui.summary.summary_panel import SummaryPanel

            self.summary_panel = SummaryPanel(core.summary, logo=municipality_logo(core))
            self.tabs.addTab(self.summary_panel, _("Statistik"))
        if allowed(principal, "audit.review"):
            from ui.summary.audit_review_panel import AuditReviewPanel

            self.audit_panel = AuditReviewPanel(core.audit_review, stockholm_today(core))
            self.tabs.addTab(self.audit_panel, _("Loggkontroll"))
        layout = QVBoxLayout(self)
        if self.tabs.count() == 0:
            layout.addWidget(QLabel(_("Din roll har inte tillgång till sammanställningar.")))
            self.tabs.hide()
        layout.addWidget(self.tabs)


def stockholm_today(core: Core) -> Callable[[], date]:
    """Today's date in Stockholm by the core's clock (the audit review's days are Stockholm days)."""
    return lambda: local_date(core.clock.now())
