"""Subject-access export: the person's own data in readable form, third parties redacted, audited, bad input."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from stodapp.cases.models import PersonInput
from stodapp.cases.service import CaseService
from stodapp.errors import AccessDenied, NotFound
from stodapp.retention.subject_access import MASK, subject_access_export, to_json, to_text
from stodapp.store.tables import AuditRow

SUBJECT_PNR = "19121212-1212"
OTHER_PNR = "20101010-1010"  # a test-range number for the third party
OTHER_NAME = ("Zorrovik", "Påhittad")


def _case(core, *, note: str) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    cases = CaseService(core.ctx)
    cid = int(cases.create_case().ids[0])
    me = int(cases.persons.add(cid, PersonInput(role="stodsokande", given_name="Testa", family_name="Påhittad",
                                                id_kind="personnummer", number=SUBJECT_PNR)).ids[0])
    other = int(cases.persons.add(cid, PersonInput(role="utovare", given_name=OTHER_NAME[0],
                                                   family_name=OTHER_NAME[1], id_kind="personnummer",
                                                   number=OTHER_PNR, address="Hemliga gränd 3")).ids[0])
    cases.notes.add(cid, note)
    return cid, me, other


def test_export_redacts_third_parties_and_is_audited(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    note = (f"Testa berättar att {OTHER_NAME[0]} {OTHER_NAME[1]} ({OTHER_PNR}, även 101010-1010) bor på "
            "Hemliga gränd 3. Zorrovik hotade igen.")
    _cid, me, _other = _case(anna, note=note)
    bertil = open_core("bertil")
    _case(bertil, note="annat ärende")  # same personnummer in a case anna is not assigned to

    export = subject_access_export(anna.ctx, me)
    blob = to_json(export) + to_text(export)
    for secret in (OTHER_NAME[0], OTHER_PNR, "101010-1010", "Hemliga gränd"):
        assert secret.casefold() not in blob.casefold(), secret
    assert "Testa" in blob and SUBJECT_PNR in blob and "Påhittad" in blob  # the subject's own (shared) name stays
    assert MASK in blob
    data = json.loads(to_json(export))
    assert "andra_arenden_ej_med" not in data and len(data["arenden"]) == 1  # other cases are not revealed
    notes = data["arenden"][0]["records"]["case_notes"]
    assert notes[0]["body"].startswith("Testa berättar att [maskerad]")
    with anna.ctx.session() as s:
        rows = s.execute(select(AuditRow.action, AuditRow.record_id, AuditRow.purpose)
                         .where(AuditRow.action == "person.subject_access")).all()
    assert rows == [("person.subject_access", str(me), "cases=1")]


def test_unknown_person_and_wrong_roles(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    _cid, me, _other = _case(anna, note="x")
    with pytest.raises(NotFound, match="Personen finns inte"):
        subject_access_export(anna.ctx, 9999)
    with pytest.raises(AccessDenied):
        subject_access_export(open_core("bertil").ctx, me)  # not assigned to the case
    for name in ("admin", "sara", "tove"):
        with pytest.raises(AccessDenied):
            subject_access_export(open_core(name).ctx, me)
