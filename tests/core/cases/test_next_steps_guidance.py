"""Which answers produce which next steps, in which order; the headless `stodapp guidance next-steps`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from stodapp.cases.models import GROUPS
from stodapp.cases.next_steps import Facts, default_rules, guidance, load_rules, missing_english, screening_vocabulary
from stodapp.cli import main
from stodapp.i18n import current_language, set_language

PROTECTION = ["skyddat_boende", "skyddade_personuppgifter", "kontaktforbud", "sakerhetsplan"]


def _ids(**kw: object) -> list[str]:
    base: dict[str, object] = {"answer": "ja", "subject": "utsatt", "children": False, "groups": frozenset()}
    return [r.id for r in guidance(Facts.model_validate({**base, **kw}))]


def test_yes_about_being_subjected_with_children_and_honour_tag() -> None:
    assert _ids(children=True, groups=frozenset({"heder"})) == [
        "akut_fara", "orosanmalan", "barn_enskilt", "heder", *PROTECTION,
        "skador", "beskrivning", "farlighet", "stodinsatser", "polis",
    ]


def test_acute_danger_is_first_and_names_112() -> None:
    for subject in ("utsatt", "utovande"):
        for children in (True, False):
            steps = guidance(Facts(answer="ja", subject=subject, children=children, groups=frozenset()))
            assert steps[0].priority == "akut" and "112" in steps[0].title.sv and "112" in steps[0].title.text("en")
            assert [s.priority for s in steps] == sorted((s.priority for s in steps),
                                                          key=["akut", "skydd", "utredning", "anpassning",
                                                               "stod"].index)


def test_ongoing_violence_in_the_screening_moves_the_danger_assessment_to_today() -> None:
    ids = _ids(screening={"nar": "pagar"})
    assert ids[:2] == ["akut_fara", "farlighet_idag"] and "farlighet" not in ids
    assert _ids(screening={"nar": "senaste_manaden"})[1] == "farlighet_idag"
    assert "farlighet_idag" not in _ids(screening={"nar": "senaste_aret"})
    assert "farlighet" in _ids(screening={"nar": "tidigare"})


def test_honour_rule_fires_from_the_screening_answer_without_a_tag() -> None:
    assert "heder" in _ids(screening={"heder": "ja"})
    assert "heder" not in _ids(screening={"heder": "nej"})
    assert "heder" not in _ids()
    assert _ids(screening={"heder": "ja"}) == _ids(groups=frozenset({"heder"}))


def test_every_target_group_has_its_own_rule() -> None:
    plain = set(_ids())
    for key in GROUPS:
        extra = set(_ids(groups=frozenset({key}))) - plain
        assert extra, f"ingen regel för målgruppen {key}"


def test_no_yes_no_steps_and_perpetrator_gets_no_victim_protection() -> None:
    for answer in ("nej", "avbojt", "ej_fragat"):
        assert _ids(answer=answer, children=True, groups=frozenset(GROUPS)) == []
    assert _ids(subject="utovande", children=True) == [
        "akut_fara_utovare", "orosanmalan", "barn_enskilt", "stodinsatser", "utovare_stod", "polis",
    ]


def test_rule_screening_conditions_name_real_screening_answers() -> None:
    vocabulary = screening_vocabulary()
    for rule in default_rules().rules:
        for item, codes in rule.when.any_screening.items():
            assert item in vocabulary, (rule.id, item)
            assert set(codes) <= vocabulary[item], (rule.id, codes)


def test_facts_in_rules_carry_source_and_checked_date() -> None:
    for rule in default_rules().rules:
        text = " ".join(t.text(lang) for t in rule.texts().values() for lang in ("sv", "en"))
        if any(word in text for word in ("112", "116 111", "1177", "lag", "kap.")):
            assert rule.sources, rule.id
    boende = next(r for r in default_rules().rules if r.id == "skyddat_boende")
    assert any(not s.verified for s in boende.sources)  # the new SoL's section number is not verified
    assert boende.detail is not None and "inte kontrollerat" in boende.detail.sv
    assert "has not been checked" in boende.detail.text("en")


def test_cli_prints_the_same_steps_in_the_same_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guidance", "next-steps", "--answer", "ja", "--subject", "utsatt", "--children",
                 "--group", "heder", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [s["rule_id"] for s in out["steps"]] == _ids(children=True, groups=frozenset({"heder"}))
    assert out["steps"][0]["sources"][0]["checked"] == "2026-12-06"
    assert main(["guidance", "next-steps", "--answer", "ja", "--screening", "heder=ja"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("1. [Akut – först]") and "112" in lines[0]
    assert any("hedersrelaterat" in line for line in lines)


@pytest.mark.parametrize("argv", [
    ["--answer", "kanske"],
    [],
    ["--answer", "ja", "--subject", "vittne"],
    ["--answer", "ja", "--group", "okand"],
    ["--answer", "ja", "--screening", "heder"],
    ["--answer", "ja", "--screening", "heder=kanske"],
])
def test_cli_bad_input_is_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["guidance", "next-steps", *argv]) != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1 and captured.err.startswith("stodapp: error: ")


@pytest.fixture
def _back_to_swedish() -> Iterator[None]:
    yield
    set_language("sv")


def test_every_rule_text_is_written_in_english() -> None:
    rules = default_rules()
    assert missing_english(rules) == []
    for rule in rules.rules:
        for name, text in rule.texts().items():
            english = text.text("en")
            assert english != text.sv, f"{rule.id}.{name} is the Swedish text, not a translation"
            assert not {"att", "är", "inte", "ska", "eller", "som"} & set(english.lower().split()), f"{rule.id}.{name}"


def test_a_rule_without_english_is_named(tmp_path: Path) -> None:
    source = tmp_path / "next_steps.yaml"
    source.write_text(
        "version: 2\nrules:\n"
        "  - id: ett\n    when: {answer: [ja]}\n    title: {sv: Ett steg, en: One step}\n"
        "    detail: {sv: Bara svenska}\n"
        "  - id: tva\n    when: {answer: [ja]}\n    title: {sv: Två steg}\n"
        "    warning: {sv: Varning, en: Warning}\n",
        encoding="utf-8",
    )
    assert missing_english(load_rules(source)) == ["ett.detail", "tva.title"]


def test_cli_prints_the_steps_in_the_ui_language(capsys: pytest.CaptureFixture[str], _back_to_swedish: None) -> None:
    assert main(["--lang", "en", "guidance", "next-steps", "--answer", "ja", "--screening", "heder=ja"]) == 0
    assert current_language() == "en"
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "1. [Acute – first] Ask first: is the person safe right now? In acute danger – call 112"
    assert any("honour-related violence" in line for line in lines)
    assert not any("hedersrelaterat" in line for line in lines)
    assert main(["--lang", "en", "guidance", "next-steps", "--answer", "ja", "--screening", "heder=ja",
                 "--json"]) == 0
    steps = {s["rule_id"]: s for s in json.loads(capsys.readouterr().out)["steps"]}
    assert steps["heder"]["warning"].startswith("Do not contact guardians")
