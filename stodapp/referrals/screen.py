"""The referral directory's search screen as one view model: the hits of one query and the local entries the
handout prints (the municipality's logo and its own "help where you live" lines)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from stodapp.referrals.local_entries import LocalEntries
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
