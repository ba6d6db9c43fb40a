"""Every figure the agreement view shows, checked against an independent computation or a textbook value.

The independent versions below count pairs and cells directly (itertools, a confusion matrix) instead of
using the closed formulas in stodapp.training.kappa, so a shared mistake cannot hide.
"""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from stodapp.training.agreement import Rater, UnitSpec, compare_group, compare_trainee
from stodapp.training.display import differed_text, distribution_text, kappa_text, pct

# ---- independent implementations --------------------------------------------------------------------


def naive_cohen(a: list[str], b: list[str]) -> float:
    cats = sorted(set(a) | set(b))
    n = len(a)
    cell = Counter(zip(a, b, strict=True))
    p_o = sum(cell[(c, c)] for c in cats) / n
    p_e = sum((sum(cell[(c, d)] for d in cats) / n) * (sum(cell[(d, c)] for d in cats) / n) for c in cats)
    return (p_o - p_e) / (1 - p_e)


def naive_quadratic(a: list[str], b: list[str], order: list[str]) -> float:
    k = len(order)
    n = len(a)
    w = [[((i - j) / (k - 1)) ** 2 for j in range(k)] for i in range(k)]
    obs = Counter((order.index(x), order.index(y)) for x, y in zip(a, b, strict=True))
    ma = Counter(order.index(x) for x in a)
    mb = Counter(order.index(y) for y in b)
    d_o = sum(w[i][j] * obs[(i, j)] / n for i in range(k) for j in range(k))
    d_e = sum(w[i][j] * (ma[i] / n) * (mb[j] / n) for i in range(k) for j in range(k))
    return 1 - d_o / d_e


def naive_fleiss(subjects: list[list[str]]) -> tuple[float, float]:
    """(kappa, mean pairwise agreement) by enumerating rater pairs per subject."""
    shares = []
    for ratings in subjects:
        pairs = list(itertools.combinations(ratings, 2))
        shares.append(sum(1 for x, y in pairs if x == y) / len(pairs))
    p_bar = sum(shares) / len(shares)
    flat = [c for s in subjects for c in s]
    p_e = sum((n / len(flat)) ** 2 for n in Counter(flat).values())
    return (p_bar - p_e) / (1 - p_e), p_bar


# ---- a small group: 4 trainees, 6 nominal questions, 4 ordinal judgements -----------------------------

NOMINAL = ("ja", "nej", "vet_ej")
NOMINAL_LABELS = ("Ja", "Nej", "Vet ej")
LMH = ("lag", "medel", "hog")
LMH_LABELS = ("Låg", "Medel", "Hög")
REF_ANSWERS = ["ja", "ja", "nej", "ja", "nej", "ja"]
REF_JUDGEMENTS = ["hog", "medel", "lag", "hog"]
TRAINEES = {
    "Anna": (["ja", "nej", "nej", "ja", "nej", "ja"], ["hog", "medel", "lag", "medel"]),
    "Bo": (["ja", "ja", "ja", "vet_ej", "nej", "ja"], ["medel", "medel", "lag", "hog"]),
    "Cilla": (["nej", "ja", "nej", "ja", "ja", "ja"], ["hog", "hog", "medel", "hog"]),
    "Dana": (["ja", "ja", "nej", "nej", "nej", "nej"], ["hog", "lag", "lag", "hog"]),
}


def _units() -> list[UnitSpec]:
    answers = [
        UnitSpec(key=f"c/q{i}", checklist="c", item=f"q{i}", label=f"Fråga {i}", codes=NOMINAL, labels=NOMINAL_LABELS)
        for i in range(6)
    ]
    judgements = [
        UnitSpec(key=f"c/bedömning:j{i}", checklist="c", item=f"j{i}", kind="judgement", label=f"Bedömning {i}",
                 codes=LMH, labels=LMH_LABELS, ordinal=LMH)  # fmt: skip
        for i in range(4)
    ]
    return [*answers, *judgements]


def _rater(name: str, answers: list[str], judgements: list[str]) -> Rater:
    values: dict[tuple[str, str], str | None] = {("v", f"c/q{i}"): c for i, c in enumerate(answers)}
    values |= {("v", f"c/bedömning:j{i}"): c for i, c in enumerate(judgements)}
    return Rater(name=name, values=values)


REFERENCE = _rater("referens", REF_ANSWERS, REF_JUDGEMENTS)
RATERS = [_rater(n, a, j) for n, (a, j) in TRAINEES.items()]


