"""create_with_person: a case, its first person and her printout language in one transaction, or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from stodapp.cases.models import PersonInput
from stodapp.cases.tables import CaseRow, PersonRow
from stodapp.errors import AccessDenied, UserInputError
from stodapp.store.tables import AuditRow

PERSON = PersonInput(role="stodsokande", given_name="Fiktiva", family_name="Nyärendesdotter", protected_identity=True)


def _counts(core):  # type: ignore[no-untyped-def]
    with core.ctx.session() as s:
        return (s.scalar(select(func.count()).select_from(CaseRow)), s.scalar(select(func.count()).select_from(PersonRow)),
                s.scalar(select(func.count()).where(AuditRow.action == "case.create")))


def test_case_person_and_language_are_saved_together(cases_for, open_core) -> None:  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    changes = []
    core = open_core("anna")
    core.subscribe(changes.append)
    case_id = int(core.cases.create_with_person(PERSON, "ar").ids[0])
    view = anna.open_case(case_id)
    assert view.preferred_language == "ar" and view.case_no.endswith(f"{case_id:06d}")
    (person,) = view.persons
    assert person.name == "Fiktiva Nyärendesdotter" and person.protected_identity
    assert [(c.area, c.action) for c in changes][:2] == [("cases", "created"), ("cases", "person_added")]


@pytest.mark.parametrize(("person", "lang"), [
    (PersonInput(role="stodsokande", given_name="Fiktiva", family_name="Testdotter", id_kind="personnummer",
                 number="19121212-1213"), None),  # check digit wrong
    (PERSON, "xx"),  # no such client language
    (PersonInput(role="barn", given_name="Fiktiv", family_name="Vuxensson", id_kind="personnummer",
                 number="19121212-1212"), None),  # a "child" who is an adult
])
def test_a_refused_part_saves_nothing(open_core, person, lang) -> None:  # type: ignore[no-untyped-def]
    core = open_core("anna")
    before = _counts(core)
    changes = []
    core.subscribe(changes.append)
    with pytest.raises(UserInputError) as err:
        core.cases.create_with_person(person, lang)
    assert "\n" not in str(err.value)
    assert _counts(core) == before  # no case, no person, no audit row of a case that does not exist
    assert changes == []  # nobody is told about a write that was rolled back
    assert int(core.cases.create_with_person(PERSON).ids[0]) == before[0] + 1  # the number was not used up


def test_only_caseworkers_open_cases(open_core) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AccessDenied):
        open_core("admin").cases.create_with_person(PERSON)
