"""Fact views of migration 0018, fed through the real services: forms incl. FGM/exploitation, concern contexts,
persons using violence, how yes answers were handled, children supported, honour measures, instrument, staff."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from sqlalchemy import text

from stodapp.cases.asking_models import AskingInput
from stodapp.cases.followup_models import SafetyPlanInput
from stodapp.cases.housing import HousingService
from stodapp.cases.models import PersonInput
from stodapp.core import Core
from stodapp.summary.metrics import REGISTRY
from stodapp.summary.metrics_content import LIMITS
from tests.core.concerns.helpers import reporter
from tests.core.concerns.test_service import for_case, service

from .test_fact_views import Opener, _case, _facts, _published_agrees, _sign


def _view(core: Core, view: str, *cols: str) -> Counter[tuple[str, ...]]:
    with core.db.session() as s:
        rows = s.execute(text(f'SELECT {", ".join(cols)} FROM "{view}"')).all()
    return Counter(tuple(str(v) for v in r) for r in rows)


def _yes(core: Core, case: int, person: int, subject: str = "utsatt") -> None:
    core.cases.asking.record(case, AskingInput(person_id=person, subject=subject, asked_on=core.cases.today(),
                                               channel="besok", trigger="rutin", answer="ja"))  # type: ignore[arg-type]


def _sign_with(core: Core, definition_id: str, case_id: int, answers: dict[str, Any]) -> Any:
    view = core.checklists.start(definition_id, case_id=case_id)
    view = core.checklists.save_answers(view.id, answers)
    return core.checklists.sign(view.id)


def test_every_metric_says_what_it_does_not_cover() -> None:
    assert set(LIMITS) == set(REGISTRY)
    assert all(sv.strip() and en.strip() for sv, en in LIMITS.values())


def test_new_forms_are_counted_not_unknown(open_core: Opener) -> None:
    anna = open_core("anna")
    ids = _case(anna)
    signed = _sign(anna, "se.stodapp.vinr.beskrivning", ids["case"], 1, "medel")
    answers = dict(signed.record.answers)
    new = anna.checklists.supersede(signed.id)
    answers |= {"konsstympning_forekommit": "ja", "exploatering_forekommit": "ja"}
    anna.checklists.save_answers(new.id, answers)
    anna.checklists.sign(new.id)
    forms = _view(open_core("sara"), "fact_violence_forms", "violence_form")
    assert forms[("konsstympning",)] == 1 and forms[("exploatering",)] == 1 and forms[("okant",)] == 0


def test_persons_using_violence_yes_handling_children_and_staff(open_core: Opener) -> None:
    anna = open_core("anna")
    today = anna.cases.today()
    expected_persons: Counter[tuple[str, ...]] = Counter()
    handling: Counter[tuple[str, ...]] = Counter()
    followups: Counter[tuple[str, ...]] = Counter()
    children: set[int] = set()
    for n in range(7):
        ids = _case(anna, child=True)
        perp = int(anna.cases.persons.add(ids["case"], PersonInput(
            role="utovare", given_name="Zebulon", family_name="Sentinelsson", sex="man" if n % 3 else "kvinna",
        )).ids[-1])  # fmt: skip
        referred = n % 2 == 0
        if referred:
            anna.referrals.record_given(ids["case"], "kvinnofridslinjen", "perpetrator", perp)
        expected_persons[("man" if n % 3 else "kvinna", "ja" if referred else "nej")] += 1
        _yes(anna, ids["case"], ids["main"])
        steps = anna.cases.asking.next_steps(ids["case"])
        if n < 3 and steps:
            anna.cases.asking.resolve(steps[0].id, "klar", reason="Klart enligt rutin och samtycke")
            handling[("atgard_klar", "utsatt")] += 1
        elif n < 5 and steps:
            anna.cases.asking.resolve(steps[0].id, "avbojd", reason="Personen vill vänta")
            handling[("avbojt" if len(steps) == 1 else "pagar", "utsatt")] += 1
        else:
            handling[("pagar" if steps else "ingen_registrerad", "utsatt")] += 1
        kinds = set()
        if n % 2:
            HousingService(anna.ctx).place(ids["case"], ids["child"], started_on=today)
            kinds.add("skyddat_boende")
            children.add(ids["child"])
        if n % 3 == 0:
            anna.cases.followup.save_plan(ids["case"], SafetyPlanInput(
                person_id=ids["child"], risk_situations=("Vägen till skolan",), review_on=today + timedelta(days=9)))
            kinds.add("sakerhetsplan")
            children.add(ids["child"])
        for k in kinds:
            followups[(k,)] += 1
        if not kinds:
            followups[("ingen_registrerad",)] += 1
    ids = _case(anna, sex="man")
    _yes(anna, ids["case"], ids["main"], subject="utovande")
    handling[("ingen_registrerad" if not anna.cases.asking.next_steps(ids["case"]) else "pagar", "utovare")] += 1
    sara = open_core("sara")
    assert _facts(sara, "persons_using_violence") == expected_persons
    _published_agrees(sara, "persons_using_violence", expected_persons)
    assert _facts(sara, "yes_handling") == handling
    assert _facts(sara, "yes_followups") == followups
    assert _facts(sara, "children_supported") == Counter({(): len(children)})
    by_kind = _facts(sara, "children_support_kinds")
    assert sum(by_kind.values()) >= len(children) and set(by_kind) <= {("skyddat_boende",), ("sakerhetsplan",)}
    # the denominator for training: active accounts by role, as created in the test store
    assert _facts(sara, "staff_accounts") == Counter(
        {("handlaggare",): 2, ("arbetsledare",): 1, ("utbildare",): 1, ("administrator",): 1}
    )


def test_concern_contexts_honour_measures_and_instrument(open_core: Opener) -> None:
    anna = open_core("anna")
    honour = _case(anna, groups=("heder",), child=True)
    plain = _case(anna, child=True)
    exploited = _case(anna, groups=("prostitution",), child=True)
    svc = service(anna)
    for case, flag in ((honour["case"], False), (plain["case"], False), (exploited["case"], False),
                       (plain["case"], True)):  # fmt: skip
        rid = int(svc.create_from_case(for_case(case, honour=flag), reporter()).ids[0])
        svc.edit_draft(rid, {"concern": {"observed_by": "Anmälaren", "source": "told_by_child",
                                         "description": "Barnet berättar."}})  # fmt: skip
        svc.finalise(rid)
        svc.mark_sent(rid, on=svc._ctx.today(), municipality_code="1280", method="e_service")  # noqa: SLF001
    contexts = _view(open_core("sara"), "fact_concern_contexts", "concern_context")
    # the plain case's second report has the honour box ticked: the case is then an honour case for that report
    assert contexts == Counter({("hedersrelaterat",): 2, ("vald_nara_relation",): 1,
                                ("prostitution_manniskohandel",): 1})  # fmt: skip
    anna.referrals.record_given(honour["case"], "kvinnofridslinjen", "victim", honour["main"])
    HousingService(anna.ctx).place(honour["case"], honour["main"], started_on=anna.cases.today())
    _sign(anna, "se.stodapp.hrv.spb_heder", honour["case"], 2, "hog")
    _sign(anna, "se.stodapp.vinr.farlighet", plain["case"], 3, "medel")
    _sign(anna, "se.stodapp.vinr.spb_partner", plain["case"], 4, "lag")
    sara = open_core("sara")
    measures = _view(sara, "fact_honour_measures", "honour_measure")
    # honour cases: `honour` (group, then the signed assessment) and `plain` (a report with the honour box)
    assert measures == Counter({("orosanmalan",): 3, ("hanvisning",): 1, ("skyddat_boende",): 1,
                                ("hrv_bedomning",): 1})  # fmt: skip
    instruments = _facts(sara, "risk_instruments")
    assert instruments == Counter({("spb_heder",): 1, ("farlighet",): 1, ("spb_partner",): 1})
    assert sum(instruments.values()) == sum(_facts(sara, "risk").values())
