"""Open now at tricky times: midnight spans, Swedish holidays and eves, DST changes, unknown hours."""

from __future__ import annotations

import pytest

from stodapp.referrals.hours import OpenState, channel_state, day_kind, parse_moment, resource_state
from stodapp.referrals.hours_text import describe

from .helpers import channel, hours, local, resource, utc

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
ALL = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def state(h: dict | None, at, **res) -> OpenState:  # type: ignore[no-untyped-def]
    ch = {"kind": "phone", "contact": "020-00 00 00"}
    if h is not None:
        ch["hours"] = h
    r = resource(channels=[ch], **res)
    return resource_state(r, at)


NIGHT = {"spans": [{"days": ["fri"], "start": "22:00", "end": "02:00", "past_midnight": True}]}


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (local(2026, 3, 13, 21, 45), OpenState.CLOSED),  # Friday before the span
        (local(2026, 3, 13, 23, 0), OpenState.OPEN),
        (local(2026, 3, 14, 1, 0), OpenState.OPEN),  # Saturday morning, still Friday's span
        (local(2026, 3, 14, 1, 40), OpenState.CLOSES_SOON),
        (local(2026, 3, 14, 2, 0), OpenState.CLOSED),
        (local(2026, 3, 15, 1, 0), OpenState.CLOSED),  # no span on Saturday night
    ],
)
def test_span_past_midnight(at, expected) -> None:  # type: ignore[no-untyped-def]
    assert state(NIGHT, at) is expected


def test_sunday_night_span_wraps_to_monday() -> None:
    h = {"spans": [{"days": ["sun"], "start": "23:00", "end": "01:00", "past_midnight": True}]}
    assert state(h, local(2026, 3, 16, 0, 10)) is OpenState.OPEN
    assert state(h, local(2026, 3, 16, 0, 45)) is OpenState.CLOSES_SOON
    assert state(h, local(2026, 3, 17, 0, 10)) is OpenState.CLOSED


def test_swedish_calendar_eves_and_holidays() -> None:
    assert day_kind(local(2026, 6, 19, 0).date()) == "eve"  # midsommarafton
    assert day_kind(local(2026, 6, 20, 0).date()) == "holiday"  # midsommardagen
    assert day_kind(local(2026, 12, 24, 0).date()) == "eve"
    assert day_kind(local(2026, 12, 25, 0).date()) == "holiday"
    assert day_kind(local(2026, 12, 31, 0).date()) == "eve"
    assert day_kind(local(2026, 6, 17, 0).date()) == "ordinary"


@pytest.mark.parametrize(
    ("eves", "public", "expected"),
    [
        ("unknown", "closed", OpenState.UNKNOWN),
        ("closed", "open", OpenState.CLOSED),
        ("open", "closed", OpenState.OPEN),  # midsommarafton is an eve, not a public holiday
    ],
)
def test_midsommarafton_follows_the_eve_policy(eves: str, public: str, expected: OpenState) -> None:
    h = {
        "spans": [{"days": WEEKDAYS, "start": "09:00", "end": "16:00"}],
        "eves": eves,
        "public_holidays": public,
    }
    assert state(h, local(2026, 6, 19, 10)) is expected
    # The Wednesday before is an ordinary day whatever the policies say.
    assert state(h, local(2026, 6, 17, 10)) is OpenState.OPEN


def test_juldagen() -> None:
    at = local(2026, 12, 25, 10)  # a Friday
    weekdays = {"spans": [{"days": WEEKDAYS, "start": "09:00", "end": "16:00"}]}
    assert state({**weekdays, "public_holidays": "closed"}, at) is OpenState.CLOSED
    assert state({**weekdays, "public_holidays": "open"}, at) is OpenState.OPEN
    assert state(weekdays, at) is OpenState.UNKNOWN  # unknown policy: never "closed" by guess
    # "Dygnet runt" means every day of the year unless the data says otherwise (issue 17).
    assert state({"always_open": True}, local(2026, 12, 25, 3)) is OpenState.OPEN
    assert state({"always_open": True, "public_holidays": "unknown"}, local(2026, 12, 25, 3)) is OpenState.UNKNOWN
    assert state({"always_open": True, "public_holidays": "open"}, local(2026, 12, 25, 3)) is OpenState.OPEN
    assert state({**weekdays, "public_holidays": "closed"}, local(2026, 12, 28, 10)) is OpenState.OPEN


