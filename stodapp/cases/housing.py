"""Protected-housing placements on a case (start, end) for the case and the supervisor statistics (M4).

Nothing else in the store records a placement in skyddat boende, so this is the minimal record: who (a person in
the case), when it started and ended. Whether the person was a child is fixed at the start (age at the start date,
else the person's role or age band), so a child who later turns 18 still counts as a child placement.
Ending a placement opens a re-assessment prompt ("lämnar skyddat boende", issue 5).

    housing = HousingService(core.ctx)
    change = housing.place(case_id, person_id, started_on=date(2026, 3, 2))
    housing.end(int(change.ids[1]), ended_on=date(2026, 4, 20))
"""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from stodapp.cases.casework_tables import ReviewRow
from stodapp.cases.guard import case_session
from stodapp.cases.tables import PersonRow
from stodapp.changes import Change
from stodapp.errors import NotFound, UserInputError
from stodapp.i18n import _
from stodapp.service import ServiceContext
from stodapp.store.base import Base


class HousingPlacementRow(Base):
    """One placement in protected housing; `placed` is barn | vuxen as at the start date."""

    __tablename__ = "housing_placements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"), nullable=True)
    placed: Mapped[str] = mapped_column(String(10))  # barn | vuxen
    started_on: Mapped[date] = mapped_column(Date, index=True)
    ended_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PlacementView(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    case_id: int
    person_id: int | None
    placed: str
    started_on: date
    ended_on: date | None


def is_child(person: PersonRow, on: date) -> bool:
    """A child at `on`: by birth date when known, else by role "barn" or the 0-17 age band."""
    if person.birth_date is not None:
        b = person.birth_date
        age = on.year - b.year - ((on.month, on.day) < (b.month, b.day))
        return age < 18
    return person.role == "barn" or person.age_band == "0-17"


class HousingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def place(self, case_id: int, person_id: int, started_on: date) -> Change:
        """Record that a person in the case was placed in protected housing from `started_on`."""
        self._ctx.require("case.write")
        if started_on > self._ctx.today():
            raise UserInputError(_("Placeringens startdatum ligger i framtiden."))
        with case_session(self._ctx, case_id, "housing.place") as (s, case, _glass):
            person = s.get(PersonRow, person_id)
            if person is None or person.case_id != case_id:
                raise NotFound(_("Personen finns inte i ärendet."))
            open_one = s.scalar(
                select(HousingPlacementRow.id).where(
                    HousingPlacementRow.person_id == person_id, HousingPlacementRow.ended_on.is_(None)
                )
            )
            if open_one is not None:
                raise UserInputError(_("Personen har redan en pågående placering i skyddat boende."))
            now = self._ctx.clock.now()
            row = HousingPlacementRow(
                case_id=case_id,
                person_id=person_id,
                placed="barn" if is_child(person, started_on) else "vuxen",
                started_on=started_on,
                recorded_by=self._ctx.principal.user_id,
                recorded_at=now,
            )
            s.add(row)
            s.flush()
            case.last_entry_at = now
            self._ctx.audit(s, "housing.place", "housing_placement", str(row.id))
            return self._ctx.published(Change(area="cases", action="housing_placed", ids=(str(case_id), str(row.id))))

    def end(self, placement_id: int, ended_on: date) -> Change:
        """End a placement; a risk re-assessment prompt ("lämnar skyddat boende") is due the same day."""
        self._ctx.require("case.write")
        with self._ctx.session() as s:
            case_id = s.scalar(select(HousingPlacementRow.case_id).where(HousingPlacementRow.id == placement_id))
        if case_id is None:
            raise NotFound(_("Placeringen finns inte."))
        with case_session(self._ctx, case_id, "housing.end") as (s, case, _glass):
            row = s.get(HousingPlacementRow, placement_id)
            assert row is not None
            if row.ended_on is not None:
                raise UserInputError(_("Placeringen är redan avslutad."))
            if ended_on < row.started_on or ended_on > self._ctx.today():
                raise UserInputError(_("Slutdatumet ska ligga mellan startdatumet och i dag."))
            now = self._ctx.clock.now()
            row.ended_on = ended_on
            s.add(
                ReviewRow(
                    case_id=case_id,
                    kind="riskbedomning",
                    trigger="lamnar_skyddat_boende",
                    due_on=ended_on,
                    created_at=now,
                )
            )
            case.last_entry_at = now
            self._ctx.audit(s, "housing.end", "housing_placement", str(placement_id))
            change = Change(area="cases", action="housing_ended", ids=(str(case_id), str(placement_id)))
            return self._ctx.published(change)

    def placements(self, case_id: int) -> list[PlacementView]:
        self._ctx.require("case.read")
        with case_session(self._ctx, case_id, "housing.list") as (s, _case, _glass):
            rows = s.scalars(
                select(HousingPlacementRow)
                .where(HousingPlacementRow.case_id == case_id)
                .order_by(HousingPlacementRow.started_on, HousingPlacementRow.id)
            ).all()
            self._ctx.audit(s, "housing.list", "case", str(case_id))
            return [PlacementView.model_validate(r, from_attributes=True) for r in rows]
