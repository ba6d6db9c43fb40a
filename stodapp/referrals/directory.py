"""ReferralDirectory: the national list plus optional local entries, searchable without opening the store."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from stodapp.clock import SystemClock
from stodapp.errors import NotFound
from stodapp.i18n import _
from stodapp.referrals.audience import SIGN_LANGUAGE_CODES, fits_person
from stodapp.referrals.loader import load_national
from stodapp.referrals.local_entries import LocalEntries, load_local
from stodapp.referrals.schema import Resource
from stodapp.referrals.screen import ReferralSearchScreen, search_screen
from stodapp.referrals.search import SearchHit, SearchQuery


class ReferralDirectory:
    """Read-only view used by the CLI, the UI and the ReferralService."""

    def __init__(self, national: Sequence[Resource], local: LocalEntries | None = None) -> None:
        self._national = tuple(national)
        self._local = local
        self._by_id = {r.id: r for r in self.resources}

    @classmethod
    def load(cls, national_path: Path | None = None, local_path: Path | None = None) -> ReferralDirectory:
        national = load_national(national_path).resources
        local = load_local(local_path, frozenset(r.id for r in national)) if local_path else None
        return cls(national, local)

    @property
    def local(self) -> LocalEntries | None:
        return self._local

    @property
    def national(self) -> tuple[Resource, ...]:
        return self._national

    @property
    def resources(self) -> tuple[Resource, ...]:
        extra = self._local.resources if self._local else ()
        return tuple(extra) + self._national

    @property
    def local_ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self._local.resources) if self._local else frozenset()

    def with_local(self, local: LocalEntries | None) -> ReferralDirectory:
        return ReferralDirectory(self._national, local)

    def get(self, resource_id: str) -> Resource:
        try:
            return self._by_id[resource_id]
        except KeyError:
            raise NotFound(_("Okänd resurs: {id}.").format(id=resource_id[:64])) from None

    def search(self, query: SearchQuery | None = None, now: datetime | None = None) -> list[SearchHit]:
        return list(self.search_screen(query, now or SystemClock().now()).hits)

    def search_screen(self, query: SearchQuery | None, now: datetime) -> ReferralSearchScreen:
        """The search screen: the hits of `query`, open state judged at `now`, and the local entries."""
        return search_screen(self.resources, self._local, query, now)

    def suggest(
        self,
        groups: tuple[str, ...],
        language: str | None,
        age: int | None,
        now: datetime,
        *,
        sex: str | None = None,
        ages: tuple[int, int] | None = None,
        needs: frozenset[str] = frozenset(),
    ) -> list[SearchHit]:
        """Client-facing resources for one person, each group tried on its own (best first, no repeats).

        Entries whose stated gender, age or need leave the person out are dropped (`sex` as on the case person,
        `ages` = youngest/oldest she can be, `needs` as `audience.stated_needs` gives them; asking for a sign
        language as `language` states the sign-language need too). Regional entries come only for this store's
        own municipality (the local entries' kommun); without local entries only national ones are suggested,
        never another region's services.
        """
        span = ages if ages is not None else ((age, age) if age is not None else None)
        if language in SIGN_LANGUAGE_CODES:
            needs = needs | {"sign_language"}
        seen: dict[str, SearchHit] = {}
        for group in groups or (None,):
            q = SearchQuery(
                groups=(group,) if group else (),
                language=language,
                age=age,
                client_facing_only=True,
                national_only=self._local is None,
            )
            for hit in self.search(q, now):
                if fits_person(hit.resource, sex, span, needs):
                    seen.setdefault(hit.resource.id, hit)
        return list(seen.values())
