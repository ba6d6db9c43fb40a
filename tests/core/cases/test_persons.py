"""Persons: identity numbers validated, reserve numbers, groups; protected identity masked unless revealed."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from stodapp.calendar_se import local_date
from stodapp.cases.models import MASK, PersonInput
from stodapp.clock import FakeClock
from stodapp.demo import luhn_digit
from stodapp.errors import AuthError, UserInputError
from stodapp.store.tables import AuditRow
from tests.conftest import USER_PASS

# the suite's own now (tests/conftest.py's clock); never the machine's
NOW = FakeClock().now()
TODAY = local_date(NOW)

ADDRESS = "Påhittade gränd 7, 999 99 Demoby"


def _valid(birth: date, serial: str = "101") -> str:
    return f"{birth:%Y%m%d}-{serial}{luhn_digit(birth.strftime('%y%m%d') + serial)}"


@pytest.mark.parametrize(
    "number",
    ["19121212-1213", "19121312-1212", "19120230-1219", "1912121", "abcdefgh-1234", "19121272-1219"],
)
def test_bad_personnummer_refused(cases_for, number):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    with pytest.raises(UserInputError) as err:
        anna.persons.add(case_id, PersonInput(role="stodsokande", given_name="Testa", family_name="Fiktiv",
                                              id_kind="personnummer", number=number))
    assert "\n" not in str(err.value) and number not in str(err.value)
    assert anna.open_case(case_id).persons == ()


def test_future_birth_date_refused(cases_for):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    future = TODAY.replace(year=TODAY.year + 1, day=1)
    with pytest.raises(UserInputError, match="framtiden"):
        anna.persons.add(case_id, PersonInput(role="barn", given_name="Demo", family_name="Fiktiv",
                                              id_kind="personnummer", number=_valid(future)))
    with pytest.raises(UserInputError, match="framtiden"):
        anna.persons.add(case_id, PersonInput(role="barn", given_name="Demo", family_name="Fiktiv",
                                              birth_date=future))


def test_samordningsnummer_and_reserve_number(cases_for):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    anna.persons.add(case_id, PersonInput(role="utovare", given_name="Prova", family_name="Exempelberg",
                                          id_kind="samordningsnummer", number="191212721219", sex="man"))
    with pytest.raises(UserInputError, match="samordningsnummer"):
        anna.persons.add(case_id, PersonInput(role="utovare", given_name="X", family_name="Y",
                                              id_kind="samordningsnummer", number="19121212-1212"))
    anna.persons.add(case_id, PersonInput(role="ovrig", given_name="Skissa", family_name="Låtsasson",
                                          id_kind="reservnummer", number="res-2026-0001", age_band="30-39"))
    with pytest.raises(UserInputError, match="reservnummer"):
        anna.persons.add(case_id, PersonInput(role="ovrig", given_name="A", family_name="B",
                                              id_kind="reservnummer", number="!!"))
    persons = anna.open_case(case_id).persons
    assert persons[0].personnummer == "19121272-1219" and persons[0].birth_date == date(1912, 12, 12)
    assert persons[1].reserve_number == "RES-2026-0001" and persons[1].age_band == "30-39"


def test_child_must_be_under_18_and_groups_known(cases_for):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    with pytest.raises(UserInputError, match="under 18"):
        anna.persons.add(case_id, PersonInput(role="barn", given_name="A", family_name="B",
                                              id_kind="personnummer", number="19121212-1212"))
    with pytest.raises(UserInputError, match="grupp"):
        anna.persons.add(case_id, PersonInput(role="stodsokande", given_name="A", family_name="B",
                                              groups=("heder", "påhittad")))


def _protected_case(anna):  # type: ignore[no-untyped-def]
    case_id = int(anna.create_case().ids[0])
    anna.persons.add(case_id, PersonInput(role="stodsokande", given_name="Fikta", family_name="Skyddsson",
                                          id_kind="personnummer", number="19121212-1212", protected_identity=True,
                                          address=ADDRESS, groups=("heder",)))
    return case_id


def test_protected_identity_masked_in_views_exports_and_pdf(cases_for):  # type: ignore[no-untyped-def]
    from stodapp.cases.followup_models import SafetyPlanInput

    anna = cases_for("anna")
    case_id = _protected_case(anna)
    person = anna.open_case(case_id).persons[0]
    assert person.address == MASK and not person.revealed
    assert anna.persons.get(person.id).address == MASK
    assert ADDRESS not in json.dumps(anna.export_case(case_id), ensure_ascii=False)
    assert "Påhittade" not in json.dumps([h.model_dump(mode="json") for h in anna.search("Skyddsson")])
    anna.followup.save_plan(case_id, SafetyPlanInput(person_id=person.id, risk_situations=("Vid hämtning",),
                                                     review_on=date(2099, 1, 1)))
    pdf = anna.followup.plan_pdf(case_id)
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "Skyddsson" not in text and "Person: Skyddad identitet" in text and "Påhittade" not in text


def test_reveal_needs_passphrase_and_reason_and_is_audited(cases_for, open_core):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = _protected_case(anna)
    pid = anna.open_case(case_id).persons[0].id
    with pytest.raises(AuthError):
        anna.persons.reveal(pid, "fel fras helt och hållet", "Behöver skicka kallelse säkert")
    with pytest.raises(UserInputError):
        anna.persons.reveal(pid, USER_PASS, "kort")
    shown = anna.persons.reveal(pid, USER_PASS, "Behöver skicka kallelse säkert")
    assert shown.address == ADDRESS and shown.revealed
    assert anna.open_case(case_id).persons[0].address == MASK  # revealing is per request, never sticky
    with open_core("admin").ctx.session() as s:
        actions = list(s.scalars(select(AuditRow.action).where(AuditRow.record_id == str(pid))))
    assert actions.count("person.reveal_protected") == 1
    bertil = cases_for("bertil")
    with pytest.raises(Exception):  # noqa: B017,PT011 - not assigned: access denied
        bertil.persons.reveal(pid, USER_PASS, "Behöver skicka kallelse säkert")
