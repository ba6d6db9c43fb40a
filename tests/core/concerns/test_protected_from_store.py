"""A protected adult's real address is refused in a report even when the snapshot came from masked views."""

from __future__ import annotations

import pytest

from stodapp.cases.models import PersonInput
from stodapp.cases.service import CaseService
from stodapp.concerns.prefill import CaseSnapshot, ChildSnapshot, PersonSnapshot
from stodapp.concerns.service import ConcernService
from stodapp.errors import UserInputError

SENTINEL = "Skyddsgränd 7 ZZSKYDD"


def test_typed_protected_address_is_refused(open_core) -> None:  # type: ignore[no-untyped-def]
    core = open_core("anna")
    cases = CaseService(core.ctx, reauth=core.reauthenticate)
    case_id = int(cases.create_case().ids[0])
    cases.persons.add(case_id, PersonInput(role="stodsokande", given_name="Testa", family_name="Skyddad",
                                           protected_identity=True, address=SENTINEL))
    # What the UI has: the masked view, so no address in the snapshot.
    snapshot = CaseSnapshot(
        case_id=case_id,
        child=ChildSnapshot(name="Demo Skyddad", personnummer="20150505-1233"),
        household=(PersonSnapshot(name="Testa Skyddad", role="vårdnadshavare", is_guardian=True,
                                  protected_identity=True),),
    )
    svc = ConcernService(core.ctx)
    rid = int(svc.create_from_case(snapshot).ids[0])
    with pytest.raises(UserInputError):
        svc.edit_draft(rid, {"concern": {"description": f"Mamman bor nu på {SENTINEL.lower()}."}})
    assert SENTINEL.lower() not in svc.get(rid).report.model_dump_json().lower()
