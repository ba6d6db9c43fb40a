"""The supervisor's summary on the unit's server: the local `SummaryService` report, counted over the whole unit.

The same fact functions and tables (`stodapp.summary.compute.build_tables`) run over the supervisor's own
PostgreSQL session. Her role reads only non-identifying columns — `cases` (id, status, unit, opened/closed
dates and month), the `users` list and the fact views of migration 6 — so the report decrypts nothing and
needs no case assignment: row-level security gives her every case row for statistics (policy `cases_stats`).
Whatever the server does not hold in clear, or keeps from her role (persons, checklists, referrals, …), is
reported as "not recorded in this store", as the local report does for a store without that fact view.

Deny-by-default as on the local store (`summary.read`); both the report and its PDF are audited
(`summary.generate`, `summary.pdf`), each in the one HMAC chain of the unit. Thresholds: the local defaults (a
caller may raise them, never lower them); the cover names the unit unless `--municipality` is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import select

from stodapp.access import require
from stodapp.server import schema as t
from stodapp.server.store import ServerStore
from stodapp.summary.compute import build_tables
from stodapp.summary.models import SummaryReport
from stodapp.summary.period import make_period
from stodapp.summary.service import assemble, check_requested, effective_thresholds

STOCKHOLM = ZoneInfo("Europe/Stockholm")


class ServerSummary:
    def __init__(self, store: ServerStore) -> None:
        self._store = store

    def today(self) -> date:
        return self._store.clock.now().astimezone(STOCKHOLM).date()

    def report(
        self,
        first: str,
        last: str,
        *,
        threshold: int | None = None,
        child_threshold: int | None = None,
        municipality: str | None = None,
        metric_ids: Sequence[str] | None = None,
    ) -> SummaryReport:
        """Aggregate, suppress and publish the metrics for whole months `first`..`last` (YYYY-MM), whole unit."""
        require(self._store.principal, "summary.read")
        today = self.today()
        period = make_period(first, last, today)
        check_requested(threshold, child_threshold)
        tt, c = effective_thresholds((None, None), threshold, child_threshold)
        with self._store.session() as s:
            tables = build_tables(s, period, tt, c, metric_ids)
            if municipality is None:
                meta = dict(s.execute(select(t.server_meta.c.key, t.server_meta.c.value).where(
                    t.server_meta.c.key.in_(("municipality_name", "unit_name")))).all())
                municipality = meta.get("municipality_name") or meta.get("unit_name") or ""
            self._store.audit(s, "summary.generate", "summary", f"{period.first}..{period.last}")
        return assemble(municipality, period, today, tt, c, tables)

    def pdf(self, report: SummaryReport, logo: bytes | None = None) -> bytes:
        """Render a report made by `report()` (published values only) as PDF bytes; audited."""
        require(self._store.principal, "summary.read")
        from stodapp.summary.report_pdf import render

        data = render(report, logo)
        with self._store.session() as s:
            self._store.audit(s, "summary.pdf", "summary", f"{report.period_first}..{report.period_last}")
        return data
