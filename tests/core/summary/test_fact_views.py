"""Fact views (migration 0008): records made through the real services are counted as the summary publishes them.

Each test records work as caseworker `anna`, then reads as supervisor `sara`: the metric's unsuppressed counts
(its fact function over the view) must equal a count made here in Python from what was recorded, and the
published report may only show those counts or the suppression mark.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from stodapp.cases.asking_models import AskingInput
from stodapp.cases.followup_models import SafetyPlanInput
from stodapp.cases.housing import HousingService
from stodapp.cases.models import PersonInput
from stodapp.checklists.demo import example_answers
from stodapp.core import Core
from stodapp.errors import UserInputError
from stodapp.summary.facts import FACT_VIEWS
from stodapp.summary.metrics import REGISTRY
from stodapp.summary.period import make_period

SENTINELS = ("Zebulon", "Sentinelsson", "Sentinelgatan 77", "HEMLIG-ANTECKNING-4711", "SPÅR-INDIKATION-99")
CHANNEL_CODE = {"besok": "besok", "telefon": "telefon", "video": "video", "skriftlig": "skriftligt"}
FORM_CODE = {"heder": "hedersrelaterat"}
GROUP_CODE = {"migration": "utrikes_fodd"}
RANK = {"lag": 1, "medel": 2, "hog": 3}

Opener = Callable[[str], Core]


def _case(core: Core, *, sex: str = "kvinna", groups: tuple[str, ...] = (), child: bool = False) -> dict[str, int]:
    case_id = int(core.cases.create_case("Enheten (test)").ids[0])
    main = core.cases.persons.add(
        case_id,
        PersonInput(role="stodsokande", given_name="Zebulon", family_name="Sentinelsson", sex=sex,  # type: ignore[arg-type]
                    age_band="30-39", groups=groups, address="Sentinelgatan 77"),
    )
    ids = {"case": case_id, "main": int(main.ids[-1])}
    if child:
        kid = core.cases.persons.add(
            case_id,
            PersonInput(role="barn", given_name="Qwilla", family_name="Sentinelsson", birth_date=date(2015, 5, 5),
                        sex="man"),
        )
        ids["child"] = int(kid.ids[-1])
    core.cases.notes.add(case_id, "HEMLIG-ANTECKNING-4711")
    return ids


def _period(core: Core) -> Any:
    today = core.summary.today()
    first = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    return make_period(first, today.strftime("%Y-%m"), today)


def _facts(sara: Core, metric_id: str) -> Counter[tuple[str, ...]]:
    metric = REGISTRY[metric_id]
    with sara.db.session() as s:
        counts = metric.fact(s, _period(sara))
    assert counts is not None, f"{metric_id}: reported as not recorded"
    return Counter({k: v for k, v in counts.items() if v})


def _published_agrees(sara: Core, metric_id: str, expected: Counter[tuple[str, ...]]) -> None:
    """The report (as the supervisor) shows each cell as the expected count or suppressed, never another number."""
    p = _period(sara)
    report = sara.summary.report(p.first, p.last, metric_ids=[metric_id])
    (table,) = report.tables
    assert table.available
    shown = 0
    if len(table.dims) == 2:
        for i, r in enumerate(table.row_codes):
            for j, c in enumerate(table.col_codes):
                cell = table.cells[i][j]
                if isinstance(cell, int):
                    assert cell == expected.get((r, c), 0)
                    shown += cell
    elif len(table.dims) == 1:
        for i, r in enumerate(table.row_codes):
            cell = table.cells[i][0]
            if isinstance(cell, int):
                assert cell == expected.get((r,), 0)
                shown += cell
    if isinstance(table.total, int):
        assert table.total == sum(expected.values())
        shown += table.total
    assert shown > 0, "nothing published: the test would not notice a wrong count"


def test_asking_events(open_core: Opener) -> None:
    anna = open_core("anna")
    today = anna.cases.today()
    plan = [("ja", "besok", "rutin")] * 6 + [("nej", "telefon", "rutin"), ("avbojt", "video", "indikation"),
                                             ("nej", "skriftlig", "indikation"), ("ej_fragat", "telefon", "rutin")]
    expected: Counter[tuple[str, ...]] = Counter()
    by_trigger: Counter[tuple[str, ...]] = Counter()
    for answer, channel, trigger in plan:
        ids = _case(anna)
        anna.cases.asking.record(ids["case"], AskingInput(
            person_id=ids["main"], asked_on=today, channel=channel, trigger=trigger,  # type: ignore[arg-type]
            indication="SPÅR-INDIKATION-99" if trigger == "indikation" else "", answer=answer,  # type: ignore[arg-type]
            reason="HEMLIG-ANTECKNING-4711" if answer in ("avbojt", "ej_fragat") else "",
            safety_check=("kan_inte_tala" if answer == "ej_fragat" else "kan_tala") if channel != "besok" else ""))
        expected[(answer, CHANNEL_CODE[channel])] += 1
        by_trigger[(trigger,)] += 1
    # asking about using violence is not an asking event about exposure: not counted
    ids = _case(anna, sex="man")
    anna.cases.asking.record(ids["case"], AskingInput(person_id=ids["main"], subject="utovande", asked_on=today,
                                                      channel="besok", trigger="rutin", answer="ja"))
    sara = open_core("sara")
    assert _facts(sara, "asking") == expected
    assert _facts(sara, "asking_trigger") == by_trigger
    _published_agrees(sara, "asking", expected)
    _published_agrees(sara, "asking_trigger", by_trigger)


def test_vulnerable_groups(open_core: Opener) -> None:
    anna = open_core("anna")
    spec = [("kvinna", ("migration", "funktionsnedsattning"))] * 5 + [("man", ("hbtqi",)), ("kvinna", ())]
    expected: Counter[tuple[str, ...]] = Counter()
    for sex, groups in spec:
        _case(anna, sex=sex, groups=groups, child=True)
        for g in groups:
            expected[(GROUP_CODE.get(g, g), sex)] += 1
    sara = open_core("sara")
    assert _facts(sara, "groups") == expected
    _published_agrees(sara, "groups", expected)


def _sign(core: Core, definition_id: str, case_id: int, seed: int, level: str) -> Any:
    definition = core.checklists.definition(definition_id)
    view = core.checklists.start(definition_id, case_id)
    view = core.checklists.save_answers(view.id, example_answers(definition, seed))
    for j in definition.judgements:
        entry = view.record.judgements.get(j.id)
        if entry is None or entry.value is None:
            view = core.checklists.set_judgement(view.id, j.id, level)
    return core.checklists.sign(view.id)


def test_violence_forms_and_risk(open_core: Opener) -> None:
    anna = open_core("anna")
    forms: Counter[tuple[str, ...]] = Counter()
    risk: Counter[tuple[str, ...]] = Counter()
    for seed in range(6):
        ids = _case(anna)
        signed = _sign(anna, "se.stodapp.vinr.beskrivning", ids["case"], seed, "medel")
        answers = signed.record.answers
        found = {k[: -len("_forekommit")] for k, v in answers.items() if k.endswith("_forekommit") and v == "ja"}
        for row in answers.get("handelser", []):
            found.update(row.get("handelse_former", []))
        for f in found:
            forms[(FORM_CODE.get(f, f),)] += 1
        level = ("lag", "medel", "hog")[seed % 3]
        spj = _sign(anna, "se.stodapp.vinr.spb_partner", ids["case"], seed, level)
        top = max(RANK[e.value] for e in spj.record.judgements.values() if e.value in RANK)
        risk[({1: "lag", 2: "medel", 3: "hog"}[top], "nej")] += 1
    # a corrected description counts once (the new one); the screening is no risk assessment
    ids = _case(anna)
    old = _sign(anna, "se.stodapp.vinr.beskrivning", ids["case"], 11, "medel")
    new = anna.checklists.supersede(old.id)
    new = anna.checklists.sign(new.id)
    found = {k[: -len("_forekommit")] for k, v in new.record.answers.items() if k.endswith("_forekommit") and v == "ja"}
    for row in new.record.answers.get("handelser", []):
        found.update(row.get("handelse_former", []))
    for f in found:
        forms[(FORM_CODE.get(f, f),)] += 1
    _sign(anna, "se.stodapp.vinr.screening", ids["case"], 3, "ga_vidare")
    danger = _sign(anna, "se.stodapp.vinr.farlighet", ids["case"], 5, "hog")
    entry = danger.record.judgements["samlad_risk"]
    risk[(entry.value if entry.value in RANK else "okant", "nej")] += 1
    sara = open_core("sara")
    assert _facts(sara, "violence_forms") == forms
    assert _facts(sara, "risk") == risk
    assert sum(risk.values()) == 7
    _published_agrees(sara, "violence_forms", forms)
    _published_agrees(sara, "risk", risk)
    # the danger assessment's review date lies ahead: it is a review, not (yet) an overdue one
    with sara.db.session() as s:
        due = s.execute(text("SELECT COUNT(*) FROM fact_reviews WHERE due_month IS NOT NULL")).scalar_one()
    assert due == 1 + 6  # danger (180 days) and the six SPJ assessments; descriptions are no risk assessments


def test_referrals_plans_reviews_housing(open_core: Opener) -> None:
    anna = open_core("anna")
    today = anna.cases.today()
    housing = HousingService(anna.ctx)
    referrals: Counter[tuple[str, ...]] = Counter()
    placed: Counter[tuple[str, ...]] = Counter()
    plans = 0
    overdue = 0
    for n in range(7):
        ids = _case(anna, sex="kvinna" if n % 3 else "annat", child=True)
        anna.referrals.record_given(ids["case"], "kvinnofridslinjen", "victim", ids["main"])
        referrals[("utsatt", "kvinna" if n % 3 else "annat")] += 1
        if n < 5:
            anna.referrals.record_given(ids["case"], "bris", "victim", ids["child"])
            referrals[("barn", "man")] += 1
        if n == 0:
            anna.referrals.record_given(ids["case"], "valj_att_sluta", "perpetrator")
            referrals[("utovare", "okant")] += 1
        plan = SafetyPlanInput(person_id=ids["main"], risk_situations=("HEMLIG-ANTECKNING-4711",),
                               review_on=today + timedelta(days=30))
        anna.cases.followup.save_plan(ids["case"], plan)
        anna.cases.followup.save_plan(ids["case"], plan)  # a revision is not a new plan
        plans += 1
        housing.place(ids["case"], ids["main"], started_on=today)
        housing.place(ids["case"], ids["child"], started_on=today)
        placed[("vuxen",)] += 1
        placed[("barn",)] += 1
        anna.cases.followup.add_review(ids["case"], "ny_information", due_on=today - timedelta(days=70))
        overdue += 1
        if n == 0:
            review = anna.cases.followup.add_review(ids["case"], "ny_information", due_on=today - timedelta(days=70))
            anna.cases.followup.complete_review(int(review.ids[1]))
    sara = open_core("sara")
    assert _facts(sara, "referrals") == referrals
    assert _facts(sara, "protected_housing") == placed
    assert _facts(sara, "safety_plans") == Counter({(): plans})
    assert _facts(sara, "reassessments_overdue") == Counter({(): overdue})
    _published_agrees(sara, "referrals", referrals)
    _published_agrees(sara, "protected_housing", placed)
    _published_agrees(sara, "safety_plans", Counter({(): plans}))
    _published_agrees(sara, "reassessments_overdue", Counter({(): overdue}))


def test_housing_bad_input_changes_nothing(open_core: Opener) -> None:
    anna = open_core("anna")
    ids = _case(anna, child=True)
    housing = HousingService(anna.ctx)
    today = anna.cases.today()
    with pytest.raises(UserInputError):
        housing.place(ids["case"], ids["main"], started_on=today + timedelta(days=1))
    first = housing.place(ids["case"], ids["main"], started_on=today - timedelta(days=3))
    with pytest.raises(UserInputError):
        housing.place(ids["case"], ids["main"], started_on=today)
    with pytest.raises(UserInputError):
        housing.end(int(first.ids[1]), ended_on=today - timedelta(days=5))
    assert [p.ended_on for p in housing.placements(ids["case"])] == [None]
    housing.end(int(first.ids[1]), ended_on=today)
    with pytest.raises(UserInputError):
        housing.end(int(first.ids[1]), ended_on=today)
    (only,) = housing.placements(ids["case"])
    assert (only.placed, only.started_on, only.ended_on) == ("vuxen", today - timedelta(days=3), today)
    # leaving protected housing prompts a risk re-assessment due the same day
    with anna.db.session() as s:
        n = s.execute(text("SELECT COUNT(*) FROM case_reviews WHERE trigger = 'lamnar_skyddat_boende'")).scalar_one()
    assert n == 1
    bertil = open_core("bertil")
    with pytest.raises(Exception, match="tilldelad"):
        HousingService(bertil.ctx).place(ids["case"], ids["child"], started_on=today)


def test_views_hold_only_codes_months_no_text(open_core: Opener) -> None:
    """Sentinel names, addresses, notes and reasons never reach a fact view; every value is a code or a month."""
    anna = open_core("anna")
    today = anna.cases.today()
    ids = _case(anna, groups=("heder",), child=True)
    anna.cases.asking.record(ids["case"], AskingInput(
        person_id=ids["main"], asked_on=today, channel="video", trigger="indikation",
        indication="SPÅR-INDIKATION-99", answer="avbojt", reason="HEMLIG-ANTECKNING-4711", safety_check="kan_tala"))
    anna.referrals.record_given(ids["case"], "kvinnofridslinjen", "victim", ids["main"])
    anna.cases.followup.save_plan(ids["case"], SafetyPlanInput(
        risk_situations=("Sentinelgatan 77",), review_on=today + timedelta(days=9)))
    HousingService(anna.ctx).place(ids["case"], ids["child"], started_on=today)
    _sign(anna, "se.stodapp.vinr.beskrivning", ids["case"], 1, "medel")
    _sign(anna, "se.stodapp.vinr.farlighet", ids["case"], 2, "hog")
    from stodapp.summary.dimensions import DIMENSIONS

    sara = open_core("sara")
    seen = 0
    with sara.db.session() as s:
        for view, columns in FACT_VIEWS.items():
            cols = ", ".join(f'"{c}"' for c in columns)
            names = [r[1] for r in s.execute(text(f'PRAGMA table_info("{view}")'))]
            assert names == list(columns), view
            for row in s.execute(text(f'SELECT {cols} FROM "{view}"')):
                for col, value in zip(columns, row, strict=True):
                    seen += 1
                    assert not any(x in str(value) for x in SENTINELS)
                    if col.endswith("month") or col == "staff_id":
                        assert value is None or (len(value) == 7 and value[4] == "-"), (view, value)
                    elif col == "child_id":  # an opaque row key for counting distinct children, never a name
                        assert re.fullmatch(r"[ph]\d+", str(value)), (view, value)
                    else:
                        assert value in DIMENSIONS[col].codes(), (view, col, value)
    assert seen >= 12


def test_training_and_other_unlisted_assessments_not_counted(open_core: Opener) -> None:
    """A case-less (training) assessment signed by the trainer is no case record: no risk row, no review."""
    tove = open_core("tove")
    view = tove.checklists.start("se.stodapp.vinr.farlighet")
    assert view.audience == "training"
    definition = tove.checklists.definition("se.stodapp.vinr.farlighet")
    view = tove.checklists.save_answers(view.id, example_answers(definition, 4))
    if view.record.judgements["samlad_risk"].value is None:
        tove.checklists.set_judgement(view.id, "samlad_risk", "medel")
    tove.checklists.sign(view.id)
    sara = open_core("sara")
    with sara.db.session() as s:
        assert s.execute(text("SELECT COUNT(*) FROM assessments WHERE status = 'signed'")).scalar_one() == 1
        assert s.execute(text("SELECT COUNT(*) FROM fact_risk_judgements")).scalar_one() == 0
        assert s.execute(text("SELECT COUNT(*) FROM fact_reviews")).scalar_one() == 0


def test_demo_store_records_every_new_fact() -> None:
    """`stodapp demo` data reaches every fact view of migration 0008 (fewer "not recorded" rows in a demo report)."""
    from stodapp.auth import Role

    core = Core.open_demo(role=Role.SUPERVISOR, cases=120, seed=5)
    try:
        with core.db.session() as s:
            for view in ("fact_asking_events", "fact_violence_forms", "fact_vulnerable_groups", "fact_risk_judgements",
                         "fact_referrals", "fact_protected_housing", "fact_safety_plans", "fact_reviews"):
                assert s.execute(text(f'SELECT COUNT(*) FROM "{view}"')).scalar_one() > 0, view
    finally:
        core.close()
