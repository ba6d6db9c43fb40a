"""ReferralService: search (national + local entries), local-entries import/export, referrals given.

Every write is one transaction with its audit row (ids and codes only, never case content).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from stodapp.changes import Change
from stodapp.errors import NotFound, StoreCorrupt, UserInputError
from stodapp.i18n import _
from stodapp.referrals.directory import ReferralDirectory
from stodapp.referrals.loader import load_national
from stodapp.referrals.local_entries import LocalEntries, dump_local, load_local
from stodapp.referrals.screen import LocalEntriesScreen, ReferralSearchScreen, local_entries_screen
from stodapp.referrals.search import SearchHit, SearchQuery
from stodapp.referrals.tables import ReferralGivenRow, ReferralLocalRow
from stodapp.service import ServiceContext

AREA = "referrals"
PersonRole = Literal["victim", "perpetrator"]
PERSON_ROLES: tuple[str, ...] = ("victim", "perpetrator")


class GivenReferral(BaseModel):
    """A referral recorded on a case."""

    model_config = ConfigDict(extra="forbid", frozen=True, from_attributes=True)

    id: int
    case_id: int
    person_id: int | None
    person_role: str
    resource_id: str
    resource_name: str
    local: bool
    given_on: date
    user_id: int


class ReferralService:
    def __init__(self, ctx: ServiceContext, national: ReferralDirectory | None = None) -> None:
        self._ctx = ctx
        self._national = national

    # ---- directory -----------------------------------------------------------------------------------------
    def _base(self) -> ReferralDirectory:
        if self._national is None:
            self._national = ReferralDirectory(load_national().resources)
        return self._national

    def _load_local(self, s: Session) -> LocalEntries | None:
        row = s.scalar(select(ReferralLocalRow).order_by(ReferralLocalRow.id.desc()).limit(1))
        if row is None:
            return None
        try:
            return LocalEntries.model_validate_json(row.document)
        except ValueError:
            raise StoreCorrupt(_("De lokala posterna i databasen går inte att läsa.")) from None

    def directory(self) -> ReferralDirectory:
        """National list plus this store's local entries."""
        self._ctx.require("referral.search")
        with self._ctx.session() as s:
            local = self._load_local(s)
        return self._base().with_local(local)

    def search(self, query: SearchQuery | None = None, now: datetime | None = None) -> list[SearchHit]:
        return self.directory().search(query, now or self._ctx.clock.now())

    def search_screen(self, query: SearchQuery | None = None, now: datetime | None = None) -> ReferralSearchScreen:
        """The directory's search screen in one read: the national list and this store's local entries searched
        for `query`, open state judged at `now` (else by this session's clock, never the wall clock)."""
        return self.directory().search_screen(query, now or self._ctx.clock.now())

    def suggest(
        self,
        groups: tuple[str, ...] = (),
        language: str | None = None,
        age: int | None = None,
        now: datetime | None = None,
        *,
        sex: str | None = None,
        ages: tuple[int, int] | None = None,
        needs: frozenset[str] = frozenset(),
    ) -> list[SearchHit]:
        """Client-facing resources for the next-steps panel, matching the person's groups, language and age.

        Each group is tried on its own (a person in several groups gets resources for each), best first.
        Entries whose stated gender, age or need leave the person out are dropped (`sex` as on the case person,
        `ages` = youngest/oldest she can be, `needs` from `referrals.audience.stated_needs`: a sign-language
        shelter only for a person who states sign language). Regional entries come only for this store's own
        municipality (the local entries' kommun); without local entries only national ones are suggested, never
        another region's services.
        """
        return self.directory().suggest(
            groups, language, age, now or self._ctx.clock.now(), sex=sex, ages=ages, needs=needs
        )

    # ---- local entries -------------------------------------------------------------------------------------
    def local_entries(self) -> LocalEntries | None:
        self._ctx.require("referral.search")
        with self._ctx.session() as s:
            return self._load_local(s)

    def local_screen(self) -> LocalEntriesScreen:
        """The administrator's local-entries tab in one read transaction: the stored document and what it lacks."""
        self._ctx.require("referral.search")
        with self._ctx.screen_read(), self._ctx.session() as s:
            stored = self._load_local(s)
        return local_entries_screen(stored, self._base().national)

    def import_local(self, path: Path) -> Change:
        """Validate the whole file, then replace the local entries in one transaction (all or nothing)."""
        self._ctx.require("referral.local_edit")
        national_ids = frozenset(r.id for r in self._base().national)
        entries = load_local(path, national_ids)
        return self.save_local(entries)

    def save_local(self, entries: LocalEntries) -> Change:
        self._ctx.require("referral.local_edit")
        national_ids = frozenset(r.id for r in self._base().national)
        clash = sorted({r.id for r in entries.resources} & national_ids)
        if clash:
            raise UserInputError(
                _("Id finns redan i den nationella katalogen: {ids}.").format(ids=", ".join(clash))
            )
        with self._ctx.session() as s:
            for old in s.scalars(select(ReferralLocalRow)).all():
                s.delete(old)
            row = ReferralLocalRow(
                municipality=entries.municipality,
                format_version=entries.format_version,
                document=entries.model_dump_json(),
                updated_at=self._ctx.clock.now(),
                updated_by=self._ctx.principal.user_id,
            )
            s.add(row)
            s.flush()
            self._ctx.audit(s, "referral.local_import", "referral_local", str(row.id))
        change = Change(area=AREA, action="local_updated", ids=tuple(r.id for r in entries.resources))
        return self._ctx.published(change)

    def export_local(self) -> bytes:
        self._ctx.require("referral.local_edit")
        with self._ctx.session() as s:
            entries = self._load_local(s)
            if entries is None:
                raise NotFound(_("Det finns inga lokala poster att exportera."))
            self._ctx.audit(s, "referral.local_export", "referral_local", entries.municipality)
        return dump_local(entries, self._ctx.today())

    # ---- referrals given -----------------------------------------------------------------------------------
    def _check_case(self, s: Session, case_id: int) -> None:
        from stodapp.cases.guard import require_visible

        require_visible(self._ctx, s, case_id)

    def record_given(
        self,
        case_id: int,
        resource_id: str,
        person_role: str,
        person_id: int | None = None,
        given_on: date | None = None,
    ) -> Change:
        """Record that a resource was given to the victim or the perpetrator in a case (statistics)."""
        from stodapp.cases.tables import PersonRow

        self._ctx.require("referral.record")
        if person_role not in PERSON_ROLES:
            raise UserInputError(
                _("Okänd roll: {role} (victim eller perpetrator).").format(role=person_role[:20])
            )
        today = self._ctx.today()
        when = given_on or today
        if when > today:
            raise UserInputError(_("Datumet för hänvisningen ligger i framtiden."))
        directory = self.directory()
        resource = directory.get(resource_id)
        with self._ctx.session() as s:
            self._check_case(s, case_id)
            if person_id is not None:
                person = s.get(PersonRow, person_id)
                if person is None or person.case_id != case_id:
                    raise NotFound(_("Personen finns inte i ärendet."))
            row = ReferralGivenRow(
                case_id=case_id,
                person_id=person_id,
                person_role=person_role,
                resource_id=resource.id,
                resource_name=resource.name[:200],
                local=resource.id in directory.local_ids,
                given_on=when,
                user_id=self._ctx.principal.user_id,
                created_at=self._ctx.clock.now(),
            )
            s.add(row)
            s.flush()
            self._ctx.audit(s, "referral.record", "referral_given", str(row.id))
            rid = row.id
        return self._ctx.published(Change(area=AREA, action="recorded", ids=(str(rid),)))

    def given_for_case(self, case_id: int) -> list[GivenReferral]:
        """The referrals recorded on a case (a read of case data: audited in the same transaction)."""
        self._ctx.require("referral.record")
        with self._ctx.session() as s:
            self._check_case(s, case_id)
            rows = s.scalars(
                select(ReferralGivenRow)
                .where(ReferralGivenRow.case_id == case_id)
                .order_by(ReferralGivenRow.id)
            ).all()
            self._ctx.audit(s, "referral.list", "case", str(case_id))
            return [GivenReferral.model_validate(r, from_attributes=True) for r in rows]

    def given_counts(self, start: date, end: date) -> dict[tuple[str, str], int]:
        """(resource id, person role) -> referrals given in [start, end]; no case ids (statistics)."""
        self._ctx.require("summary.read")
        if end < start:
            raise UserInputError(_("Slutdatum ligger före startdatum."))
        with self._ctx.session() as s:
            rows = s.execute(
                select(ReferralGivenRow.resource_id, ReferralGivenRow.person_role).where(
                    ReferralGivenRow.given_on >= start, ReferralGivenRow.given_on <= end
                )
            ).all()
        return dict(Counter((str(r[0]), str(r[1])) for r in rows))
