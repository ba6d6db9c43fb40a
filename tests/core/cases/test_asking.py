"""Asking events (reason rules, safety check for remote channels), question policy, next steps from rules."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from stodapp.calendar_se import local_date
from stodapp.cases.asking_models import AskingInput, QuestionPolicy
from stodapp.cases.models import PersonInput
from stodapp.cases.next_steps import Facts, guidance, load_rules, suggest
from stodapp.clock import FakeClock
from stodapp.errors import AccessDenied, NotFound, UserInputError, ValidationFailed

# the suite's own now (tests/conftest.py's clock); never the machine's
NOW = FakeClock().now()
TODAY = local_date(NOW)



def _case(anna, groups=(), child=True):  # type: ignore[no-untyped-def]
    case_id = int(anna.create_case("Enhet A").ids[0])
    anna.persons.add(case_id, PersonInput(role="stodsokande", given_name="Testa", family_name="Fiktiv",
                                          groups=groups))
    if child:
        anna.persons.add(case_id, PersonInput(role="barn", given_name="Demo", family_name="Fiktiv",
                                              birth_date=date(2018, 5, 5)))
    return case_id


def _ask(**kw):  # type: ignore[no-untyped-def]
    base = {"asked_on": TODAY, "channel": "telefon", "trigger": "rutin", "answer": "ja",
            "safety_check": "kan_tala", "support_info_given": True}
    return AskingInput(**{**base, **kw})


@pytest.mark.parametrize("answer", ["avbojt", "ej_fragat"])
def test_declined_or_not_asked_needs_reason(cases_for, answer):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = _case(anna)
    with pytest.raises(UserInputError, match="anledning"):
        anna.asking.record(case_id, _ask(answer=answer))
    assert anna.asking.events(case_id) == []
    anna.asking.record(case_id, _ask(answer=answer, reason="Vill inte prata om det nu"))
    assert anna.asking.next_steps(case_id) == []


def test_remote_channel_requires_safety_check(cases_for):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = _case(anna)
    with pytest.raises(UserInputError, match="säkerhetskollen|Säkerhetskollen"):
        anna.asking.record(case_id, _ask(safety_check=""))
    with pytest.raises(UserInputError, match="prata fritt"):
        anna.asking.record(case_id, _ask(safety_check="kan_inte_tala"))
    with pytest.raises(UserInputError):
        anna.asking.record(case_id, _ask(channel="besok"))  # no safety check in person
    anna.asking.record(case_id, _ask(safety_check="kan_inte_tala", answer="ej_fragat",
                                     reason="Partnern hördes i bakgrunden"))
    with pytest.raises(UserInputError, match="indikation"):
        anna.asking.record(case_id, _ask(trigger="indikation"))
    with pytest.raises(UserInputError, match="framtiden"):
        anna.asking.record(case_id, _ask(asked_on=TODAY + timedelta(days=2)))
    with pytest.raises(UserInputError, match="checklista"):
        anna.asking.record(case_id, _ask(checklist_id="finns.inte"))
    events = anna.asking.events(case_id)
    assert len(events) == 1 and events[0].remote and events[0].safety_check == "kan_inte_tala"


def test_yes_gives_next_steps_by_rules(cases_for):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = _case(anna, groups=("heder",))
    anna.asking.record(case_id, _ask())
    listed = anna.asking.next_steps(case_id)
    steps = {s.rule_id: s for s in listed}
    # the stored suggestions, listed in the rules' order: the same list `stodapp guidance next-steps` prints
    assert [s.rule_id for s in listed] == [r.id for r in guidance(Facts(
        answer="ja", subject="utsatt", children=True, groups=frozenset({"heder"})))]
    assert listed[0].rule_id == "akut_fara" and listed[0].priority == "akut"
    assert {"orosanmalan", "beskrivning", "farlighet", "heder", "stodinsatser", "polis"} <= set(steps)
    warning = steps["heder"].warning
    assert warning is not None and "vårdnadshavare" in warning.sv and "guardians" in (warning.en or "")
    anna.asking.record(case_id, _ask())  # a second yes does not duplicate open suggestions
    assert len(anna.asking.next_steps(case_id)) == len(steps)
    no_child = _case(anna, groups=("funktionsnedsattning",), child=False)
    anna.asking.record(no_child, _ask(channel="besok", safety_check=""))
    ids = {s.rule_id for s in anna.asking.next_steps(no_child)}
    assert "orosanmalan" not in ids and "funktionsnedsattning" in ids and "heder" not in ids
    perp = _case(anna, child=False)
    anna.asking.record(perp, _ask(subject="utovande"))
    ids = {s.rule_id for s in anna.asking.next_steps(perp)}
    assert "utovare_stod" in ids and "farlighet" not in ids


def test_resolving_steps(cases_for):  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = _case(anna)
    anna.asking.record(case_id, _ask())
    steps = {s.rule_id: s.id for s in anna.asking.next_steps(case_id)}
    with pytest.raises(UserInputError, match="avböjs"):
        anna.asking.resolve(steps["beskrivning"], "avbojd")
    with pytest.raises(UserInputError, match="datum"):
        anna.asking.resolve(steps["beskrivning"], "uppskjuten", postponed_to=TODAY)
    with pytest.raises(UserInputError, match="lagstöd"):
        anna.asking.resolve(steps["polis"], "klar")
    anna.asking.resolve(steps["beskrivning"], "avbojd", reason="Gjord av annan enhet")
    anna.asking.resolve(steps["farlighet"], "uppskjuten", postponed_to=TODAY + timedelta(days=3))
    anna.asking.resolve(steps["polis"], "klar", reason="Samtycke från personen")
    status = {s.rule_id: (s.status, s.reason) for s in anna.asking.next_steps(case_id)}
    assert status["beskrivning"] == ("avbojd", "Gjord av annan enhet")
    assert status["farlighet"][0] == "uppskjuten" and status["polis"][0] == "klar"
    with pytest.raises(NotFound, match="^Förslaget finns inte.$"):  # looks exactly like a missing step
        cases_for("bertil").asking.resolve(steps["orosanmalan"], "klar")


def test_question_policy_per_unit(cases_for):  # type: ignore[no-untyped-def]
    admin, anna = cases_for("admin"), cases_for("anna")
    with pytest.raises(UserInputError):
        admin.asking.set_policy("Enhet A", QuestionPolicy(mode="rutin_intervall"))
    with pytest.raises(AccessDenied):
        anna.asking.set_policy("Enhet A", QuestionPolicy(mode="indikation"))
    admin.asking.set_policy("Enhet A", QuestionPolicy(mode="rutin_intervall", months=3))
    assert anna.asking.policy("Enhet A").months == 3
    assert anna.asking.policy("Enhet B").mode == "rutin_alla"
    case_id = _case(anna)
    assert anna.asking.asking_due(case_id)
    anna.asking.record(case_id, _ask(answer="nej", asked_on=TODAY - timedelta(days=120)))
    assert anna.asking.asking_due(case_id)
    anna.asking.record(case_id, _ask(answer="nej", asked_on=TODAY - timedelta(days=10)))
    assert not anna.asking.asking_due(case_id)


def test_rules_file_validation(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("version: 1\nrules:\n  - id: X!\n    when: {answer: [kanske]}\n    title: t\n", encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        load_rules(bad)
    assert len(err.value.lines) >= 2
    facts = Facts(answer="nej", subject="utsatt", children=True, groups=frozenset())
    assert suggest(facts) == []


def test_screening_answers_reach_the_stored_next_steps(cases_for, open_core):  # type: ignore[no-untyped-def]
    """No honour tag on anyone: the yes to the honour question in the case's screening fires the honour rule,
    and 'pågår nu' moves the danger assessment to today."""
    anna = cases_for("anna")
    case_id = _case(anna, child=False)
    checklists = open_core("anna").checklists
    view = checklists.start("se.stodapp.vinr.screening", case_id)
    checklists.save_answers(view.id, {"ensam": "ja", "heder": "ja", "nar": "pagar"})  # asked alone
    anna.asking.record(case_id, _ask(channel="besok", safety_check=""))
    ids = [s.rule_id for s in anna.asking.next_steps(case_id)]
    assert ids[:2] == ["akut_fara", "farlighet_idag"] and "heder" in ids and "farlighet" not in ids
