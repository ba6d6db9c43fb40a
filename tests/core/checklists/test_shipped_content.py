"""Shipped checklists: valid, bilingual, labelled "ej validerad", no cut-offs on SPJ, content rules hold."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from stodapp.checklists.judgements import decide, initial_judgements
from stodapp.checklists.loader import load_folder
from stodapp.checklists.runtime import critical_items, visible_items, visible_sections
from stodapp.checklists.schema import (
    BinsScore,
    ChecklistDefinition,
    ChoiceItem,
    MultiChoiceItem,
    RepeatGroup,
    Scale,
    TextItem,
)
from stodapp.checklists.scoring import compute_scores
from stodapp.checklists.validate import load_definition_file
from stodapp.errors import UserInputError
from tests.core.checklists.helpers import AT

ROOT = Path(__file__).resolve().parents[3]
FOLDER = ROOT / "checklists"
OVERVIEW = ROOT / "docs" / "checklists-overview.md"

# file -> (definition id, instrument whose *style* it follows, as named in provenance.modelled_on)
OURS: dict[str, tuple[str, str]] = {
    "02_description.yaml": ("se.stodapp.vinr.beskrivning", "FREDA-beskrivning"),
    "03_danger.yaml": ("se.stodapp.vinr.farlighet", "FREDA-farlighetsbedömning"),
    "04_spj_partner.yaml": ("se.stodapp.vinr.spb_partner", "SARA:SV / B-SAFER"),
    "05_honour.yaml": ("se.stodapp.hrv.spb_heder", "PATRIARK"),
    "06_child.yaml": ("se.stodapp.barn.barnets_situation", "iRiSk"),
    "07_perpetrator.yaml": ("se.stodapp.vinr.utovare", "våldsutövare"),
    "08_org_self_assessment.yaml": ("se.stodapp.org.sjalvskattning", "Länsstyrelsen Västra Götaland"),
}
SPJ_FILES = ("04_spj_partner.yaml", "05_honour.yaml")
PROTECTED_NAMES = ("FREDA", "SARA", "B-SAFER", "PATRIARK", "DASH", "Danger Assessment", "iRiSk", "ODARA")


@pytest.fixture(scope="module")
def defs() -> dict[str, ChecklistDefinition]:
    return {name: load_definition_file(FOLDER / name) for name in OURS}


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return {name: yaml.safe_load((FOLDER / name).read_text(encoding="utf-8")) for name in OURS}


def _items(items: list[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        if isinstance(item, RepeatGroup):
            yield from _items(item.items)


def all_items(definition: ChecklistDefinition) -> Iterator[Any]:
    for section in definition.sections:
        yield from _items(section.items)


def loc_texts(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every {sv: ..., en: ...} text in the raw YAML, with its path."""
    if isinstance(value, dict):
        if "sv" in value and set(value) <= {"sv", "en"}:
            yield path, value
            return
        for key, sub in value.items():
            yield from loc_texts(sub, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            yield from loc_texts(sub, f"{path}[{i}]")


def all_scales(definition: ChecklistDefinition) -> Iterator[tuple[str, Scale]]:
    yield from definition.scales.items()
    for item in all_items(definition):
        if isinstance(item, ChoiceItem | MultiChoiceItem) and isinstance(item.scale, Scale):
            yield item.id, item.scale
    for j in definition.judgements:
        if isinstance(j.scale, Scale):
            yield j.id, j.scale


# ---------------------------------------------------------------- every file
def test_whole_folder_loads_without_broken_files() -> None:
    result = load_folder(FOLDER)
    assert [b.errors for b in result.broken] == []
    ids = {entry.path.name: entry.definition.id for entry in result.loaded}
    for name, (def_id, _style) in OURS.items():
        assert ids.get(name) == def_id
    assert len(set(ids.values())) == len(ids), "two shipped files share an id"


@pytest.mark.parametrize("name", sorted(OURS))
def test_published_own_and_not_validated(name: str, defs: dict[str, ChecklistDefinition]) -> None:
    d = defs[name]
    assert d.status == "published"
    assert re.fullmatch(r"\d+\.\d+\.\d+", d.version)
    assert d.locales == ["sv", "en"]
    p = d.provenance
    assert p.origin == "original_in_style_of"
    assert p.validated is False
    assert p.label is not None
    assert "ej validerad" in p.label.sv.lower()
    assert "not validated" in p.label.en.lower()
    assert d.description is not None
    assert "ej validerad" in d.description.sv.lower()
    assert "not validated" in d.description.en.lower()
    style = OURS[name][1]
    assert any(style in m for m in p.modelled_on), (
        f"{name}: provenance must name the style it follows ({style})"
    )


@pytest.mark.parametrize("name", sorted(OURS))
def test_every_text_has_swedish_and_english(name: str, raw: dict[str, Any]) -> None:
    texts = list(loc_texts(raw[name]))
    assert len(texts) > 20
    for path, text in texts:
        assert str(text.get("sv", "")).strip(), f"{name}: {path} lacks sv"
        assert str(text.get("en", "")).strip(), f"{name}: {path} lacks en"


@pytest.mark.parametrize("name", sorted(OURS))
def test_every_option_has_a_bilingual_label(name: str, defs: dict[str, ChecklistDefinition]) -> None:
    for where, scale in all_scales(defs[name]):
        for option in scale.options:
            assert option.label is not None, f"{name}: {where}.{option.code} has no label"
            assert option.label.sv and option.label.en, f"{name}: {where}.{option.code}"


@pytest.mark.parametrize("name", sorted(OURS))
def test_ids_snake_case_and_texts_do_not_claim_an_instrument(
    name: str, defs: dict[str, ChecklistDefinition]
) -> None:
    for item in all_items(defs[name]):
        assert re.fullmatch(r"[a-z][a-z0-9_]*", item.id), item.id
        for text in (item.text, item.help):
            for value in (text.sv, text.en or "") if text is not None else ():
                for protected in PROTECTED_NAMES:
                    assert protected not in value, f"{name}: {item.id} names {protected} in item text"


@pytest.mark.parametrize("name", sorted(OURS))
def test_no_validated_looking_cut_offs(name: str, defs: dict[str, ChecklistDefinition]) -> None:
    """No shipped checklist bins a score into bands; SPJ checklists compute nothing at all."""
    d = defs[name]
    assert not [s.id for s in d.scores if isinstance(s, BinsScore)]
    if name in SPJ_FILES:
        assert d.scores == []


@pytest.mark.parametrize("name", sorted(OURS))
def test_spj_judgements_have_no_source_and_are_never_prefilled(
    name: str, defs: dict[str, ChecklistDefinition]
) -> None:
    d = defs[name]
    spj = [j for j in d.judgements if j.mode == "spj"]
    for j in spj:
        assert j.source is None and j.advice is None and j.override is None, j.id
    entries = initial_judgements(d, compute_scores(d, {}))
    assert all(entries[j.id].value is None and entries[j.id].advised is None for j in spj)


@pytest.mark.parametrize("name", sorted(OURS))
def test_overview_doc_lists_every_item(name: str, defs: dict[str, ChecklistDefinition]) -> None:
    doc = OVERVIEW.read_text(encoding="utf-8")
    d = defs[name]
    assert f"`{d.id}`" in doc
    missing = [item.id for item in all_items(d) if f"`{item.id}`" not in doc]
    missing += [s.id for s in d.sections if f"`{s.id}`" not in doc]
    missing += [j.id for j in d.judgements if f"`{j.id}`" not in doc]
    assert missing == [], f"{name}: not in docs/checklists-overview.md: {missing}"


# ---------------------------------------------------------------- SPJ families
@pytest.mark.parametrize("name", SPJ_FILES)
def test_spj_factors_rated_now_and_earlier_with_three_lmh_judgements(
    name: str, defs: dict[str, ChecklistDefinition]
) -> None:
    d = defs[name]
    factors = [i for i in all_items(d) if isinstance(i, ChoiceItem) and i.facets]
    assert len(factors) >= 15
    for factor in factors:
        assert factor.facets == ["nu", "tidigare"] and factor.scale == "jqn", factor.id
    assert {o.code for o in d.scales["jqn"].options} >= {"J", "?", "N"}
    assert len(d.judgements) == 3
    assert all(j.mode == "spj" and j.scale == "lmh" and j.required for j in d.judgements)
    groups = [i for i in all_items(d) if isinstance(i, RepeatGroup)]
    assert any(g.id == "scenario" for g in groups) and any(g.id == "atgard" for g in groups)


def test_honour_has_several_perpetrators_and_victims_and_retraction_guidance(
    defs: dict[str, ChecklistDefinition],
) -> None:
    d = defs["05_honour.yaml"]
    groups = {g.id: g for g in all_items(d) if isinstance(g, RepeatGroup)}
    assert groups["utovare"].max > 1 and groups["utsatta"].max > 1
    section = next(s for s in d.sections if s.id == "andrade_uppgifter")
    assert section.help is not None
    assert "inte ett bevis" in section.help.sv and "not proof" in section.help.en
    assert "tagit_tillbaka_omstandigheter" not in visible_items(d, {"tagit_tillbaka": "nej"})
    assert "tagit_tillbaka_omstandigheter" in visible_items(d, {"tagit_tillbaka": "ja"})
    assert "tagit_tillbaka" in critical_items(d, {"tagit_tillbaka": "ja"})


# ---------------------------------------------------------------- danger assessment
def _danger_all(d: ChecklistDefinition, code: str) -> dict[str, str]:
    return {i.id: code for i in all_items(d) if isinstance(i, ChoiceItem) and i.scale == "ynu"}


def test_danger_count_only_supports_and_nothing_is_suggested_without_serious_signs(
    defs: dict[str, ChecklistDefinition],
) -> None:
    d = defs["03_danger.yaml"]
    answers = _danger_all(d, "nej") | {"vald_okat": "ja", "separation": "ja", "kontroll_vardag": "ja"}
    scores = compute_scores(d, answers)
    assert scores["antal_ja"].status == "ok" and scores["antal_ja"].value == 3
    assert scores["allvarliga_tecken"].value is False
    entry = initial_judgements(d, scores)["samlad_risk"]
    assert entry.advised is None and entry.value is None  # no "låg" anchored from a count
    chosen = decide(d, scores, "samlad_risk", "medel", by="handlaggare1", at=AT)
    assert chosen.value == "medel" and not chosen.overridden


def test_danger_serious_sign_suggests_high_which_may_be_lowered_with_a_reason(
    defs: dict[str, ChecklistDefinition],
) -> None:
    d = defs["03_danger.yaml"]
    scores = compute_scores(d, _danger_all(d, "nej") | {"strypgrepp": "ja"})
    assert scores["allvarliga_tecken"].value is True
    assert initial_judgements(d, scores)["samlad_risk"].value == "hog"
    with pytest.raises(UserInputError, match="motivering"):
        decide(d, scores, "samlad_risk", "medel", reason="för kort", by="handlaggare1", at=AT)
    lowered = decide(d, scores, "samlad_risk", "medel", reason="x" * 60, by="handlaggare1", at=AT)
    assert lowered.value == "medel" and lowered.overridden
    assert {"dodshot", "strypgrepp", "vapen_hot"} <= set(critical_items(d, {}))


def test_danger_unknown_is_missing_not_no(defs: dict[str, ChecklistDefinition]) -> None:
    d = defs["03_danger.yaml"]
    answers = _danger_all(d, "vet_ej")
    scores = compute_scores(d, answers)
    assert scores["antal_ja"].status == "not_scorable" and scores["antal_ja"].value is None
    assert initial_judgements(d, scores)["samlad_risk"].value is None
    own = next(i for i in all_items(d) if i.id == "egen_skattning")
    assert own.required and isinstance(own, ChoiceItem)


# ---------------------------------------------------------------- other checklists
def test_description_follow_ups_only_after_yes_and_calendar_repeats(
    defs: dict[str, ChecklistDefinition],
) -> None:
    d = defs["02_description.yaml"]
    forms = [
        "fysiskt",
        "psykiskt",
        "sexuellt",
        "ekonomiskt",
        "materiellt",
        "digitalt",
        "latent",
        "forsummelse",
        "heder",
    ]
    assert [s.id for s in d.sections if s.id in forms] == forms
    for form in forms:
        hidden = visible_items(d, {f"{form}_forekommit": "nej"})
        shown = visible_items(d, {f"{form}_forekommit": "ja"})
        assert f"{form}_frekvens" not in hidden and f"{form}_frekvens" in shown
        frequency = next(i for i in all_items(d) if i.id == f"{form}_frekvens")
        assert frequency.facets == ["senaste_aret", "tidigare"]
    assert "fysiskt_handlingar" in critical_items(
        d, {"fysiskt_forekommit": "ja", "fysiskt_handlingar": ["strypgrepp"]}
    )
    assert "fysiskt_handlingar" not in critical_items(
        d, {"fysiskt_forekommit": "ja", "fysiskt_handlingar": ["annat"]}
    )
    calendar = next(i for i in all_items(d) if i.id == "handelser")
    assert isinstance(calendar, RepeatGroup) and calendar.max >= 50
    assert d.scores == [] and d.judgements == []


def test_child_experience_suggests_a_report_that_cannot_be_lowered(
    defs: dict[str, ChecklistDefinition],
) -> None:
    d = defs["06_child.yaml"]
    scores = compute_scores(d, {"barn_hort": "ja"})
    assert initial_judgements(d, scores)["anmalan_behovs"].value == "ja"
    with pytest.raises(UserInputError):
        decide(d, scores, "anmalan_behovs", "nej", reason="x" * 60, by="handlaggare1", at=AT)
    nothing = compute_scores(
        d,
        {
            k: "nej"
            for k in (
                "barn_sett",
                "barn_hort",
                "barn_markt_efterat",
                "barn_ingripit",
                "barn_utsatt_fysiskt",
                "barn_utsatt_psykiskt",
                "barn_anvant",
            )
        },
    )
    assert initial_judgements(d, nothing)["anmalan_behovs"].value is None
    assert "barnets_rost" not in visible_sections(d, {"barnsamtal": "nej_alder"})
    assert "barnets_rost" in visible_sections(d, {"barnsamtal": "enskilt"})
    assert "vardnadshavare_ej_kontaktade" in visible_items(d, {"hederskontext": "ja"})
    assert "vardnadshavare_ej_kontaktade" not in visible_items(d, {"hederskontext": "nej"})


def test_perpetrator_follow_ups_and_referral(defs: dict[str, ChecklistDefinition]) -> None:
    d = defs["07_perpetrator.yaml"]
    assert "ansvar" not in visible_sections(d, {"anvant_vald": "nej"})
    assert {"ansvar", "motivation"} <= set(visible_sections(d, {"anvant_vald": "ja"}))
    assert "allvarliga_handlingar" in critical_items(d, {"anvant_vald": "ja", "allvarliga_handlingar": "ja"})
    referral = next(i for i in all_items(d) if i.id == "erbjudet_stod")
    assert isinstance(referral, MultiChoiceItem) and referral.required


def test_organisation_self_assessment_five_areas_yes_no_and_how(defs: dict[str, ChecklistDefinition]) -> None:
    d = defs["08_org_self_assessment.yaml"]
    assert d.audience == "organisation"
    titles = [s.title.sv for s in d.sections][:5]
    assert titles == [
        "Styrning och ledning",
        "Resurser",
        "Samordning och organisering",
        "Förändringsvilja och organisationsklimat",
        "Förståelse och kompetens",
    ]
    for section in d.sections[:5]:
        items = section.items
        assert len(items) % 2 == 0
        for question, how in zip(items[::2], items[1::2], strict=True):
            assert isinstance(question, ChoiceItem) and question.scale == "jn"
            assert isinstance(how, TextItem) and how.id == f"{question.id}_hur"
    scores = compute_scores(
        d, {"sl_beslut_jamstalldhet": "ja", "re_placering": "ja", "re_resurser_finns": "nej"}
    )
    assert scores["antal_ja_totalt"].value == 2 and scores["antal_ja_resurser"].value == 1
    assert d.judgements == []


def test_overview_doc_is_what_the_definitions_give() -> None:
    """docs/checklists-overview.md below its marker is generated; regenerate with `stodapp checklists overview --write`."""
    from stodapp.cli.checklists import overview_text
    from stodapp.paths import project_root

    committed = (project_root() / "docs" / "checklists-overview.md").read_text(encoding="utf-8")
    assert committed == overview_text(), "run: stodapp checklists overview --write"
