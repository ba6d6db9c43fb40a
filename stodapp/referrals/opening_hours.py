"""A resource's weekly opening hours as data: spans per weekday, holiday and eve policies, dated exceptions (pydantic).

What the hours mean at a given moment ("open now", "closes soon") is `stodapp.referrals.hours`; how they read in
words is `stodapp.referrals.hours_text`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
HolidayPolicy = Literal["open", "closed", "unknown"]

_TIME = re.compile(r"(\d{2}):(\d{2})")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def minutes(text: str) -> int:
    """'HH:MM' -> minutes after midnight; '24:00' is allowed (end of day). Raises ValueError otherwise."""
    m = _TIME.fullmatch(text)
    if not m:
        raise ValueError(f"tiden '{text}' ska skrivas TT:MM")
    hh, mm = int(m.group(1)), int(m.group(2))
    if mm > 59 or hh > 24 or (hh == 24 and mm != 0):
        raise ValueError(f"ogiltig tid '{text}' (00:00–24:00)")
    return hh * 60 + mm


class Span(_Frozen):
    """A weekly span: on each of `days`, from `start` to `end` (past midnight only if `past_midnight`)."""

    days: tuple[Weekday, ...] = Field(min_length=1)
    start: str
    end: str
    past_midnight: bool = False

    @model_validator(mode="after")
    def _check(self) -> Span:
        s, e = minutes(self.start), minutes(self.end)
        if s == 1440:
            raise ValueError("ett pass kan inte börja 24:00")
        if len(set(self.days)) != len(self.days):
            raise ValueError("samma veckodag står två gånger")
        if self.past_midnight:
            if e >= s or e == 1440:
                raise ValueError(f"pass över midnatt ska sluta före starttiden ({self.start}–{self.end})")
        elif e <= s:
            raise ValueError(
                f"omvänt pass {self.start}–{self.end}: sluttiden är före starttiden "
                "(ange past_midnight för nattpass)"
            )
        return self

    def week_intervals(self) -> list[tuple[int, int]]:
        """Half-open minute intervals within a Monday-00:00-based week (wrapping Sunday night to Monday)."""
        week = 7 * 1440
        s, e = minutes(self.start), minutes(self.end)
        out: list[tuple[int, int]] = []
        for day in self.days:
            base = WEEKDAYS.index(day) * 1440
            lo, hi = base + s, base + e + (1440 if self.past_midnight else 0)
            if hi <= week:
                out.append((lo, hi))
            else:
                out.extend([(lo, week), (0, hi - week)])
        return out


class DatedException(_Frozen):
    """A single date with other hours: closed all day (no times) or open `open_from`–`open_to` only."""

    on: date
    open_from: str | None = None
    open_to: str | None = None
    note: str = ""

    @model_validator(mode="after")
    def _check(self) -> DatedException:
        if (self.open_from is None) != (self.open_to is None):
            raise ValueError("ange både open_from och open_to, eller ingen av dem (stängt hela dagen)")
        if self.open_from is not None and self.open_to is not None:
            if minutes(self.open_to) <= minutes(self.open_from):
                raise ValueError(f"omvänt undantag {self.open_from}–{self.open_to}")
        return self

    @property
    def closed(self) -> bool:
        return self.open_from is None


class OpeningHours(_Frozen):
    """Weekly hours (Europe/Stockholm) with holiday/eve policies, dated exceptions and an uncertainty flag."""

    always_open: bool = False
    spans: tuple[Span, ...] = ()
    public_holidays: HolidayPolicy = "unknown"
    eves: HolidayPolicy = "unknown"
    exceptions: tuple[DatedException, ...] = ()
    uncertain: bool = False
    original: str = ""

    @model_validator(mode="before")
    @classmethod
    def _always_means_every_day(cls, data: Any) -> Any:
        # "Dygnet runt" is every hour of every day, holidays and eves included, unless the data says otherwise.
        if isinstance(data, dict) and data.get("always_open") is True:
            data = {"public_holidays": "open", "eves": "open", **data}
        return data

    @model_validator(mode="after")
    def _check(self) -> OpeningHours:
        if self.always_open and self.spans:
            raise ValueError("always_open och veckopass samtidigt: välj det ena")
        if not self.always_open and not self.spans:
            raise ValueError("inga öppettider: utelämna hours helt när tiderna är okända")
        intervals = sorted(iv for span in self.spans for iv in span.week_intervals())
        for (_a_lo, a_hi), (b_lo, _b_hi) in zip(intervals, intervals[1:], strict=False):
            if b_lo < a_hi:
                day = WEEKDAYS[b_lo // 1440]
                raise ValueError(f"överlappande pass på {day} kring {b_lo % 1440 // 60:02d}:{b_lo % 60:02d}")
        days = [e.on for e in self.exceptions]
        if len(set(days)) != len(days):
            raise ValueError("två undantag för samma datum")
        return self
