"""Shipped vignettes are valid against the shipped checklists; broken ones give file:line: field errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from stodapp.checklists.schema import ChecklistDefinition
from stodapp.errors import ValidationFailed
from stodapp.paths import resource_dir
from stodapp.training.vignettes import Vignette, load_vignette_file, validate_paths

Defs = dict[tuple[str, str], ChecklistDefinition]


def test_at_least_ten_vignettes_span_common_and_rare_case_types(vignettes: list[Vignette]) -> None:
    assert len(vignettes) >= 10
    groups = {g for v in vignettes for g in v.tags.groups}
    forms = {f for v in vignettes for f in v.tags.forms}
    assert {
        "heder",
        "prostitution",
        "funktionsnedsattning",
        "aldre",
        "hbtqi",
        "valdsutovare",
        "barn",
        "man",
        "hemloshet",
        "missbruk",
        "utrikes_fodda",
    } <= groups
    assert {"digitalt", "ekonomiskt", "manniskohandel", "hedersrelaterat"} <= forms
    assert {v.tags.rarity for v in vignettes} >= {"vanlig", "ovanlig", "sallsynt"}
    assert all(v.fictional and v.checklists and v.learning_points for v in vignettes)


def test_vignettes_hold_no_identity_numbers(vignettes: list[Vignette]) -> None:
    for v in vignettes:
        text = " ".join([v.story.sv, v.story.en or "", *(f.answer.sv for f in v.facts)])
        assert not re.search(r"\d{6}[-+]?\d{4}", text), v.id


def _write(tmp_path: Path, text: str, name: str = "v.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


BASE = """\
id: test-fall
version: 1
fictional: true
author: test
title: {sv: "Testfall"}
summary: {sv: "Kort"}
story: {sv: "En påhittad berättelse."}
learning_points: [{sv: "Lär dig"}]
tags: {forms: [fysiskt], groups: [kvinnor], rarity: vanlig, difficulty: 1}
checklists:
  - id: se.stodapp.vinr.farlighet
    version: 1.1.1
    answers:
      CHECKS
