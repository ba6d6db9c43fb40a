"""Trainee and group agreement on a shipped vignette; bad ratings files are refused with one line."""

from __future__ import annotations

import json
from typing import Any

import pytest

from stodapp.checklists.schema import ChecklistDefinition
from stodapp.errors import UserInputError
from stodapp.training.agreement import GroupItem, Rater, UnitSpec, compare_group, compare_trainee
from stodapp.training.agreement_io import analyse, prepare, result_json
from stodapp.training.kappa import cohen_kappa, fleiss_kappa
from stodapp.training.ratings import LoadedRatings, parse_ratings

from .conftest import MakeTrainee

Defs = dict[tuple[str, str], ChecklistDefinition]


def _loaded(data: dict[str, Any], name: str) -> LoadedRatings:
    return parse_ratings(json.dumps(data, ensure_ascii=False).encode(), name)


def test_reference_against_itself_is_full_agreement(
    reference_data: dict[str, Any], make_trainee: MakeTrainee, definitions: Defs
) -> None:
    prepared = prepare([_loaded(reference_data, "ref.json")], [_loaded(make_trainee("d1"), "d1.json")], definitions)
    (t,), group = analyse(prepared)
    assert group is None
    assert t.answers.percent_agreement == 1.0 and t.answers.cohen.kappa == pytest.approx(1.0)
    assert t.judgements.percent_agreement == 1.0
    assert t.largest_disagreements == ()


def test_trainee_statistics_match_direct_computation(
    reference_data: dict[str, Any], make_trainee: MakeTrainee, definitions: Defs
) -> None:
    changes = {
        (1, "answers", "strypgrepp"): "nej",
        (1, "answers", "egen_skattning"): "viss",
        (0, "answers", "barn_utsatt"): None,
        (1, "judgements", "samlad_risk"): "medel",
    }
    prepared = prepare(
        [_loaded(reference_data, "ref.json")], [_loaded(make_trainee("d1", changes), "d1.json")], definitions
    )
    (t,), _ = analyse(prepared)
    answers = [i for i in t.items if i.kind == "answer"]
    answered = [i for i in answers if i.trainee is not None]
    assert t.answers.unanswered == 1 and t.answers.compared == len(answered) == len(answers) - 1
    assert t.answers.percent_agreement == pytest.approx((len(answered) - 2) / len(answered))
    # nominal kappa: the same as Cohen's kappa on the scale-namespaced codes
    scale = {u.key: u.scale_key for u in prepared.units}
    direct = cohen_kappa(
        [scale[i.key] + i.reference for i in answered], [scale[i.key] + (i.trainee or "") for i in answered]
    )
    assert t.answers.cohen.kappa == pytest.approx(direct.kappa)
    # largest disagreements: nominal miss (distance 1) before a one-step ordinal miss (distance 0.5)
    labels = [(d.key.split("/")[-1], d.distance) for d in t.largest_disagreements]
    assert labels[0] == ("strypgrepp", 1.0) and ("egen_skattning", 0.5) in labels
    assert "Strypgrepp" in t.largest_disagreements[0].rationale
    assert t.judgements.percent_agreement == 0.5  # fortsattning agrees, samlad_risk does not


def test_group_discussion_list_and_fleiss(
    reference_data: dict[str, Any], make_trainee: MakeTrainee, definitions: Defs
) -> None:
    files = [
        make_trainee("d1", {(1, "answers", "strypgrepp"): "nej", (1, "answers", "separation"): "nej"}),
        make_trainee("d2", {(1, "answers", "strypgrepp"): "vet_ej"}),
        make_trainee("d3", {(1, "judgements", "samlad_risk"): "hog"}),
    ]
    prepared = prepare(
        [_loaded(reference_data, "ref.json")],
        [_loaded(f, f"{f['trainee']}.json") for f in files],
        definitions,
    )
    per, group = analyse(prepared)
    assert group is not None and len(per) == 3
    split = {i.key.split("/")[-1] for i in group.discussion}
    assert split == {"strypgrepp", "separation"}
    strypgrepp = next(i for i in group.items if i.key == "se.stodapp.vinr.farlighet/strypgrepp")
    assert strypgrepp.distribution == {"ja": 1, "nej": 1, "vet_ej": 1}
    assert strypgrepp.reference_share == pytest.approx(1 / 3)
    assert group.largest_disagreements[0].key == "se.stodapp.vinr.farlighet/strypgrepp"
    unanimous = next(i for i in group.items if i.key.endswith("/dodshot"))
    assert unanimous.agreement == 1.0 and not unanimous.split
    out = result_json(prepared)
    assert out["group"]["answers_fleiss"]["kappa"] == pytest.approx(group.answers_fleiss.kappa)
    json.dumps(out)  # JSON-serialisable


