"""Issue 5 gaps: self-initiated disclosure (counted in the summary), default question policy, housing on the case."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from stodapp.cases.asking_models import AskingInput, QuestionPolicy
from stodapp.cases.housing import HousingService
from stodapp.cases.models import PersonInput
from stodapp.errors import AccessDenied, UserInputError
from stodapp.summary.metrics import REGISTRY
from stodapp.summary.period import make_period


def _case(svc, unit: str = "Enhet A") -> tuple[int, int]:  # type: ignore[no-untyped-def]
    case_id = int(svc.create_case(unit).ids[0])
    change = svc.persons.add(case_id, PersonInput(role="stodsokande", given_name="Testa", family_name="Fiktiv"))
    return case_id, int(change.ids[-1])


def _told(person_id: int, today, **kw) -> AskingInput:  # type: ignore[no-untyped-def]
    base = {"person_id": person_id, "asked_on": today, "channel": "besok", "trigger": "eget_initiativ",
            "checklist_id": "", "answer": "ja", "support_info_given": True}
    return AskingInput(**{**base, **kw})


def test_self_initiated_disclosure_needs_no_questions(cases_for) -> None:  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id, pid = _case(anna)
    today = anna.today()
    anna.asking.record(case_id, _told(pid, today))
    (event,) = anna.asking.events(case_id)
    assert (event.trigger, event.checklist_id, event.answer) == ("eget_initiativ", "", "ja")
    assert anna.asking.next_steps(case_id), "a disclosure is a yes: next steps are offered"
    # told on the phone while not free to talk: the disclosure is still recorded (nothing was asked)
    anna.asking.record(case_id, _told(pid, today, channel="telefon", safety_check="kan_inte_tala"))
    assert len(anna.asking.events(case_id)) == 2


@pytest.mark.parametrize("answer", ["nej", "avbojt", "ej_fragat"])
def test_self_initiated_must_be_a_yes(cases_for, answer: str) -> None:  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id, pid = _case(anna)
    with pytest.raises(UserInputError, match="berättade själv") as err:
        anna.asking.record(case_id, _told(pid, anna.today(), answer=answer, reason="Ville inte just nu"))
    assert "\n" not in str(err.value)
    assert anna.asking.events(case_id) == []


def test_unknown_trigger_refused_by_model() -> None:
    from datetime import date

    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        AskingInput(asked_on=date(2024, 1, 1), channel="besok", trigger="gissning", answer="ja")  # type: ignore[arg-type]


def test_summary_counts_self_initiated(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    today = anna.cases.today()
    plan = ["eget_initiativ"] * 3 + ["rutin"] * 2 + ["indikation"]
    for trigger in plan:
        case_id, pid = _case(anna.cases)
        if trigger == "eget_initiativ":
            anna.cases.asking.record(case_id, _told(pid, today))
        else:
            anna.cases.asking.record(case_id, AskingInput(
                person_id=pid, asked_on=today, channel="besok", trigger=trigger,  # type: ignore[arg-type]
                indication="Blåmärken" if trigger == "indikation" else "", answer="nej"))
    sara = open_core("sara")
    first = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    period = make_period(first, today.strftime("%Y-%m"), today)
    with sara.db.session() as s:
        counts = REGISTRY["asking_trigger"].fact(s, period)
    assert counts is not None
    assert Counter({k: v for k, v in counts.items() if v}) == Counter({("eget_initiativ",): 3, ("rutin",): 2,
                                                                        ("indikation",): 1})
    report = sara.summary.report(period.first, period.last, metric_ids=["asking_trigger"])
    (table,) = report.tables
    assert "eget_initiativ" in table.row_codes
    cell = table.cells[table.row_codes.index("eget_initiativ")][0]
    assert cell == 3 or not isinstance(cell, int)  # shown as counted, or suppressed (never another number)


def test_default_policy_and_listing(cases_for) -> None:  # type: ignore[no-untyped-def]
    admin, anna = cases_for("admin"), cases_for("anna")
    assert anna.asking.policy("Enhet X").mode == "rutin_alla"
    admin.asking.set_policy("", QuestionPolicy(mode="indikation"))
    admin.asking.set_policy("Enhet A", QuestionPolicy(mode="rutin_intervall", months=6))
    assert anna.asking.policy("Enhet X").mode == "indikation"  # no own policy: the default applies
    assert anna.asking.policy("Enhet A").months == 6
    assert set(admin.asking.policies()) == {"", "Enhet A"}
    with pytest.raises(UserInputError, match="120"):
        admin.asking.set_policy("x" * 121, QuestionPolicy())
    with pytest.raises(AccessDenied):
        anna.asking.set_policy("", QuestionPolicy())
    assert set(admin.asking.policies()) == {"", "Enhet A"}
    case_x, _pid = _case(anna, unit="Enhet X")
    assert not anna.asking.asking_due(case_x)  # on indication: never due by routine
    case_a, pid = _case(anna, unit="Enhet A")
    assert anna.asking.asking_due(case_a)
    anna.asking.record(case_a, _told(pid, anna.today()))
    assert not anna.asking.asking_due(case_a)


def test_housing_on_case_service(cases_for) -> None:  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    assert isinstance(anna.housing, HousingService)
    case_id, pid = _case(anna)
    today = anna.today()
    change = anna.housing.place(case_id, pid, started_on=today - timedelta(days=30))
    anna.housing.end(int(change.ids[1]), ended_on=today)
    (placement,) = anna.housing.placements(case_id)
    assert placement.ended_on == today
    with pytest.raises(AccessDenied):
        cases_for("bertil").housing.placements(case_id)


def test_interpreter_view_names_languages_and_checklists() -> None:
    from stodapp.cases.interpreter import checklist_title, language_name

    assert language_name("en") == "engelska" and language_name("en", "en") == "English"
    assert language_name("swl") == "svenskt teckenspråk" and language_name("xx-unknown") == "xx-unknown"
    assert checklist_title("se.stodapp.vinr.screening").startswith("Kortfrågor")
    assert checklist_title("no.such.id") == "no.such.id"
