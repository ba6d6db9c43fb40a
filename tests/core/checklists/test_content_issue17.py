"""Content of the SPJ relevance ratings, protective factors, new forms of violence and the screening strangulation
question; wording rules over every shipped file."""

from __future__ import annotations

import re
from typing import Any

import pytest

from stodapp.checklists.loader import load_folder
from stodapp.checklists.record import completeness_problems, new_assessment
from stodapp.checklists.runtime import critical_items, visible_items
from stodapp.checklists.schema import ChecklistDefinition, ChoiceItem, RepeatGroup
from stodapp.checklists.scoring import compute_scores
from stodapp.paths import checklist_dir

from .helpers import AT
from .test_shipped_content import SPJ_FILES, all_items, loc_texts


@pytest.fixture(scope="module")
def defs() -> dict[str, ChecklistDefinition]:
    return {e.path.name: e.definition for e in load_folder(checklist_dir()).loaded}


def _factors(d: ChecklistDefinition) -> list[ChoiceItem]:
    return [i for i in all_items(d) if isinstance(i, ChoiceItem) and i.facets == ["nu", "tidigare"]]


@pytest.mark.parametrize("name", SPJ_FILES)
def test_every_spj_factor_has_a_relevance_rating_shown_only_when_present(
    name: str, defs: dict[str, ChecklistDefinition]
) -> None:
    d = defs[name]
    items = {i.id: i for i in all_items(d)}
    assert [o.code for o in d.scales["relevans"].options] == ["ja", "nej", "vet_ej"]
    assert d.scales["relevans"].options[2].missing
    for factor in _factors(d):
        rel = items[f"{factor.id}_relevans"]
        assert isinstance(rel, ChoiceItem) and rel.scale == "relevans" and rel.required
        assert f"{factor.id}_relevans" not in visible_items(d, {factor.id: {"nu": "N", "tidigare": "N"}})
        for answer in ({"nu": "J", "tidigare": "N"}, {"nu": "N", "tidigare": "?"}):
            assert f"{factor.id}_relevans" in visible_items(d, {factor.id: answer})


@pytest.mark.parametrize("name", SPJ_FILES)
def test_protective_factors_are_rated_with_relevance_and_nothing_is_scored(
    name: str, defs: dict[str, ChecklistDefinition]
) -> None:
    d = defs[name]
    section = next(s for s in d.sections if s.id == "skyddsfaktorer")
    rated = [i for i in section.items if not i.id.endswith("_relevans")]
    assert len(rated) >= 5
    ids = {i.id for i in section.items}
    for item in rated:
        assert isinstance(item, ChoiceItem) and item.scale == "jqn" and not item.facets and item.required
        assert f"{item.id}_relevans" in ids
        assert f"{item.id}_relevans" in visible_items(d, {item.id: "?"})
        assert f"{item.id}_relevans" not in visible_items(d, {item.id: "N"})
    assert d.scores == [] and compute_scores(d, {}) == {}
    assert section.help is not None and "automatiskt" in section.help.sv


def test_a_present_factor_without_relevance_cannot_be_signed(defs: dict[str, ChecklistDefinition]) -> None:
    d = defs["04_spj_partner.yaml"]
    problems = _problems(d, {"vapen": {"nu": "J", "tidigare": "N"}})
    assert any(p.startswith("vapen_relevans:") for p in problems)
    assert not any(p.startswith("vald_mot_andra_relevans:") for p in problems)
    problems = _problems(d, {"vapen": {"nu": "J", "tidigare": "N"}, "vapen_relevans": "ja"})
    assert not any(p.startswith("vapen_relevans:") for p in problems)


def _problems(d: ChecklistDefinition, answers: dict[str, Any]) -> list[str]:
    draft = new_assessment(d, subject_ref="case-1", by="handlaggare1", at=AT)
    return completeness_problems(draft.model_copy(update={"answers": answers}))


def test_honour_has_a_genital_mutilation_factor_that_is_critical_when_suspected(
    defs: dict[str, ChecklistDefinition],
) -> None:
    d = defs["05_honour.yaml"]
    assert "konsstympning" in {f.id for f in _factors(d)}
    assert "konsstympning" in critical_items(d, {"konsstympning": {"nu": "?", "tidigare": "N"}})
    assert "konsstympning" not in critical_items(d, {"konsstympning": {"nu": "N", "tidigare": "J"}})


def test_description_has_fgm_and_exploitation_as_forms(defs: dict[str, ChecklistDefinition]) -> None:
    d = defs["02_description.yaml"]
    assert {"konsstympning", "exploatering"} <= {o.code for o in d.scales["form"].options}
    assert {"konsstympning", "exploatering"} <= {s.id for s in d.sections}
    for form in ("konsstympning", "exploatering"):
        shown = visible_items(d, {f"{form}_forekommit": "ja"})
        assert f"{form}_handlingar" in shown and f"{form}_utovare" in shown
        assert f"{form}_handlingar" not in visible_items(d, {f"{form}_forekommit": "nej"})
    assert "konsstympning_forekommit" in critical_items(d, {"konsstympning_forekommit": "ja"})
    assert "exploatering_handlingar" in critical_items(d, {"exploatering_forekommit": "ja",
                                                            "exploatering_handlingar": ["dokument"]})  # fmt: skip
    calendar = next(i for i in all_items(d) if isinstance(i, RepeatGroup) and i.id == "handelser")
    assert any(c.id == "handelse_former" for c in calendar.items)


def test_screening_asks_about_strangulation_after_any_yes(defs: dict[str, ChecklistDefinition]) -> None:
    d = defs["01_screening.yaml"]
    base = {"ensam": "ja", "psykiskt": "nej", "fysiskt": "nej", "sexuellt": "nej", "heder": "nej"}
    assert "strypgrepp" not in visible_items(d, base)
    for key in ("psykiskt", "fysiskt", "sexuellt", "heder"):
        assert "strypgrepp" in visible_items(d, base | {key: "ja"})
    assert "strypgrepp" in critical_items(d, base | {"fysiskt": "ja", "strypgrepp": "ja"})


def test_danger_asks_own_suicidal_thoughts_and_violence_against_children(
    defs: dict[str, ChecklistDefinition],
) -> None:
    d = defs["03_danger.yaml"]
    items = {i.id: i for i in all_items(d)}
    assert items["egna_sjalvmordstankar"].required and items["vald_mot_barn"].required
    help_text = items["egna_sjalvmordstankar"].help
    assert help_text is not None and "90101" in help_text.sv
    assert {"egna_sjalvmordstankar", "vald_mot_barn"} <= set(
        critical_items(d, {"egna_sjalvmordstankar": "ja", "vald_mot_barn": "ja"})
    )


@pytest.mark.parametrize(
    "name", ["01_screening.yaml", "02_description.yaml", "03_danger.yaml", "04_spj_partner.yaml",
             "05_honour.yaml", "06_child.yaml", "07_perpetrator.yaml"]
)  # fmt: skip
def test_wording_never_hen_for_the_perpetrator_and_never_overestimates(name: str) -> None:
    import yaml

    raw = yaml.safe_load((checklist_dir() / name).read_text(encoding="utf-8"))
    for path, text in loc_texts(raw):
        sv = str(text.get("sv", ""))
        assert not re.search(r"\bhen(s|om)?\b", sv, re.IGNORECASE), f"{name}: {path}: {sv}"
        assert "överskatt" not in sv.lower(), f"{name}: {path}"
        if name in SPJ_FILES:
            assert "våldsutövande person" not in sv, f"{name}: {path}: say 'den som utövar våld'"
