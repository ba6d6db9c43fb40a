"""SummarySource: what the summary panel needs from a store — the local `SummaryService` or the server's
`ServerSummary` (both give the same `SummaryReport` and PDF)."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from stodapp.summary.models import SummaryReport


class SummarySource(Protocol):
    def today(self) -> date:
        """Today in Stockholm by the store's clock (the periods are whole Stockholm months)."""

    def report(self, first: str, last: str, *, threshold: int | None = None, child_threshold: int | None = None,
               municipality: str | None = None) -> SummaryReport:
        """Aggregate and suppress the whole months `first`..`last` (YYYY-MM); runs off the GUI thread."""

    def pdf(self, report: SummaryReport, logo: bytes | None = None) -> bytes:
        """The report as PDF bytes; runs off the GUI thread."""
