"""The Swedish calendar: instants are stored in UTC, but every day a person sees or a rule decides by is a day in
Europe/Stockholm (a caseworker's "today", a due date, a month cell in a summary, the year-end of a gallring
deadline, whether a backup is due, open-now, the law in force on a date).

One place owns the conversion, so a laptop whose system zone is UTC (or New York) still shows Swedish dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from stodapp.clock import Clock, SystemClock

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _aware(instant: datetime) -> datetime:
    # Stored instants are UTC; a naive one read back from SQLite is UTC too.
    return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)


def local_time(instant: datetime) -> datetime:
    """The instant as Swedish wall-clock time."""
    return _aware(instant).astimezone(STOCKHOLM)


def local_date(instant: datetime) -> date:
    """The Swedish calendar day of an instant."""
    return local_time(instant).date()


def local_month(instant: datetime) -> str:
    """'YYYY-MM' of the Swedish calendar month of an instant (summary cells)."""
    return local_time(instant).strftime("%Y-%m")


def local_today(clock: Clock | None = None) -> date:
    """Today in Sweden by the given clock (the system clock at the very edge of the program only)."""
    return local_date((clock or SystemClock()).now())


def start_of_local_day(day: date) -> datetime:
    """The UTC instant at which a Swedish calendar day begins (handles the 23- and 25-hour DST days)."""
    return datetime.combine(day, time(0), tzinfo=STOCKHOLM).astimezone(UTC)


def end_of_local_day(day: date) -> datetime:
    """The UTC instant at which a Swedish calendar day ends (exclusive: the start of the next day)."""
    from datetime import timedelta

    return start_of_local_day(day + timedelta(days=1))


def local_stamp(instant: datetime) -> str:
    """'YYYY-MM-DD HH:MM' in Swedish time: how an instant is shown on screen and on paper."""
    return local_time(instant).strftime("%Y-%m-%d %H:%M")
