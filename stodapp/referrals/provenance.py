"""Where a referral entry's facts come from: seed line references, public web sources and when they were checked."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

Confidence = Literal["high", "medium", "low"]

_SOURCE = re.compile(r"([A-Za-z0-9_.\-]+\.txt):(\d+)(?:-(\d+))?")
_URL = re.compile(r"https?://[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+(/\S*)?")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def is_web_source(text: str) -> bool:
    """True for a public web source ('https://…'), as opposed to a seed line reference."""
    return bool(_URL.fullmatch(text))


def check_source(text: str) -> str:
    """A source is a public web address (https://…) or a seed reference 'NNN_x.txt:line[-line]'."""
    if not is_web_source(text):
        SourceRef.parse(text)
    return text


class SourceRef(_Frozen):
    """A seed file and line range, parsed from 'NNN_xxx.txt:120-125'."""

    file: str
    first: int
    last: int

    @classmethod
    def parse(cls, text: str) -> SourceRef:
        m = _SOURCE.fullmatch(text)
        if not m:
            raise ValueError(f"källhänvisning '{text}' ska vara fil.txt:rad eller fil.txt:rad-rad")
        first = int(m.group(2))
        last = int(m.group(3) or first)
        if last < first:
            raise ValueError(f"omvänt radintervall i '{text}'")
        return cls(file=m.group(1), first=first, last=last)


class Provenance(_Frozen):
    """Where the facts come from and when someone last checked them."""

    kind: Literal["seed", "public", "local"]  # public: checked against public web pages only
    sources: tuple[str, ...] = ()
    source_date: str = ""
    last_checked: date | None = None
    checked_by: str = ""
    next_review: date | None = None
    confidence: Confidence

    @model_validator(mode="after")
    def _check(self) -> Provenance:
        for s in self.sources:
            check_source(s)
        web = [s for s in self.sources if is_web_source(s)]
        if self.kind == "seed" and len(web) == len(self.sources):
            raise ValueError("uppgifter från källmaterialet måste ange källrader")
        if self.kind == "public" and not web:
            raise ValueError("kontrollerade uppgifter måste ange webbkälla")
        if web and self.last_checked is None:
            raise ValueError("en webbkälla kräver datum för kontrollen (last_checked)")
        if self.kind == "seed" and self.last_checked is not None and not web:
            raise ValueError("last_checked utan webbkälla: vad kontrollerades uppgiften mot?")
        if self.last_checked and self.next_review and self.next_review < self.last_checked:
            raise ValueError("next_review ligger före last_checked")
        return self
