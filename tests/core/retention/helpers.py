"""Helpers: cases with persons, notes and holds whose last entry is set to a chosen date."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import update

from stodapp.cases.models import PersonInput
from stodapp.cases.service import CaseService
from stodapp.cases.tables import CaseRow


def make_case(anna, last_entry: date, *, marker: str, born_day: int = 12) -> int:  # type: ignore[no-untyped-def]
    """A case with a support seeker, a second person and a note carrying `marker`; last entry on `last_entry`."""
    cases = CaseService(anna.ctx)
    cid = int(cases.create_case().ids[0])
    cases.persons.add(cid, PersonInput(role="stodsokande", given_name=f"Testa{marker}", family_name="Fiktivsson",
                                       birth_date=date(1980, 3, born_day)))
    cases.persons.add(cid, PersonInput(role="utovare", given_name="Demo", family_name="Påhittad",
                                       birth_date=date(1979, 4, 12)))
    cases.notes.add(cid, f"Samtal om läget {marker} och fortsatt stöd")
    with anna.ctx.session() as s:
        s.execute(update(CaseRow).where(CaseRow.id == cid).values(
            last_entry_at=datetime(last_entry.year, last_entry.month, last_entry.day, 12, tzinfo=UTC)))
    return cid
