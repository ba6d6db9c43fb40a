"""'Open now': open / closes soon / closed / unknown ("okänt"), in Europe/Stockholm with Swedish holidays.

Rules (never "closed" by guess):
- no hours, or hours marked uncertain -> UNKNOWN;
- a resource that is temporarily closed or ended -> CLOSED (a stated fact, not a guess);
- a dated exception for the day replaces the weekly hours;
- on a public holiday (from the `holidays` package) the policy decides: "closed" -> CLOSED, "open" -> the
  weekly hours apply as usual, "unknown" -> UNKNOWN; eves (midsommarafton, julafton, nyårsafton) have
  their own policy. The day a span *starts* on decides which policy applies (a night shift belongs to
  its evening).
- OPEN becomes CLOSES_SOON when the channel is closed at some minute within the next 30 real minutes (UTC
  arithmetic, so the hour lost or repeated at a DST change counts correctly).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

from stodapp.i18n import N_
from stodapp.referrals.opening_hours import WEEKDAYS, OpeningHours, minutes
from stodapp.referrals.schema import Channel, Resource

TZ = ZoneInfo("Europe/Stockholm")
SOON = timedelta(minutes=30)
# Channels you use whenever you like (a web page, an email): their lack of hours says nothing about "open".
TIMELESS_KINDS = frozenset({"web", "email", "eservice"})
EVE_NAMES = frozenset({"Midsommarafton", "Julafton", "Nyårsafton"})


class OpenState(StrEnum):
    OPEN = "open"
    CLOSES_SOON = "closes_soon"
    CLOSED = "closed"
    UNKNOWN = "unknown"


STATE_LABELS: dict[OpenState, str] = {
    OpenState.OPEN: N_("Öppet nu"),
    OpenState.CLOSES_SOON: N_("Stänger snart"),
    OpenState.CLOSED: N_("Stängt"),
    OpenState.UNKNOWN: N_("Okänt"),
}

# Best first: used to pick a resource's state from its channels.
_RANK = {OpenState.OPEN: 0, OpenState.CLOSES_SOON: 1, OpenState.UNKNOWN: 2, OpenState.CLOSED: 3}


@lru_cache(maxsize=64)
def _calendar(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(public holidays, eves) for a year."""
    import holidays

    public = holidays.country_holidays("SE", years=year, language="sv")
    de_facto = holidays.country_holidays("SE", years=year, language="sv", categories=("de_facto",))
    eves = frozenset(
        d for d, name in de_facto.items() if any(n.strip() in EVE_NAMES for n in name.split(";"))
    )
    return frozenset(public.keys()), eves


def day_kind(day: date) -> str:
    """'holiday', 'eve' or 'ordinary' for a date in Sweden."""
    public, eves = _calendar(day.year)
    if day in public:
        return "holiday"
    if day in eves:
        return "eve"
    return "ordinary"


def holiday_name(day: date) -> str | None:
    """The Swedish name of a holiday or eve on `day`, if any."""
    import holidays

    cal = holidays.country_holidays("SE", years=day.year, language="sv", categories=("public", "de_facto"))
    kind = day_kind(day)
    return cal.get(day) if kind != "ordinary" else None


def _local(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("tidpunkten måste ha tidszon")
    return at.astimezone(TZ)


def _open_at(hours: OpeningHours, at: datetime) -> bool | None:
    """True/False when known, None when the policy for that day is unknown."""
    local = _local(at)
    minute = local.hour * 60 + local.minute
    today = local.date()
    yesterday = today - timedelta(days=1)
    result: bool | None = False
    # Candidates: (day the period belongs to, covers this minute?)
    for day, covered in _periods(hours, today, yesterday, minute):
        if not covered:
            continue
        verdict = _day_policy(hours, day)
        if verdict is True:
            return True
        if verdict is None:
            result = None
    return result


def _periods(hours: OpeningHours, today: date, yesterday: date, minute: int) -> Iterable[tuple[date, bool]]:
    exc = {e.on: e for e in hours.exceptions}
    if hours.always_open:
        if today in exc:
            e = exc[today]
            yield today, (not e.closed and minutes(e.open_from or "") <= minute < minutes(e.open_to or ""))
            return
        yield today, True
        return
    if today in exc:
        e = exc[today]
        if not e.closed:
            yield today, minutes(e.open_from or "") <= minute < minutes(e.open_to or "")
    else:
        wd = WEEKDAYS[today.weekday()]
        for span in hours.spans:
            if wd in span.days:
                s, end = minutes(span.start), minutes(span.end)
                yield today, (s <= minute < end) if not span.past_midnight else minute >= s
    if yesterday not in exc:
        wd_y = WEEKDAYS[yesterday.weekday()]
        for span in hours.spans:
            if span.past_midnight and wd_y in span.days:
                yield yesterday, minute < minutes(span.end)


def _day_policy(hours: OpeningHours, day: date) -> bool | None:
    """Whether a period belonging to `day` really runs: True, False (closed by policy) or None (unknown)."""
    if any(e.on == day for e in hours.exceptions):
        return True  # an explicit dated exception is authoritative
    kind = day_kind(day)
    policy = {"holiday": hours.public_holidays, "eve": hours.eves}.get(kind, "open")
    if policy == "closed":
        return False
    if policy == "unknown":
        return None
    return True


def channel_state(channel: Channel, at: datetime, resource: Resource | None = None) -> OpenState:
    """The open state of one channel at an aware datetime."""
    if resource is not None and resource.status != "active":
        return OpenState.CLOSED
    hours = channel.hours
    if hours is None or hours.uncertain:
        return OpenState.UNKNOWN
    now = _open_at(hours, at)
    if now is None:
        return OpenState.UNKNOWN
    if not now:
        return OpenState.CLOSED
    start = at.astimezone(UTC)
    for step in range(1, int(SOON.total_seconds() // 60) + 1):
        if _open_at(hours, start + timedelta(minutes=step)) is False:
            return OpenState.CLOSES_SOON
    return OpenState.OPEN


def resource_state(resource: Resource, at: datetime, kinds: Iterable[str] | None = None) -> OpenState:
    """The best state over the resource's channels (optionally only channels of `kinds`).

    Channels without any hours at all (e.g. a web page) don't count unless nothing else does.
    """
    wanted = set(kinds) if kinds is not None else None
    chans = [c for c in resource.channels if wanted is None or c.kind in wanted]
    timed = [c for c in chans if c.kind not in TIMELESS_KINDS or c.hours is not None]
    chans = timed or chans
    if not chans:
        return OpenState.UNKNOWN
    states = [channel_state(c, at, resource) for c in chans]
    return min(states, key=lambda s: _RANK[s])


def parse_moment(text: str) -> datetime:
    """ISO date-time; without a zone it is Swedish local time. Raises ValueError with a clear message."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"ogiltig tidpunkt '{text[:40]}': använd ÅÅÅÅ-MM-DDTTT:MM") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=TZ)
    return moment
