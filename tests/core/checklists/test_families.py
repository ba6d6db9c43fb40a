"""Each instrument family's rule on small test definitions: DASH-like count, Lethality-like rule, SPJ."""

from __future__ import annotations

import pytest

from stodapp.checklists.judgements import decide, initial_judgements
from stodapp.checklists.record import new_assessment, sign, with_answers, with_judgement
from stodapp.checklists.scoring import compute_scores
from stodapp.errors import UserInputError, ValidationFailed

from .helpers import AT, fixture


def dash_answers(yes: int, unknown: int = 0) -> dict[str, str]:
    codes = ["ja"] * yes + ["vet_ej"] * unknown
    codes += ["nej"] * (24 - len(codes))
    return {f"q{i + 1}": c for i, c in enumerate(codes)}


@pytest.mark.parametrize(
    ("yes", "band"),
    [(0, "standard"), (9, "standard"), (10, "medel"), (13, "medel"), (14, "hog"), (24, "hog")],
)
def test_dash_like_count_bands(yes: int, band: str) -> None:
    scores = compute_scores(fixture("dash_like.yaml"), dash_answers(yes))
    assert scores["antal_ja"].value == yes
    assert scores["niva"].value == band


def test_dash_like_unknown_is_not_no_and_too_many_is_not_scorable() -> None:
    d = fixture("dash_like.yaml")
    six = compute_scores(d, dash_answers(14, unknown=6))
    assert six["antal_ja"].value == 14 and six["antal_ja"].missing == 6 and six["antal_ja"].answered == 18
    seven = compute_scores(d, dash_answers(14, unknown=7))
    assert seven["antal_ja"].status == "not_scorable" and seven["niva"].status == "not_scorable"
    assert initial_judgements(d, seven)["risk"].value is None  # nothing prefilled from "ej bedömbar"


def test_dash_like_judgement_raise_only() -> None:
    d = fixture("dash_like.yaml")
    scores = compute_scores(d, dash_answers(11))
    assert initial_judgements(d, scores)["risk"].value == "medel"  # advised, prefilled
    raised = decide(
        d, scores, "risk", "hog", reason="Hot om att döda mot barnen enligt skolan.", by="asa", at=AT
    )
    assert raised.overridden and raised.by == "asa" and raised.at == AT
    with pytest.raises(UserInputError, match="bara höjas"):
        decide(
            d, scores, "risk", "standard", reason="Personen tonar ner det som hänt i samtal.", by="asa", at=AT
        )
    with pytest.raises(UserInputError, match="motivering"):
        decide(d, scores, "risk", "hog", reason="kort", by="asa", at=AT)
    assert decide(d, scores, "risk", "medel", by="asa", at=AT).reason == ""


@pytest.mark.parametrize(
    ("yes", "expected"),
    [
        ([], False),
        (["q1"], True),
        (["q3"], True),
        (["q4", "q5", "q6"], False),
        (["q4", "q5", "q6", "q11"], True),
        (["q4", "q7", "q9", "q10", "q11"], True),
    ],
)
def test_lethality_like_any_of_three_or_four_of_eight(yes: list[str], expected: bool) -> None:
    answers = {f"q{i}": ("ja" if f"q{i}" in yes else "nej") for i in range(1, 12)}
    d = fixture("lethality_like.yaml")
    scores = compute_scores(d, answers)
    assert scores["hog_fara"].value is expected
    assert initial_judgements(d, scores)["fara"].value == ("hog" if expected else "ej_hog")


def test_lethality_like_missing_answers() -> None:
    d = fixture("lethality_like.yaml")
    # a yes on q1 decides it whatever is missing
    assert compute_scores(d, {"q1": "ja"})["hog_fara"].value is True
    # three yes of q4-q11 and three unknown: could still be 4 -> not scorable, nothing advised
    answers = {
        "q1": "nej",
        "q2": "nej",
        "q3": "nej",
        "q4": "ja",
        "q5": "ja",
        "q6": "ja",
        "q7": "vet_ej",
        "q8": "vet_ej",
        "q9": "vet_ej",
        "q10": "nej",
        "q11": "nej",
    }
    scores = compute_scores(d, answers)
    assert scores["hog_fara"].status == "not_scorable" and scores["hog_fara"].missing == 3
    assert initial_judgements(d, scores)["fara"].value is None


def test_spj_nothing_prefilled_and_signing_needs_every_judgement() -> None:
    d = fixture("spj_like.yaml")
    assert compute_scores(d, {}) == {}
    record = new_assessment(d, subject_ref="case-1", by="asa", at=AT)
    assert all(e.value is None and e.advised is None for e in record.judgements.values())
    record = with_answers(
        record, {"f1": {"nu": "J", "tidigare": "?"}, "scenario": [{"s_beskrivning": "Fiktivt"}]}
    )
    assert all(e.value is None for e in record.judgements.values())  # answers never fill an SPJ judgement
    with pytest.raises(ValidationFailed) as info:
        sign(record, by="asa", at=AT)
    assert {"akut: bedömningen är inte gjord", "framtida: bedömningen är inte gjord"} <= set(info.value.lines)
    for jid in ("akut", "framtida", "allvar"):
        record = with_judgement(record, jid, "medel", by="asa", at=AT)
    assert sign(record, by="asa", at=AT).status == "signed"


def test_spj_repeat_group_minimum_rows() -> None:
    d = fixture("spj_like.yaml")
    record = new_assessment(d, subject_ref="case-1", by="asa", at=AT)
    for jid in ("akut", "framtida", "allvar"):
        record = with_judgement(record, jid, "lag", by="asa", at=AT)
    with pytest.raises(ValidationFailed) as info:
        sign(record, by="asa", at=AT)
    assert "scenario: minst 1 rader krävs" in info.value.lines
    record = with_answers(record, {"scenario": [{"s_atgard": "x"}]})
    with pytest.raises(ValidationFailed) as info:
        sign(record, by="asa", at=AT)
    assert "scenario[0].s_beskrivning: obligatoriskt svar saknas" in info.value.lines


def test_runner_state_for_live_display() -> None:
    from stodapp.checklists.view import runner_state

    state = runner_state(fixture("lethality_like.yaml"), {"q2": "ja"})
    assert state.scores["hog_fara"].value is True and state.advised == {"fara": "hog"}
    assert state.visible_items[:2] == ("q1", "q2") and state.critical_items == ()
    assert runner_state(fixture("spj_like.yaml"), {}).advised == {}
