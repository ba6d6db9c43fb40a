"""Subject-access export uses an allow-list: staff-facing reasons never leak, other persons are redacted, and
nothing reveals whether the person appears in cases the caseworker may not see."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from stodapp.calendar_se import local_date
from stodapp.cases.asking_models import AskingInput
from stodapp.cases.followup_models import SafetyPlanInput, SharingInput
from stodapp.cases.models import PersonInput
from stodapp.cases.service import CaseService
from stodapp.checklists.tables import AssessmentRow
from stodapp.clock import FakeClock
from stodapp.concerns.tables import ConcernReportRow
from stodapp.errors import NotFound
from stodapp.retention.subject_access import MASK, subject_access_export, to_json, to_text
from stodapp.store.tables import AuditRow
from tests.conftest import USER_PASS

# the suite's own now (tests/conftest.py's clock); never the machine's
NOW = FakeClock().now()
TODAY = local_date(NOW)

VICTIM_PNR, CHILD_PNR, PERP_PNR = "19121212-1212", "20121212-1212", "20101010-1010"
STAFF_ONLY = {
    "glass": "Glasskäl Sentinel akut jour",
    "reveal": "Visningsskäl Sentinel behövs",
    "step": "Stegskäl Sentinel lagstöd",
    "sharing": "Polisdelning Sentinel hotbild",
    "perp_asking": "Utövarindikation Sentinel",
    "reporter": "Rapportör Sentinelberg",
    "scores": "Poängsentinel",
}
GUARDIAN = "Gudrun Vårdnadsdottir"


def _ask(**kw: object) -> AskingInput:
    base = {"asked_on": TODAY, "channel": "besok", "trigger": "rutin", "answer": "ja",
            "support_info_given": True}
    return AskingInput.model_validate({**base, **kw})


@pytest.fixture
def world(open_core):  # type: ignore[no-untyped-def]
    anna_core = open_core("anna")
    anna = CaseService(anna_core.ctx, reauth=anna_core.reauthenticate)
    cid = int(anna.create_case("Enhet A").ids[0])
    add = anna.persons.add
    victim = int(add(cid, PersonInput(role="stodsokande", given_name="Testa", family_name="Påhittad",
                                      id_kind="personnummer", number=VICTIM_PNR)).ids[1])
    child = int(add(cid, PersonInput(role="barn", given_name="Lilla", family_name="Påhittad",
                                     id_kind="personnummer", number=CHILD_PNR)).ids[1])
    perp = int(add(cid, PersonInput(role="utovare", given_name="Zorrovik", family_name="Fiktivsson",
                                    id_kind="personnummer", number=PERP_PNR, protected_identity=True,
                                    address="Hemliga gränd 3")).ids[1])
    anna.notes.add(cid, "Testa berättar att Zorrovik Fiktivsson hotat henne.")
    anna.asking.record(cid, _ask(person_id=victim))
    anna.asking.record(cid, _ask(person_id=None, subject="utovande", trigger="indikation",
                                 indication=STAFF_ONLY["perp_asking"]))
    step = anna.asking.next_steps(cid)[0]
    anna.asking.resolve(step.id, "avbojd", reason=STAFF_ONLY["step"])
    anna.followup.save_plan(cid, SafetyPlanInput(person_id=victim, risk_situations=("Hämtning vid skolan",),
                                                 review_on=TODAY + timedelta(days=30)))
    anna.followup.add_review(cid, "ny_information")
    anna.followup.record_sharing(cid, SharingInput(direction="till_polis", shared_on=TODAY,
                                                   what=STAFF_ONLY["sharing"], basis="samtycke",
                                                   decided_by="Enhetschef"))
    anna.persons.reveal(perp, USER_PASS, STAFF_ONLY["reveal"])
    bertil = CaseService(open_core("bertil").ctx)
    bertil.break_glass(cid, STAFF_ONLY["glass"])
    now = NOW
    uid = anna_core.ctx.principal.user_id
    report = {"report_date": TODAY.isoformat(),
              "child": {"name": "Lilla Påhittad", "personnummer": CHILD_PNR, "address": ""},
              "guardians": [{"name": GUARDIAN, "relation": "mor"}],
              "reporter": {"name": STAFF_ONLY["reporter"], "title": "socialsekreterare", "unit": "Enhet A"},
              "concern": {"description": f"{GUARDIAN} och Zorrovik grälar högt hemma.",
                          "observed_by": STAFF_ONLY["reporter"], "child_own_words": "Jag är rädd på kvällen"}}
    record = {"answers": {"q1": "ja", "q2": "Zorrovik har vapen"}, "scores": {"total": STAFF_ONLY["scores"]},
              "created_by": "anna"}
    with anna_core.ctx.session() as s:
        s.add(ConcernReportRow(case_id=cid, status="sent", report_json=json.dumps(report, ensure_ascii=False),
                               report_date=TODAY, created_at=now, created_by=uid, updated_at=now))
        s.add(AssessmentRow(id="a" * 32, case_id=cid, audience="case", checklist_id="egen-lista", version="1",
                            digest="sha256:x", status="signed", record_json=json.dumps(record, ensure_ascii=False),
                            created_by=uid, created_at=now, updated_at=now))
    return {"anna": anna_core, "bertil": bertil, "case": cid, "victim": victim, "child": child, "perp": perp}


def _blob(export: dict) -> str:  # type: ignore[type-arg]
    return to_json(export) + to_text(export)


def test_staff_facing_data_and_other_persons_never_leave(world) -> None:  # type: ignore[no-untyped-def]
    export = subject_access_export(world["anna"].ctx, world["victim"])
    blob = _blob(export)
    for key, secret in STAFF_ONLY.items():
        assert secret.casefold() not in blob.casefold(), key
    for secret in ("Zorrovik", "Fiktivsson", PERP_PNR, "Hemliga gränd", CHILD_PNR, "Lilla"):
        assert secret.casefold() not in blob.casefold(), secret
    for staff_column in ("author_id", "recorded_by", "created_by", "updated_by", "user_id"):
        assert staff_column not in blob, staff_column
    records = export["arenden"][0]["records"]
    assert set(records) == {"case_notes", "asking_events", "safety_plans", "assessments"}
    assert records["case_notes"][0]["body"] == f"Testa berättar att {MASK} hotat henne."
    assert [e["subject"] for e in records["asking_events"]] == ["utsatt"]
    assert records["safety_plans"][0]["plan"]["risk_situations"] == ["Hämtning vid skolan"]
    assert records["assessments"][0]["answers"] == {"q1": "ja", "q2": f"{MASK} har vapen"}
    assert "scores" not in records["assessments"][0]
    assert VICTIM_PNR in blob and export["personer"][0]["given_name"] == "Testa"


def test_child_sees_the_report_of_concern_about_them(world) -> None:  # type: ignore[no-untyped-def]
    export = subject_access_export(world["anna"].ctx, world["child"])
    blob = _blob(export)
    reports = export["arenden"][0]["records"]["concern_reports"]
    assert len(reports) == 1 and reports[0]["barnet"]["personnummer"] == CHILD_PNR
    assert reports[0]["oro"]["child_own_words"] == "Jag är rädd på kvällen"
    assert reports[0]["oro"]["description"] == f"{MASK} och {MASK} grälar högt hemma."
    for secret in (GUARDIAN, "Gudrun", STAFF_ONLY["reporter"], "Sentinelberg", "Zorrovik", VICTIM_PNR):
        assert secret.casefold() not in blob.casefold(), secret
    assert "asking_events" not in export["arenden"][0]["records"]  # the victim's asking is not the child's


def test_cases_the_caseworker_may_not_see_are_not_revealed(world, open_core) -> None:  # type: ignore[no-untyped-def]
    before = to_json(subject_access_export(world["anna"].ctx, world["victim"]))
    bertil = world["bertil"]
    other = int(bertil.create_case("Enhet B").ids[0])  # same personnummer in a case anna is not assigned to
    bertil.persons.add(other, PersonInput(role="stodsokande", given_name="Testa", family_name="Påhittad",
                                          id_kind="personnummer", number=VICTIM_PNR))
    bertil.notes.add(other, "Annan enhets anteckning")
    after = to_json(subject_access_export(world["anna"].ctx, world["victim"]))
    assert after == before  # not even a count tells that another case exists
    assert "andra_arenden" not in after and "Annan enhets" not in after


def test_unknown_person_is_a_clear_error_and_changes_nothing(world) -> None:  # type: ignore[no-untyped-def]
    ctx = world["anna"].ctx
    with ctx.session() as s:
        count = s.scalar(select(func.count()).select_from(AuditRow))
    with pytest.raises(NotFound, match=r"^Personen finns inte \(id 987654\)\.$"):
        subject_access_export(ctx, 987654)
    with ctx.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditRow)) == count
