"""The caseworker's cases as the concern editor needs them: a picker list and a CaseSnapshot for prefill.

Built on CaseService (the signed-in user's cases only). Protected persons' addresses are masked by the cases
feature, so they are never copied; their personnummer becomes a protected fingerprint so the model refuses a
report that mentions it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stodapp.cases.models import MASK, CaseView, PersonView
from stodapp.concerns.prefill import CaseSnapshot, ChildSnapshot, PersonSnapshot
from stodapp.errors import UserInputError
from stodapp.i18n import _

if TYPE_CHECKING:
    from stodapp.cases.service import CaseService
    from stodapp.core import Core

GUARDIAN_ROLES = ("stodsokande", "utovare")


def _address(p: PersonView) -> str:
    return "" if p.protected_identity or p.address == MASK else p.address


def snapshot_from_case(case: CaseView, child_id: int) -> CaseSnapshot:
    """The prefill input for one child of `case` (pure; raises UserInputError for a missing child)."""
    child = next((p for p in case.persons if p.id == child_id and p.role == "barn"), None)
    if child is None:
        raise UserInputError(_("Välj ett barn i ärendet: anmälan gäller ett barn."))
    if not child.personnummer:
        raise UserInputError(_("Barnet saknar personnummer i ärendet: lägg till det i ärendet först."))
    adults = [p for p in case.persons if p.role != "barn"]
    return CaseSnapshot(
        case_id=case.id,
        honour_context=any("heder" in p.groups for p in case.persons),
        child=ChildSnapshot(
            name=child.name,
            personnummer=child.personnummer,
            address=_address(child),
            protected_identity=child.protected_identity,
            has_disability="funktionsnedsattning" in child.groups,
        ),
        household=tuple(
            PersonSnapshot(
                name=p.name,
                # Neutral on purpose: guardians may read the report, so the case role is never printed.
                role=_("vårdnadshavare"),
                personnummer=p.personnummer or "",
                address=_address(p),
                is_guardian=p.role in GUARDIAN_ROLES,
                protected_identity=p.protected_identity,
            )
            for p in adults
        ),
    )


class CaseSource:
    """Reads through CaseService; every call is audited by that service."""

    def __init__(self, core: Core) -> None:
        self._cases = core.cases

    @property
    def service(self) -> CaseService:
        """The case service (a screen read lists the cases through it)."""
        return self._cases

    def cases(self) -> list[tuple[int, str]]:
        """(case id, label) for the user's cases, newest first (all pages)."""
        out: list[tuple[int, str]] = []
        after: int | None = None
        while True:
            page = self._cases.list_cases(after=after, limit=500)
            out += [(r.id, f"{r.case_no} – {r.main_person}" if r.main_person else r.case_no) for r in page.rows]
            if page.next_after is None:
                return out
            after = page.next_after

    def open(self, case_id: int) -> CaseView:
        return self._cases.open_case(case_id)

    @staticmethod
    def children(case: CaseView) -> list[PersonView]:
        return [p for p in case.persons if p.role == "barn"]