def test_trainee_figures_match_independent_computation() -> None:
    units = _units()
    for name, (answers, judgements) in TRAINEES.items():
        t = compare_trainee(units, REFERENCE, _rater(name, answers, judgements))
        same = sum(1 for x, y in zip(REF_ANSWERS, answers, strict=True) if x == y)
        assert t.answers.percent_agreement == pytest.approx(same / 6)
        assert t.answers.cohen.kappa == pytest.approx(naive_cohen(REF_ANSWERS, answers))
        assert t.judgements.cohen.kappa == pytest.approx(naive_cohen(REF_JUDGEMENTS, judgements))
        (w,) = t.judgements.weighted
        assert w.result.kappa == pytest.approx(naive_quadratic(REF_JUDGEMENTS, judgements, list(LMH)))
        assert w.scale_labels == LMH_LABELS
        for item in t.items:
            assert item.reference_label in (*NOMINAL_LABELS, *LMH_LABELS)
            assert item.trainee_label in (*NOMINAL_LABELS, *LMH_LABELS)


def test_group_figures_match_independent_computation() -> None:
    group = compare_group(_units(), REFERENCE, RATERS)
    answer_subjects = [[TRAINEES[n][0][i] for n in TRAINEES] for i in range(6)]
    judgement_subjects = [[TRAINEES[n][1][i] for n in TRAINEES] for i in range(4)]
    kappa_a, p_a = naive_fleiss(answer_subjects)
    kappa_j, p_j = naive_fleiss(judgement_subjects)
    assert group.answers_fleiss.kappa == pytest.approx(kappa_a)
    assert group.answers_fleiss.observed == pytest.approx(p_a)
    assert group.judgements_fleiss.kappa == pytest.approx(kappa_j)
    assert group.judgements_fleiss.observed == pytest.approx(p_j)
    per_scale = dict(zip(group.scale_labels, (res for _codes, res in group.scales), strict=True))
    assert per_scale[NOMINAL_LABELS].kappa == pytest.approx(kappa_a)
    assert per_scale[LMH_LABELS].kappa == pytest.approx(kappa_j)
    for item in group.items:
        i = int(item.key[-1])
        answers = answer_subjects[i] if item.kind == "answer" else judgement_subjects[i]
        ref = REF_ANSWERS[i] if item.kind == "answer" else REF_JUDGEMENTS[i]
        pairs = list(itertools.combinations(answers, 2))
        assert item.agreement == pytest.approx(sum(1 for x, y in pairs if x == y) / len(pairs))
        assert item.reference_share == pytest.approx(answers.count(ref) / len(answers))
        assert [name for name, _label in item.differed] == [
            n for n, code in zip(TRAINEES, answers, strict=True) if code != ref
        ]
        assert sum(item.distribution_labels.values()) == len(answers)
        assert set(item.distribution_labels) <= set(NOMINAL_LABELS + LMH_LABELS)


def test_group_total_reproduces_the_textbook_fleiss_example() -> None:
    # Wikipedia "Fleiss' kappa": 10 subjects, 14 raters, 5 categories -> kappa 0.210, P-bar 0.378.
    table = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]  # fmt: skip
    codes = ("1", "2", "3", "4", "5")
    units = [UnitSpec(key=f"c/s{i}", checklist="c", item=f"s{i}", label=f"s{i}", codes=codes) for i in range(10)]
    columns: list[list[str]] = []
    for row in table:
        columns.append([c for c, n in zip(codes, row, strict=True) for _ in range(n)])
    raters = [Rater(name=f"r{k}", values={("v", f"c/s{i}"): columns[i][k] for i in range(10)}) for k in range(14)]
    group = compare_group(units, Rater(name="ref", values={}), raters)
    assert group.answers_fleiss.kappa == pytest.approx(0.210, abs=5e-4)
    assert group.answers_fleiss.observed == pytest.approx(0.378, abs=5e-4)


def test_undefined_figures_say_too_few_answers_and_no_codes_leak() -> None:
    unit = UnitSpec(key="c/x", checklist="c", item="x", label="x", codes=NOMINAL, labels=NOMINAL_LABELS)
    one = [Rater(name="Anna", values={("v", "c/x"): "vet_ej"})]
    group = compare_group([unit], Rater(name="ref", values={("v", "c/x"): "ja"}), one)
    (item,) = group.items
    assert item.agreement is None and pct(item.agreement) == "för få svar"
    assert kappa_text(group.answers_fleiss.kappa, group.answers_fleiss.reason) == "för få svar"
    assert distribution_text(item.distribution_labels) == "Vet ej 1"
    assert differed_text(item.differed) == "Anna (Vet ej)"
    assert "vet_ej" not in distribution_text(item.distribution_labels) + differed_text(item.differed)
