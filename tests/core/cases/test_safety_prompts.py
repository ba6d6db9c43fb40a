"""The safety-plan prompt list: shipped data, stored answers, and the client's copy printing only what she chose,
never the case number, a personnummer, an address or the municipality she lives in."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from stodapp.cases.followup_models import PromptAnswer, SafetyPlanInput
from stodapp.cases.models import PersonInput
from stodapp.cases.safety_prompts import default_prompts, load_prompts
from stodapp.errors import UserInputError, ValidationFailed

REVIEW = date(2099, 1, 1)
# Sentinels: each stands for something that tells where she is or who handles her case.
ADDRESS = "Kvistgränd 41, 999 17 Ugglebo"
MUNICIPALITY = "Ugglebo kommun"
PNR = "19121212-1212"
WORKER_PHONE = "0999-717 171"
EXTENSION = "anknytning 4471"
SHELTER = "Jourhuset vid Tallvägen 8"


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def test_the_shipped_list_covers_every_part_the_issue_names_in_our_own_dated_wording() -> None:
    prompts = default_prompts()
    assert [s.key for s in prompts.sections] == ["vart", "ringa", "papper", "pengar", "barn", "digitalt", "vagen"]
    assert prompts.valid_from == date(2026, 12, 7) and prompts.version == "2026-12-07"
    assert "ej validerad" in prompts.label.sv
    for section in prompts.sections:
        assert section.title.has("en") and len(section.prompts) >= 3, section.key
        for p in section.prompts:
            assert p.ask.has("en"), p.key
            for src in p.sources:  # a fact stated is sourced; unchecked ones say so
                assert src.verified is (src.checked is not None) or src.kind == "practice", p.key
    locating = {p.key for s in prompts.sections for p in s.prompts if p.locating}
    # where she goes, whom she calls, where her papers are, the children's pick-up and her routes tell where she is
    assert {"lamna_snabbt", "personer", "handlingar", "hamta", "tider", "arbete_skola"} <= locating
    assert "nodnummer" not in locating and "112" in prompts.prompt("nodnummer")[1].client  # type: ignore[index]


def test_a_broken_list_is_refused_with_its_problems(tmp_path: Path) -> None:
    src = (Path(__file__).resolve().parents[3] / "resources" / "safety_plan_prompts.yaml").read_text("utf-8")
    twice = tmp_path / "twice.yaml"
    twice.write_text(src.replace("key: ta_sig_dit", "key: lamna_snabbt"), encoding="utf-8")
    with pytest.raises(ValidationFailed, match="samma nyckel"):
        load_prompts(twice)
    no_swedish = tmp_path / "nosv.yaml"
    no_swedish.write_text(src.replace('title: {sv: "Pengar", en: "Money"}', 'title: {en: "Money"}'), encoding="utf-8")
    with pytest.raises(ValidationFailed) as err:
        load_prompts(no_swedish)
    assert any("sections.3.title" in line for line in err.value.lines)


def test_unknown_or_repeated_prompts_are_refused_and_nothing_is_saved(cases_for) -> None:  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    for bad in ((PromptAnswer(key="finns_inte"),), (PromptAnswer(key="bevis"), PromptAnswer(key="bevis"))):
        with pytest.raises(UserInputError):
            anna.followup.save_plan(case_id, SafetyPlanInput(risk_situations=("x",), prompts=bad, review_on=REVIEW))
    assert anna.followup.latest_plan(case_id) is None


def _printed(cases) -> int:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from stodapp.store.tables import AuditRow

    with cases._ctx.session() as s:
        return int(s.scalar(select(func.count()).where(AuditRow.action == "safety_plan.print_client")) or 0)


def _case_with_sentinels(anna) -> int:  # type: ignore[no-untyped-def]
    case_id = int(anna.create_case(unit=MUNICIPALITY).ids[0])
    anna.persons.add(case_id, PersonInput(role="stodsokande", given_name="Testa", family_name="Fiktivsson",
                                          id_kind="personnummer", number=PNR, address=ADDRESS))
    anna.notes.add(case_id, f"Ring handläggaren på {WORKER_PHONE}, {EXTENSION}. Bor i {MUNICIPALITY}.")
    return case_id


def test_her_copy_prints_only_what_she_chose_and_nothing_that_tells_where_she_is(cases_for) -> None:  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = _case_with_sentinels(anna)
    case_no = anna.open_case(case_id).case_no
    answers = (
        PromptAnswer(key="lamna_snabbt", answer=SHELTER, on_client_copy=False),  # locating: not chosen
        PromptAnswer(key="personer", answer=f"Handläggaren {WORKER_PHONE} {EXTENSION}", on_client_copy=False),
        PromptAnswer(key="tider", answer="Bussen från Ugglebo kommun kl. 07.10", on_client_copy=False),
        PromptAnswer(key="nodnummer", answer="", on_client_copy=True),  # chosen, nothing written: a line to fill
        PromptAnswer(key="stodlinjer", answer="Kvinnofridslinjen 020-50 50 50", on_client_copy=True),
        PromptAnswer(key="plats", answer="Platsdelning avstängd, ny mobil", on_client_copy=True),
    )
    anna.followup.save_plan(case_id, SafetyPlanInput(risk_situations=("När han har druckit",), prompts=answers,
                                                     review_on=REVIEW))
    client = _text(anna.followup.client_plan_pdf(case_id, "sv"))
    # what she chose is there, under its section, in the list's order
    for chosen in ("Vem jag kan ringa", "Är jag eller ett barn i fara just nu ringer jag 112.",
                   "Kvinnofridslinjen 020-50 50 50", "Mobil och internet", "Platsdelning avstängd, ny mobil"):
        assert chosen in client, chosen
    assert client.index("Kvinnofridslinjen") < client.index("Platsdelning")
    # nothing else that tells where she is or who handles her case
    for sentinel in (ADDRESS, "Kvistgränd", "999 17", "Ugglebo", PNR, "121212", case_no, WORKER_PHONE, "4471",
                     "Tallvägen", "Jourhuset", "Fiktivsson"):
        assert sentinel not in client, sentinel
    # the caseworker's own plan has them all, each marked whether it is on her copy (the sentinels were planted)
    worker = _text(anna.followup.plan_pdf(case_id))
    assert SHELTER in worker and WORKER_PHONE in worker and case_no in worker
    assert "inte på klientens kopia" in worker


def test_the_copy_refuses_case_identifiers_typed_into_the_plan(cases_for) -> None:  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = _case_with_sentinels(anna)
    case_no = anna.open_case(case_id).case_no
    cases = [
        ((f"Ärende {case_no}",), (), "ärendenumret", "Risksituationer"),
        (("x",), (PromptAnswer(key="stodlinjer", answer="Min adress: Kvistgränd 41", on_client_copy=True),),
         "en adress", "Vem personen kan ringa"),
        (("x",), (PromptAnswer(key="packa", answer="Barnets nummer 20101010-1015", on_client_copy=True),),
         "ett personnummer", "Viktiga papper och saker"),
        (("Hennes nummer 191212121212",), (), "ett personnummer", "Risksituationer"),
    ]
    for risks, prompts, what, section in cases:
        anna.followup.save_plan(case_id, SafetyPlanInput(risk_situations=risks, prompts=prompts, review_on=REVIEW))
        with pytest.raises(UserInputError) as err:
            anna.followup.client_plan_pdf(case_id, "sv")
        message = str(err.value)
        assert what in message and section in message, message
        assert case_no not in message and "Kvistgränd" not in message  # the message never repeats the text
    # the same texts left off her copy are fine: they stay in the caseworker's plan only
    anna.followup.save_plan(case_id, SafetyPlanInput(risk_situations=("x",), prompts=(
        PromptAnswer(key="stodlinjer", answer="Min adress: Kvistgränd 41", on_client_copy=False),), review_on=REVIEW))
    assert _printed(anna) == 0  # a refused copy is neither printed nor audited as printed
    assert "Kvistgränd" not in _text(anna.followup.client_plan_pdf(case_id, "sv"))
    assert _printed(anna) == 1


def test_her_copy_in_her_language_translates_the_prompt_lines_or_marks_swedish(cases_for) -> None:  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    anna.followup.save_plan(case_id, SafetyPlanInput(risk_situations=("x",), prompts=(
        PromptAnswer(key="konton", answer="Nytt lösenord på e-posten", on_client_copy=True),), review_on=REVIEW))
    english = _text(anna.followup.client_plan_pdf(case_id, "en"))
    assert "Phone and internet" in english and "never write passwords here" in english
    somali = _text(anna.followup.client_plan_pdf(case_id, "so"))  # drafted for issue 17 (not reviewed)
    assert "Taleefanka gacanta iyo internetka" in somali and "Mobil och internet" not in somali
    assert "erayga sirta ah" in somali and "Översättningen är inte granskad" in somali
    tigrinya = _text(anna.followup.client_plan_pdf(case_id, "ti"))
    assert "Mobil och internet" not in tigrinya and "Översättningen är inte granskad" in tigrinya


def test_a_prompt_line_without_a_translation_prints_in_swedish_marked(cases_for, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from stodapp.client_lang import catalog as catalog_module
    from stodapp.client_lang import page

    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    anna.followup.save_plan(case_id, SafetyPlanInput(risk_situations=("x",), prompts=(
        PromptAnswer(key="konton", answer="Nytt lösenord på e-posten", on_client_copy=True),), review_on=REVIEW))
    full = catalog_module.load_catalog("so")
    messages = {k: v for k, v in full.messages.items() if k != "Mobil och internet"}
    monkeypatch.setattr(page, "load_catalog", lambda lang, pack_dir=None: full.model_copy(update={"messages": messages}))
    somali = _text(anna.followup.client_plan_pdf(case_id, "so"))
    assert "† Mobil och internet" in somali and "† Texten finns bara på svenska" in somali


def test_a_plan_keeps_the_lines_it_was_written_against(cases_for) -> None:  # type: ignore[no-untyped-def]
    anna = cases_for("anna")
    case_id = int(anna.create_case().ids[0])
    anna.followup.save_plan(case_id, SafetyPlanInput(risk_situations=("x",), prompts=(
        PromptAnswer(key="hamta", answer="Bara mormor", on_client_copy=True),
        PromptAnswer(key="lamna_snabbt", answer="Hos syster", on_client_copy=False)), review_on=REVIEW))
    plan = anna.followup.latest_plan(case_id)
    assert plan is not None and plan.prompts_version == default_prompts().version
    assert [(p.key, p.section, p.on_client_copy) for p in plan.prompts] == [
        ("lamna_snabbt", "vart", False), ("hamta", "barn", True)]  # the list's order, not the input's
    assert plan.prompts[1].client == "De här får hämta barnen:" and plan.prompts[1].locating