def test_group_per_item_reports_shares_and_who_differed_never_a_kappa() -> None:
    units = [
        UnitSpec(key=f"c/i{n}", checklist="c", item=f"i{n}", label=f"i{n}", codes=("ja", "nej"), labels=("Ja", "Nej"))
        for n in range(4)
    ]
    rows = {
        "i0": ["ja", "ja", "nej"],
        "i1": ["nej", "nej", "nej"],
        "i2": ["ja", "nej", "nej"],
        "i3": ["ja", "ja", "ja"],
    }
    raters = [Rater(name=f"r{k}", values={("v", f"c/{i}"): codes[k] for i, codes in rows.items()}) for k in range(3)]
    ref = Rater(name="ref", values={("v", f"c/{i}"): "ja" for i in rows})
    group = compare_group(units, ref, raters)
    table = [[codes.count("ja"), codes.count("nej")] for codes in rows.values()]
    assert group.answers_fleiss.kappa == pytest.approx(fleiss_kappa(table).kappa)
    by_item = {i.key.split("/")[-1]: i for i in group.items}
    assert "kappa" not in GroupItem.model_fields
    # i1: everyone agrees with each other (pairwise 1.0) but nobody with the reference "ja"
    assert by_item["i1"].agreement == 1.0 and by_item["i1"].reference_share == 0.0
    assert by_item["i1"].differed == (("r0", "Nej"), ("r1", "Nej"), ("r2", "Nej"))
    assert by_item["i0"].differed == (("r2", "Nej"),) and by_item["i0"].reference_share == pytest.approx(2 / 3)
    assert by_item["i0"].agreement == pytest.approx(1 / 3)  # pairs: (r0,r1) agree; (r0,r2), (r1,r2) do not
    assert by_item["i3"].differed == () and by_item["i3"].distribution_labels == {"Ja": 3}
    assert by_item["i2"].reference_labels == ("Ja",)


def test_unanswered_unit_is_not_a_disagreement() -> None:
    unit = UnitSpec(key="c/x", checklist="c", item="x", label="x", codes=("0", "1", "2"), ordinal=("0", "1", "2"))
    ref = Rater(name="ref", values={("v", "c/x"): "2"})
    res = compare_trainee([unit], ref, Rater(name="t", values={("v", "c/x"): None}))
    assert res.items[0].agree is None and res.largest_disagreements == ()
    assert res.answers.unanswered == 1 and res.answers.cohen.reason == "no_data"


# ---- bad input ------------------------------------------------------------------------------------


def test_different_checklist_version_is_refused(
    reference_data: dict[str, Any], make_trainee: MakeTrainee, definitions: Defs
) -> None:
    other = make_trainee("d1")
    other["checklists"][1]["version"] = "2.0.0"
    with pytest.raises(
        UserInputError,
        match="d1.json: checklistan se.stodapp.vinr.farlighet har version 2.0.0, referensen har 1.1.1",
    ):
        prepare([_loaded(reference_data, "ref.json")], [_loaded(other, "d1.json")], definitions)


def test_empty_ratings_files_are_refused(make_trainee: MakeTrainee) -> None:
    with pytest.raises(UserInputError, match="r.json: bedömningsfilen är tom"):
        parse_ratings(b"", "r.json")
    empty = make_trainee("d1")
    for cl in empty["checklists"]:
        cl["answers"], cl["judgements"] = {}, {}
    with pytest.raises(UserInputError, match="bedömningsfilen är tom"):
        _loaded(empty, "r.json")
    with pytest.raises(UserInputError, match="inte en bedömningsfil"):
        parse_ratings(b"[]", "r.json")
    with pytest.raises(UserInputError, match="inte en JSON-fil"):
        parse_ratings(b"\xff{", "r.json")


def test_same_file_twice_or_same_trainee_twice_is_refused(
    reference_data: dict[str, Any], make_trainee: MakeTrainee, definitions: Defs
) -> None:
    ref = _loaded(reference_data, "ref.json")
    a = _loaded(make_trainee("d1"), "a.json")
    with pytest.raises(UserInputError, match="b.json: samma fil som a.json"):
        prepare([ref], [a, _loaded(make_trainee("d1"), "b.json")], definitions)
    changed = _loaded(make_trainee("d1", {(1, "answers", "dodshot"): "nej"}), "c.json")
    with pytest.raises(UserInputError, match="c.json: deltagaren 'd1' finns redan i a.json"):
        prepare([ref], [a, changed], definitions)


def test_unknown_code_item_vignette_and_checklist_are_refused(
    reference_data: dict[str, Any], make_trainee: MakeTrainee, definitions: Defs
) -> None:
    ref = _loaded(reference_data, "ref.json")
    with pytest.raises(UserInputError, match="okänd svarskod 'kanske' för 'dodshot'"):
        prepare([ref], [_loaded(make_trainee("d1", {(1, "answers", "dodshot"): "kanske"}), "d.json")], definitions)
    with pytest.raises(UserInputError, match="okänd fråga eller bedömning 'nope'"):
        prepare([ref], [_loaded(make_trainee("d1", {(1, "answers", "nope"): "ja"}), "d.json")], definitions)
    other = make_trainee("d1")
    other["vignette"] = "annat-fall"
    with pytest.raises(UserInputError, match="ingen referens för fallbeskrivningen 'annat-fall'"):
        prepare([ref], [_loaded(other, "d.json")], definitions)
    with pytest.raises(UserInputError, match="är inte installerad"):
        prepare([ref], [_loaded(make_trainee("d1"), "d.json")], {})
    with pytest.raises(UserInputError, match="inga bedömningsfiler"):
        prepare([ref], [], definitions)
