"""SummaryService: the supervisor's aggregate-only view. Requires "summary.read"; audited; returns no rows.

Store-wide settings read here (set by an administrator): `municipality_name`, `summary_threshold`,
`summary_child_threshold`. Thresholds can only be raised: a caller's lower value is refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from stodapp.i18n import current_language
from stodapp.service import ServiceContext
from stodapp.summary.compute import build_tables
from stodapp.summary.models import PublishedTable, SummaryReport
from stodapp.summary.period import Period, make_period
from stodapp.summary.suppression import DEFAULT_CHILD_THRESHOLD, DEFAULT_THRESHOLD, check_thresholds

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _store_wide(session: Any, key: str) -> Any:
    from stodapp.store.tables import SettingRow

    row = session.scalar(select(SettingRow).where(SettingRow.user_id == 0, SettingRow.key == key))
    if row is None:
        return None
    try:
        return json.loads(row.value)
    except ValueError:
        return None


class SummaryService:
    def __init__(self, ctx: ServiceContext, home_municipality: Callable[[], str] | None = None) -> None:
        self._ctx = ctx
        # The facade hands in where the store's municipality is known (its local referral entries), so the cover
        # names it without an extra setting; this package does not read another feature's tables.
        self._home_municipality = home_municipality

    def today(self) -> date:
        return self._ctx.clock.now().astimezone(STOCKHOLM).date()

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
        """Aggregate, suppress and publish the metrics for whole months `first`..`last` (YYYY-MM)."""
        self._ctx.require("summary.read")
        today = self.today()
        period = make_period(first, last, today)
        check_requested(threshold, child_threshold)
        with self._ctx.session() as s:
            floors = (_store_wide(s, "summary_threshold"), _store_wide(s, "summary_child_threshold"))
            t, c = effective_thresholds(floors, threshold, child_threshold)
            tables = build_tables(s, period, t, c, metric_ids)
            name = municipality if municipality is not None else str(_store_wide(s, "municipality_name") or "")
            self._ctx.audit(s, "summary.generate", "summary", f"{period.first}..{period.last}")
        if not name.strip() and municipality is None and self._home_municipality is not None:
            name = self._home_municipality()
        return assemble(name, period, today, t, c, tables)

    def pdf(self, report: SummaryReport, logo: bytes | None = None) -> bytes:
        """Render a report made by `report()` (published values only) as PDF bytes; audited."""
        self._ctx.require("summary.read")
        from stodapp.summary.report_pdf import render

        data = render(report, logo)
        with self._ctx.session() as s:
            self._ctx.audit(s, "summary.pdf", "summary", f"{report.period_first}..{report.period_last}")
        return data


def check_requested(threshold: int | None, child_threshold: int | None) -> None:
    """Refuse a caller's thresholds below the legal minimum before anything is read."""
    if threshold is not None or child_threshold is not None:
        check_thresholds(threshold if threshold is not None else DEFAULT_THRESHOLD, child_threshold)


def effective_thresholds(
    floors: tuple[Any, Any], threshold: int | None, child_threshold: int | None
) -> tuple[int, int]:
    """The thresholds a report uses: the store's floors (stored values, or None for the defaults), raised by the
    caller's values, never lowered (also used by the server's summary, `stodapp.server.summary`)."""
    floor_t = _int_or(floors[0], DEFAULT_THRESHOLD)
    floor_c = _int_or(floors[1], DEFAULT_CHILD_THRESHOLD)
    floor_t, floor_c = check_thresholds(max(floor_t, 3), max(floor_c, floor_t))
    t = max(floor_t, threshold or floor_t)
    c = max(floor_c, child_threshold or floor_c, t)
    return check_thresholds(t, c)


def assemble(name: str, period: Period, today: date, t: int, c: int, tables: Sequence[PublishedTable]) -> SummaryReport:
    return SummaryReport(
        municipality=name.strip()[:120],
        period_first=period.first,
        period_last=period.last,
        produced_month=f"{today:%Y-%m}",
        threshold=t,
        child_threshold=c,
        language=current_language(),
        tables=tuple(tables),
    )


def _int_or(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default