"""


def _errors(tmp_path: Path, defs: Defs, answers: str, base: str = BASE) -> list[str]:
    path = _write(tmp_path, base.replace("CHECKS", answers))
    with pytest.raises(ValidationFailed) as err:
        load_vignette_file(path, list(defs.values()))
    return list(err.value.lines)


def test_valid_minimal_vignette(tmp_path: Path, definitions: Defs) -> None:
    path = _write(tmp_path, BASE.replace("CHECKS", "dodshot: ja"))
    assert load_vignette_file(path, list(definitions.values())).id == "test-fall"


def test_unknown_checklist_item_and_code_are_reported_with_file_and_line(tmp_path: Path, definitions: Defs) -> None:
    lines = _errors(tmp_path, definitions, "dodshot: kanske\n      finns_inte: ja")
    assert any(":14: checklists[0].answers.dodshot: okänd svarskod 'kanske'" in x for x in lines), lines
    assert any(":15: checklists[0].answers.finns_inte: okänd fråga" in x for x in lines), lines
    text = BASE.replace("se.stodapp.vinr.farlighet", "se.stodapp.finns.inte").replace("CHECKS", "dodshot: ja")
    path = _write(tmp_path, text, "w.yaml")
    with pytest.raises(ValidationFailed) as err:
        load_vignette_file(path, list(definitions.values()))
    assert "checklists[0].id: okänd checklista 'se.stodapp.finns.inte'" in err.value.lines[0]


def test_wrong_checklist_version_is_refused(tmp_path: Path, definitions: Defs) -> None:
    base = BASE.replace("version: 1.1.1", "version: 9.9.9")
    lines = _errors(tmp_path, definitions, "dodshot: ja", base)
    assert "checklists[0].version" in lines[0] and "9.9.9" in lines[0]


def test_facets_judgements_show_if_and_rationale_are_checked(tmp_path: Path, definitions: Defs) -> None:
    base = BASE.replace("se.stodapp.vinr.farlighet\n    version: 1.1.1", "se.stodapp.vinr.beskrivning\n    version: 1.1.1")
    lines = _errors(
        tmp_path,
        definitions,
        "fysiskt_forekommit: nej\n      fysiskt_frekvens: {senaste_aret: en_gang}\n"
        "      psykiskt_forekommit: ja\n      psykiskt_frekvens: {igar: en_gang}\n"
        "      pagaende: {nu: ja}\n    rationale: {skador: varför}",
        base,
    )
    joined = "\n".join(lines)
    assert "fysiskt_frekvens: 'fysiskt_frekvens' visas inte" in joined
    assert "psykiskt_frekvens.igar: okänd dimension 'igar'" in joined
    assert "pagaende: 'pagaende' har inga dimensioner" in joined
    assert "rationale.skador: motivering till 'skador'" in joined


def test_unknown_judgement_and_code(tmp_path: Path, definitions: Defs) -> None:
    lines = _errors(tmp_path, definitions, "dodshot: ja\n    judgements: {samlad_risk: extrem, okand: lag}")
    joined = "\n".join(lines)
    assert "judgements.samlad_risk: okänd svarskod 'extrem' (tillåtna: lag, medel, hog)" in joined
    assert "judgements.okand: okänd bedömning" in joined


def test_structure_errors_fictional_and_tags(tmp_path: Path, definitions: Defs) -> None:
    base = BASE.replace("fictional: true", "fictional: false").replace("rarity: vanlig", "rarity: unik")
    lines = _errors(tmp_path, definitions, "dodshot: ja", base)
    joined = "\n".join(lines)
    assert ":3: fictional:" in joined
    assert "tags.rarity" in joined


def test_broken_yaml_and_duplicate_ids(tmp_path: Path, definitions: Defs) -> None:
    _write(tmp_path, "id: [unclosed", "a.yaml")
    good = BASE.replace("CHECKS", "dodshot: ja")
    _write(tmp_path, good, "b.yaml")
    _write(tmp_path, good, "c.yaml")
    ok, errors = validate_paths([tmp_path], list(definitions.values()))
    assert [v.id for v in ok] == ["test-fall"]
    assert any("a.yaml" in e and "YAML" in e for e in errors)
    assert any("c.yaml:1: id: 'test-fall' finns redan i b.yaml" in e for e in errors)


def test_shipped_folder_has_no_stray_files() -> None:
    folder = resource_dir() / "training"
    assert all(p.suffix == ".yaml" for p in folder.iterdir())


def test_reference_answers_reexamined_in_issue_17(vignettes: list[Vignette]) -> None:
    """Digital image-based abuse with post-separation stalking is rated high; the mother's account of phone
    monitoring counts as stalking; a first call by the person using violence shows minimising, not full
    responsibility. Each carries its reason."""
    by_id = {v.id: v for v in vignettes}

    def ref(vignette: str, checklist: str) -> Any:
        return next(c for c in by_id[vignette].checklists if c.id == checklist)

    digital = ref("digitalt-bilderna", "se.stodapp.vinr.farlighet")
    assert digital.judgements["samlad_risk"] == "hog" and "förföljelse" in digital.rationale["samlad_risk"].lower()
    child = ref("barn-berattar", "se.stodapp.vinr.farlighet")
    assert child.answers["forfoljelse"] == "ja" and "övervakning" in child.rationale["forfoljelse"]
    caller = ref("utovare-ringer", "se.stodapp.vinr.utovare")
    assert caller.answers["ansvarstagande"] == "forminskar" and "örfilen" in caller.rationale["ansvarstagande"]
    # Separation three weeks ago, stalking at his door, a suicide threat and the first physical violence, plus an
    # outing threat to a family that wishes him dead: the facts support high, not the former "medel".
    outing = ref("hbtqi-hotet", "se.stodapp.vinr.farlighet")
    assert outing.judgements["samlad_risk"] == "hog" and by_id["hbtqi-hotet"].version == 3
    assert {"separation", "forfoljelse", "sjalvmordshot", "vald_okat"} <= {k for k, v in outing.answers.items()
                                                                        if v == "ja"}
    assert outing.rationale["samlad_risk"].startswith("Hög.")
    for new in ("hemloshet-soffan", "beroende-medicinen", "nyanland-tillstandet"):
        assert by_id[new].fictional and len(by_id[new].learning_points) >= 3
