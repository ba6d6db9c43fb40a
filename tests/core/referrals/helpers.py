"""Small builders for referral tests (fictional resources only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from stodapp.referrals.opening_hours import OpeningHours
from stodapp.referrals.schema import Channel, Resource

TZ = ZoneInfo("Europe/Stockholm")
UTC = ZoneInfo("UTC")


def local(y: int, m: int, d: int, hh: int, mm: int = 0, fold: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TZ, fold=fold)


def utc(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


def hours(**kw: Any) -> OpeningHours:
    return OpeningHours.model_validate(kw)


def resource(rid: str = "testlinjen", **kw: Any) -> Resource:
    data: dict[str, Any] = {
        "id": rid,
        "name": kw.pop("name", "Testlinjen"),
        "description": {"sv": kw.pop("description", "En påhittad stödlinje för tester.")},
        "channels": kw.pop("channels", [{"kind": "phone", "contact": "020-00 00 00"}]),
        "target_groups": kw.pop("target_groups", ["victims"]),
        "geography": kw.pop("geography", {"level": "national"}),
        "provenance": kw.pop("provenance", {"kind": "local", "confidence": "high"}),
    }
    data.update(kw)
    return Resource.model_validate(data)


def channel(**kw: Any) -> Channel:
    return Channel.model_validate({"kind": "phone", **kw})
