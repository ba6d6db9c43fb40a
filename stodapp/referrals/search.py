"""Search the directory: filters (group, language, channel, age, region, open at, text) combine (AND)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from stodapp.calendar_se import local_date
from stodapp.errors import UserInputError
from stodapp.i18n import _
from stodapp.referrals.codes import CHANNEL_KINDS, TARGET_GROUPS, is_language
from stodapp.referrals.hours import OpenState, resource_state
from stodapp.referrals.schema import Resource

_SV_ORDER = str.maketrans("åäæöø", "{||}}")
REVIEW_INTERVAL_DAYS = 183  # a checked entry is due again after about six months


class SearchQuery(BaseModel):
    """What to look for. Every given filter must hold; `groups` means all of the listed groups."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    groups: tuple[str, ...] = ()
    language: str | None = None
    channel: str | None = None
    age: int | None = Field(default=None, ge=0, le=120)
    municipality: str | None = None
    county: str | None = None
    open_at: datetime | None = None
    text: str = ""
    client_facing_only: bool = False
    include_ended: bool = False
    national_only: bool = False  # leave out county and municipality entries (local entries still count)


class SearchHit(BaseModel):
    """One result, with what the list shows: open state, warnings, how fresh the entry is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    resource: Resource
    state: OpenState
    local: bool = False
    via_interpreter: bool = False
    overdue: bool = False
    days_since_check: int | None = None
    review: Literal["never_checked", "overdue", "ok"] = "never_checked"


def validate_query(q: SearchQuery) -> SearchQuery:
    """Refuse unknown codes with one clear line each (group, language, channel, municipality, county)."""
    from stodapp.municipalities import by_code, counties

    for g in q.groups:
        if g not in TARGET_GROUPS:
            raise UserInputError(
                _("Okänd målgrupp: {g}. Tillåtna: {all}.").format(g=g, all=", ".join(TARGET_GROUPS))
            )
    if q.language is not None and not is_language(q.language):
        raise UserInputError(
            _("Okänd språkkod: {code} (ISO 639, t.ex. sv, ar, swl).").format(code=q.language)
        )
    if q.channel is not None and q.channel not in CHANNEL_KINDS:
        raise UserInputError(
            _("Okänd kanal: {c}. Tillåtna: {all}.").format(c=q.channel, all=", ".join(CHANNEL_KINDS))
        )
    if q.municipality is not None:
        by_code(q.municipality)  # raises NotFound / UserInputError with a clear message
    if q.county is not None and q.county not in {code for code, _name in counties()}:
        raise UserInputError(_("Okänd länskod: {code}.").format(code=q.county))
    if q.open_at is not None and q.open_at.tzinfo is None:
        raise UserInputError(_("Tidpunkten måste ha tidszon."))
    return q


def fold(text: str) -> str:
    """Case-insensitive, NFC-normalised form (so 'ÅÄÖ' matches 'åäö' however it was typed)."""
    return unicodedata.normalize("NFC", text).casefold()


def sort_key_sv(text: str) -> str:
    """Swedish alphabetical order: å, ä, ö after z."""
    return fold(text).translate(_SV_ORDER)


def _haystack(r: Resource) -> str:
    parts = [
        r.id,
        r.name,
        r.organisation,
        r.description.sv,
        r.description.sv_easy or "",
        r.description.en or "",
    ]
    parts += [r.notes, r.slot or ""]
    parts += [_(TARGET_GROUPS[g]) for g in r.target_groups] + [TARGET_GROUPS[g] for g in r.target_groups]
    for c in r.channels:
        parts += [c.contact or "", c.label, c.note]
    return fold(" ".join(parts))


def _region_ok(r: Resource, municipality: str | None, county: str | None) -> bool:
    from stodapp.municipalities import by_code

    geo = r.geography
    if geo.level == "national":
        return True
    if municipality is not None:
        m = by_code(municipality)
        if geo.level == "county" and m.county_code not in geo.counties:
            return False
        if geo.level == "municipality" and m.code not in geo.municipalities:
            return False
    if county is not None:
        if geo.level == "county" and county not in geo.counties:
            return False
        if geo.level == "municipality" and not any(code.startswith(county) for code in geo.municipalities):
            return False
    return True


def _language(r: Resource, lang: str) -> tuple[bool, bool]:
    """(matches, only via interpreter). Swedish is assumed where a Swedish entry lists no languages."""
    langs = r.all_languages()
    if lang in langs or (lang == "sv" and not langs):
        return True, False
    if lang != "swl" and r.interpreter_available:
        return True, True
    return False, False


def review_status(r: Resource, today: date) -> tuple[str, int | None]:
    """('never_checked'|'overdue'|'ok', days since last check)."""
    p = r.provenance
    if p.last_checked is None:
        return "never_checked", None
    days = max(0, (today - p.last_checked).days)  # a clock set before the check date is not "overdue"
    due = p.next_review is not None and p.next_review < today
    if due or (p.next_review is None and days > REVIEW_INTERVAL_DAYS):
        return "overdue", days
    return "ok", days


def search(
    resources: Iterable[Resource],
    query: SearchQuery,
    now: datetime,
    local_ids: frozenset[str] = frozenset(),
) -> list[SearchHit]:
    """Filter and rank: local entries first, then the more local geography, then open state, then name."""
    q = validate_query(query)
    moment = q.open_at or now
    words = [w for w in fold(q.text).split() if w]
    kinds = (q.channel,) if q.channel else None
    hits: list[SearchHit] = []
    for r in resources:
        if r.status == "ended" and not q.include_ended:
            continue
        if q.client_facing_only and not r.client_facing:
            continue
        if q.groups and not set(q.groups) <= set(r.target_groups):
            continue
        if q.channel and q.channel not in r.channel_kinds:
            continue
        if q.age is not None and (
            (r.age_min is not None and q.age < r.age_min) or (r.age_max is not None and q.age > r.age_max)
        ):
            continue
        if not _region_ok(r, q.municipality, q.county):
            continue
        if q.national_only and r.geography.level != "national" and r.id not in local_ids:
            continue
        via_interpreter = False
        if q.language is not None:
            ok, via_interpreter = _language(r, q.language)
            if not ok:
                continue
        if words:
            hay = _haystack(r)
            if not all(w in hay for w in words):
                continue
        state = resource_state(r, moment, kinds)
        if q.open_at is not None and state not in (OpenState.OPEN, OpenState.CLOSES_SOON):
            continue
        review, days = review_status(r, local_date(moment))
        hits.append(
            SearchHit(
                resource=r,
                state=state,
                local=r.id in local_ids,
                via_interpreter=via_interpreter,
                overdue=review != "ok",
                days_since_check=days,
                review=review,  # type: ignore[arg-type]
            )
        )
    level_rank = {"municipality": 0, "county": 1, "national": 2}
    state_rank = {OpenState.OPEN: 0, OpenState.CLOSES_SOON: 1, OpenState.UNKNOWN: 2, OpenState.CLOSED: 3}
    hits.sort(
        key=lambda h: (
            not h.local,
            level_rank[h.resource.geography.level],
            h.via_interpreter,
            state_rank[h.state],
            sort_key_sv(h.resource.name),
        )
    )
    return hits
