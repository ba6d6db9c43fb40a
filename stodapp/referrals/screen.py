"""The referral directory's screens as view models: the search screen (the hits of one query and the local entries
the handout prints: the municipality's logo and its own "help where you live" lines) and the administrator's
local-entries tab (what is stored and which template slots it still lacks)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from stodapp.referrals.local_entries import LocalEntries, missing_slots
from stodapp.referrals.schema import Resource
from stodapp.referrals.search import SearchHit, SearchQuery, search


class ReferralSearchScreen(BaseModel):
    """One search of the directory: what the result list shows, and the local entries behind it (None without)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    hits: tuple[SearchHit, ...]
    local: LocalEntries | None = None


def search_screen(resources: Sequence[Resource], local: LocalEntries | None, query: SearchQuery | None,
                  now: datetime) -> ReferralSearchScreen:  # fmt: skip
    """Search `resources` (the local entries first, then the national list) as the directory does: without a
    municipality or county the local entries' own municipality is searched; open state is judged at `now`."""
    q = query or SearchQuery()
    if q.municipality is None and local is not None and q.county is None:
        q = q.model_copy(update={"municipality": local.municipality})
    local_ids = frozenset(r.id for r in local.resources) if local is not None else frozenset()
    return ReferralSearchScreen(hits=tuple(search(resources, q, now, local_ids)), local=local)


class LocalEntriesScreen(BaseModel):
    """The administrator's "Lokala stödkontakter" tab: the stored document (None before the first save), the
    template slots (and "logo") it still lacks, and the national ids a local entry may not reuse."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stored: LocalEntries | None
    missing: tuple[str, ...]
    national_ids: frozenset[str]


def local_entries_screen(stored: LocalEntries | None, national: Sequence[Resource]) -> LocalEntriesScreen:
    return LocalEntriesScreen(stored=stored, missing=tuple(missing_slots(stored)),
                              national_ids=frozenset(r.id for r in national))  # fmt: skip
