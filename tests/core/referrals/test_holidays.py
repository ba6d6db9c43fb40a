"""Open now on every Swedish public holiday 2026–2030: always-open lines stay open, weekday lines close.

The holidays are computed here independently of the `holidays` package (Easter by the anonymous Gregorian
algorithm, the rest from lag (1989:253) om allmänna helgdagar), so a wrong library table fails the test.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stodapp.referrals.hours import OpenState, day_kind, resource_state
from stodapp.referrals.loader import load_national

from .helpers import local, resource

YEARS = range(2026, 2031)


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month = (h + m - 7 * n + 114) // 31
    day = (h + m - 7 * n + 114) % 31 + 1
    return date(year, month, day)


def _saturday_between(first: date) -> date:
    return next(first + timedelta(days=i) for i in range(7) if (first + timedelta(days=i)).weekday() == 5)


def swedish_holidays(year: int) -> dict[date, str]:
    """Allmänna helgdagar (Sundays aside): 13 a year."""
    e = easter(year)
    return {
        date(year, 1, 1): "nyårsdagen",
        date(year, 1, 6): "trettondedag jul",
        e - timedelta(days=2): "långfredagen",
        e: "påskdagen",
        e + timedelta(days=1): "annandag påsk",
        e + timedelta(days=39): "Kristi himmelsfärdsdag",
        date(year, 5, 1): "första maj",
        e + timedelta(days=49): "pingstdagen",
        date(year, 6, 6): "nationaldagen",
        _saturday_between(date(year, 6, 20)): "midsommardagen",
        _saturday_between(date(year, 10, 31)): "alla helgons dag",
        date(year, 12, 25): "juldagen",
        date(year, 12, 26): "annandag jul",
    }


def swedish_eves(year: int) -> set[date]:
    return {_saturday_between(date(year, 6, 20)) - timedelta(days=1), date(year, 12, 24), date(year, 12, 31)}


ALL_HOLIDAYS = [(d, name) for y in YEARS for d, name in sorted(swedish_holidays(y).items())]
ALWAYS = {"always_open": True}
WEEKDAYS_9_16 = {
    "spans": [{"days": ["mon", "tue", "wed", "thu", "fri"], "start": "09:00", "end": "16:00"}],
    "public_holidays": "closed",
}


def _state(hours: dict[str, object], at: object) -> OpenState:
    r = resource(channels=[{"kind": "phone", "contact": "020-00 00 00", "hours": hours}])
    return resource_state(r, at)  # type: ignore[arg-type]


def test_the_easter_computation_is_right() -> None:
    # Published Easter Sundays; a broken algorithm fails here before it can vouch for the library.
    known = [date(2024, 3, 31), date(2025, 4, 20), date(2026, 4, 5), date(2027, 3, 28), date(2028, 4, 16),
             date(2029, 4, 1), date(2030, 4, 21)]
    assert [easter(d.year) for d in known] == known


@pytest.mark.parametrize("year", YEARS)
def test_the_calendar_knows_exactly_the_swedish_holidays_and_eves(year: int) -> None:
    ours = swedish_holidays(year)
    assert len(ours) == 13
    day = date(year, 1, 1)
    found_holidays, found_eves = set(), set()
    while day.year == year:
        kind = day_kind(day)
        if kind == "holiday":
            found_holidays.add(day)
        elif kind == "eve":
            found_eves.add(day)
        day += timedelta(days=1)
    assert found_holidays == set(ours)
    assert found_eves == swedish_eves(year)


@pytest.mark.parametrize(("day", "name"), ALL_HOLIDAYS, ids=[f"{d}-{n}" for d, n in ALL_HOLIDAYS])
def test_always_open_line_is_open_and_weekday_line_closed_on_the_holiday(day: date, name: str) -> None:
    for hour in (3, 10, 15, 23):
        assert _state(ALWAYS, local(day.year, day.month, day.day, hour)) is OpenState.OPEN, (name, hour)
    # A weekday line (mon–fri 09–16, closed on holidays) is closed at 10:00 even when the holiday is a weekday.
    assert _state(WEEKDAYS_9_16, local(day.year, day.month, day.day, 10)) is OpenState.CLOSED, name


@pytest.mark.parametrize("year", YEARS)
def test_the_weekday_line_opens_again_on_the_next_ordinary_weekday(year: int) -> None:
    holidays_, eves = swedish_holidays(year), swedish_eves(year)
    for day in holidays_:
        nxt = day + timedelta(days=1)
        while nxt.weekday() >= 5 or nxt in holidays_ or nxt in eves:
            nxt += timedelta(days=1)
        if nxt.year != year:
            continue
        assert _state(WEEKDAYS_9_16, local(nxt.year, nxt.month, nxt.day, 10)) is OpenState.OPEN, (day, nxt)
        assert _state(WEEKDAYS_9_16, local(nxt.year, nxt.month, nxt.day, 8, 59)) is OpenState.CLOSED, nxt


@pytest.mark.parametrize("year", YEARS)
def test_always_open_lines_stay_open_on_the_eves(year: int) -> None:
    for day in swedish_eves(year):
        assert _state(ALWAYS, local(day.year, day.month, day.day, 22)) is OpenState.OPEN, day


def test_a_weekday_holiday_is_in_the_list() -> None:
    # Guard against a vacuous weekday test: most years have holidays on weekdays (e.g. långfredagen).
    assert sum(1 for d, _n in ALL_HOLIDAYS if d.weekday() < 5) >= 30


def test_shipped_round_the_clock_lines_are_open_on_every_holiday() -> None:
    by_id = {r.id: r for r in load_national().resources}
    always = [
        rid for rid, r in by_id.items()
        if any(c.hours is not None and c.hours.always_open and not c.hours.uncertain for c in r.channels)
    ]
    assert {"sos_112", "polisen_11414", "vardguiden_1177", "kvinnofridslinjen", "bris", "mind_sjalvmordslinjen"} <= set(
        always
    )
    for day, name in ALL_HOLIDAYS:
        for rid in always:
            assert resource_state(by_id[rid], local(day.year, day.month, day.day, 4), ("phone",)) in (
                OpenState.OPEN,
                OpenState.CLOSES_SOON,
            ), (rid, name, day)