def test_spring_forward_counts_real_minutes() -> None:
    # Saturday 22:00-02:30; on 2026-03-29 the clock jumps 02:00 -> 03:00, so at 01:45 only 15 minutes remain.
    h = {"spans": [{"days": ["sat"], "start": "22:00", "end": "02:30", "past_midnight": True}]}
    at = utc(2026, 3, 29, 0, 45)
    assert at.astimezone(local(2026, 1, 1, 0).tzinfo).hour == 1
    assert state(h, at) is OpenState.CLOSES_SOON
    assert state(h, local(2026, 3, 22, 1, 45)) is OpenState.OPEN  # an ordinary Sunday: 45 minutes left
    assert state(h, utc(2026, 3, 29, 1, 5)) is OpenState.CLOSED  # 03:05 summer time


def test_fall_back_hour_is_not_closing_soon() -> None:
    # Saturday 22:00-03:00; on 2026-10-25 02:00-03:00 happens twice: at the first 02:40, 80 minutes remain.
    h = {"spans": [{"days": ["sat"], "start": "22:00", "end": "03:00", "past_midnight": True}]}
    assert state(h, utc(2026, 10, 25, 0, 40)) is OpenState.OPEN
    assert state(h, utc(2026, 10, 25, 1, 40)) is OpenState.CLOSES_SOON  # second 02:40 (winter time)
    assert state(h, utc(2026, 10, 25, 2, 0)) is OpenState.CLOSED


def test_unknown_and_uncertain_hours_are_okant_never_closed() -> None:
    at = local(2026, 3, 11, 3)
    assert state(None, at) is OpenState.UNKNOWN
    uncertain = {"spans": [{"days": WEEKDAYS, "start": "09:00", "end": "12:00"}], "uncertain": True}
    assert state(uncertain, at) is OpenState.UNKNOWN
    assert state({**uncertain, "uncertain": False}, at) is OpenState.CLOSED


def test_temporarily_closed_and_dated_exceptions() -> None:
    always = {"always_open": True}
    assert state(always, local(2026, 3, 11, 3), status="temporarily_closed") is OpenState.CLOSED
    h = {
        "spans": [{"days": WEEKDAYS, "start": "09:00", "end": "16:00"}],
        "exceptions": [
            {"on": "2026-03-10", "note": "personaldag"},
            {"on": "2026-03-11", "open_from": "10:00", "open_to": "12:00"},
        ],
    }
    assert state(h, local(2026, 3, 10, 10)) is OpenState.CLOSED
    assert state(h, local(2026, 3, 11, 11)) is OpenState.OPEN
    assert state(h, local(2026, 3, 11, 11, 45)) is OpenState.CLOSES_SOON
    assert state(h, local(2026, 3, 11, 14)) is OpenState.CLOSED
    assert state(h, local(2026, 3, 12, 14)) is OpenState.OPEN


def test_channel_filter_and_web_channels() -> None:
    r = resource(
        channels=[
            {
                "kind": "phone",
                "contact": "020-00 00 00",
                "hours": {"spans": [{"days": WEEKDAYS, "start": "09:00", "end": "16:00"}]},
            },
            {"kind": "chat", "hours": {"spans": [{"days": ["sun"], "start": "18:00", "end": "20:00"}]}},
            {"kind": "web", "contact": "example.org"},
        ]
    )
    sunday = local(2026, 3, 15, 19)
    assert resource_state(r, sunday) is OpenState.OPEN
    assert resource_state(r, sunday, ["phone"]) is OpenState.CLOSED
    assert (
        resource_state(r, local(2026, 3, 15, 3)) is OpenState.CLOSED
    )  # the web page does not make it "okänt"
    assert channel_state(channel(contact="020-00 00 00"), sunday) is OpenState.UNKNOWN


def test_parse_moment() -> None:
    assert parse_moment("2026-06-19T03:00").utcoffset().total_seconds() == 7200  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="ogiltig tidpunkt"):
        parse_moment("igår")
    with pytest.raises(ValueError, match="tidszon"):
        from datetime import datetime

        resource_state(
            resource(channels=[{"kind": "phone", "hours": {"always_open": True}}]), datetime(2026, 1, 1)
        )


def test_describe_hours() -> None:
    h = hours(
        spans=[
            {"days": WEEKDAYS, "start": "09:00", "end": "16:30"},
            {"days": ["sat", "sun"], "start": "10:00", "end": "12:00"},
        ]
    )
    assert describe(h) == "mån–fre 09–16:30; lör, sön 10–12"
    assert describe(hours(always_open=True), "en") == "24 hours"
    assert describe(None) == "öppettider okända"
