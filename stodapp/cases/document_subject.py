"""Whom a document belongs to: the case number and the person, as printed on paper that goes into the file.

A person with protected personal data (skyddade personuppgifter) is never named on paper: "Skyddad identitet", and
her personnummer is left out too.
"""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from stodapp.i18n import _


class _Named(Protocol):
    protected_identity: bool

    @property
    def name(self) -> str: ...


class DocumentSubject(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    case_no: str
    person: str  # the display name, or "Skyddad identitet"
    number_label: str = ""  # "Personnummer" or "Reservnummer"; empty when none is recorded or she is protected
    number: str = ""


def shown_name(person: _Named) -> str:
    """The name to print for a person: never a protected person's."""
    return _("Skyddad identitet") if person.protected_identity else person.name


def document_subject(s: Any, case_id: int) -> DocumentSubject:
    """The case number and its main person (the stödsökande first, else the first person added)."""
    from stodapp.cases.tables import CaseRow, PersonRow

    case_no = s.scalar(select(CaseRow.case_no).where(CaseRow.id == case_id)) or str(case_id)
    rows = s.execute(
        select(PersonRow.role, PersonRow.given_name, PersonRow.family_name, PersonRow.protected_identity,
               PersonRow.personnummer, PersonRow.reserve_number)
        .where(PersonRow.case_id == case_id)
        .order_by(PersonRow.id)
    ).all()
    main = next((r for r in rows if r[0] == "stodsokande"), rows[0] if rows else None)
    if main is None:
        return DocumentSubject(case_no=case_no, person=_("Ingen person registrerad"))
    if main[3]:  # protected: neither name nor number, which would locate her just as well
        return DocumentSubject(case_no=case_no, person=_("Skyddad identitet"))
    person = f"{main[1]} {main[2]}"
    if main[4]:
        return DocumentSubject(case_no=case_no, person=person, number_label=_("Personnummer"), number=main[4])
    if main[5]:
        return DocumentSubject(case_no=case_no, person=person, number_label=_("Reservnummer"), number=main[5])
    return DocumentSubject(case_no=case_no, person=person)


def user_names(s: Any) -> dict[str, str]:
    """Login name -> the person's display name (the login name where none is set), for signatures on paper."""
    from stodapp.labels import person_label
    from stodapp.store.tables import UserRow

    return {u: person_label(d, u) for u, d in s.execute(select(UserRow.username, UserRow.display_name))}
