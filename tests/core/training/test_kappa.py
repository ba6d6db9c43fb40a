"""Kappa implementations: published worked examples, degenerate cases, and property tests against
independent brute-force implementations written from the textbook definitions (all rater pairs)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stodapp.training.kappa import (
    NO_DATA,
    SINGLE_CATEGORY,
    TOO_FEW_RATERS,
    cohen_kappa,
    counts_table,
    fleiss_kappa,
    kappa_against,
    percent_agreement,
    weighted_kappa,
)


def expand(table: list[list[int]], cats: list[str]) -> tuple[list[str], list[str]]:
    """A 2-rater contingency table (rows rater A, columns rater B) as two rating sequences."""
    a: list[str] = []
    b: list[str] = []
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            a += [cats[i]] * count
            b += [cats[j]] * count
    return a, b


# ---- published worked examples -------------------------------------------------------------------


def test_cohen_textbook_example() -> None:
    # Wikipedia "Cohen's kappa", worked example: 50 grant proposals, two readers;
    # yes/yes 20, A yes/B no 5, A no/B yes 10, no/no 15 -> p_o 0.7, p_e 0.5, kappa 0.4.
    a, b = expand([[20, 5], [10, 15]], ["ja", "nej"])
    res = cohen_kappa(a, b)
    assert res.observed == pytest.approx(0.7)
    assert res.expected == pytest.approx(0.5)
    assert res.kappa == pytest.approx(0.4)


def test_cohen_and_linear_weighted_sas_example() -> None:
    # SAS PROC FREQ AGREE example as reproduced in statsmodels' test_inter_rater.py (table10):
    # simple kappa 0.4842, weighted kappa (Cicchetti-Allison = linear weights) 0.4701.
    cats = ["1", "2", "3"]
    a, b = expand([[0, 4, 1], [0, 8, 0], [0, 1, 5]], cats)
    assert cohen_kappa(a, b).kappa == pytest.approx(0.4842, abs=5e-5)
    assert weighted_kappa(a, b, cats, "linear").kappa == pytest.approx(0.4701, abs=5e-5)


def test_quadratic_weighted_irr_anxiety_example() -> None:
    # R package irr, data(anxiety), kappa2(anxiety[, 2:3], "squared") = 0.2520325 (quoted in statsmodels'
    # test_inter_rater.py); irr orders the levels that occur (1, 2, 3, 4, 6) with equal spacing.
    rater2 = "3 6 4 6 2 4 2 4 3 3 2 3 3 3 2 2 1 3 3 4".split()
    rater3 = "2 1 4 4 3 2 1 6 1 1 1 2 3 3 1 1 3 3 2 2".split()
    res = weighted_kappa(rater2, rater3, ["1", "2", "3", "4", "6"], "quadratic")
    assert res.kappa == pytest.approx(0.2520325, abs=1e-7)
    assert weighted_kappa(rater2, rater3, ["1", "2", "3", "4", "6"], "linear").kappa == pytest.approx(
        0.1459075, abs=1e-7
    )
    assert cohen_kappa(rater2, rater3).kappa == pytest.approx(-0.006289308, abs=1e-9)


# Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological Bulletin 76(5),
# 378-382, Table 1: 30 patients, 6 psychiatrists each, categories depression, personality disorder,
# schizophrenia, neurosis, other. Published kappa 0.430; per-category kappas 0.245 0.245 0.520 0.471 0.566.
FLEISS_1971 = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
    [0, 0, 5, 0, 1], [3, 0, 0, 1, 2], [5, 1, 0, 0, 0], [0, 2, 0, 4, 0], [1, 0, 2, 0, 3],
    [0, 0, 0, 0, 6], [0, 1, 0, 5, 0], [0, 2, 0, 1, 3], [2, 0, 0, 4, 0], [1, 0, 0, 4, 1],
    [0, 5, 0, 1, 0], [4, 0, 0, 0, 2], [0, 2, 0, 4, 0], [1, 0, 5, 0, 0], [0, 0, 0, 0, 6],
]  # fmt: skip


def test_fleiss_1971_psychiatric_diagnoses() -> None:
    res = fleiss_kappa(FLEISS_1971)
    assert res.kappa == pytest.approx(0.4302445, abs=1e-7)  # irr::kappam.fleiss(diagnoses)
    assert round(res.kappa or 0, 3) == 0.430
    assert [round(k or 0, 3) for k in res.category_kappa] == [0.245, 0.245, 0.520, 0.471, 0.566]
    assert res.n_subjects == 30 and res.n_ratings == 180


def test_fleiss_wikipedia_example() -> None:
    # Wikipedia "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories -> 0.210.
    table = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]  # fmt: skip
    res = fleiss_kappa(table)
    assert res.kappa == pytest.approx(0.210, abs=5e-4)
    assert res.subject_agreement[1] == pytest.approx(0.253, abs=5e-4)


# ---- degenerate cases (documented in kappa.py) ----------------------------------------------------


def test_empty_inputs_are_no_data() -> None:
    assert cohen_kappa([], []).reason == NO_DATA
    assert cohen_kappa([], []).observed is None
    assert weighted_kappa([], [], ["0", "1", "2"]).reason == NO_DATA
    assert fleiss_kappa([]).reason == NO_DATA
    assert percent_agreement([], []) is None


def test_single_category_reports_full_agreement_and_no_kappa() -> None:
    res = cohen_kappa(["ja"] * 5, ["ja"] * 5)
    assert (res.kappa, res.observed, res.reason) == (None, 1.0, SINGLE_CATEGORY)
    res = weighted_kappa(["1"] * 3, ["1"] * 3, ["0", "1", "2"])
    assert (res.kappa, res.observed, res.reason) == (None, 1.0, SINGLE_CATEGORY)
    res_f = fleiss_kappa([[4, 0], [4, 0]])
    assert (res_f.kappa, res_f.observed, res_f.reason) == (None, 1.0, SINGLE_CATEGORY)


def test_constant_raters_on_different_categories_give_kappa_zero() -> None:
    # Each rater constant, but different codes: p_e = 0, p_o = 0 -> kappa 0 (defined, not 0/0).
    res = cohen_kappa(["ja"] * 4, ["nej"] * 4)
    assert res.kappa == 0.0 and res.observed == 0.0


def test_single_item_is_defined() -> None:
    assert cohen_kappa(["ja"], ["nej"]).kappa == 0.0
    assert cohen_kappa(["ja"], ["ja"]).reason == SINGLE_CATEGORY
    res = fleiss_kappa([[2, 1]])
    assert res.n_subjects == 1 and res.kappa is not None


def test_fleiss_too_few_raters_and_missing_ratings() -> None:
    assert fleiss_kappa([[1, 0], [0, 1]]).reason == TOO_FEW_RATERS
    res = fleiss_kappa([[1, 0], [2, 1], [0, 3]])
    assert res.subject_agreement[0] is None and res.n_subjects == 2


def test_bad_inputs_raise_value_error() -> None:
    with pytest.raises(ValueError):
        cohen_kappa(["ja"], [])
    with pytest.raises(ValueError):
        weighted_kappa(["3"], ["0"], ["0", "1", "2"])
    with pytest.raises(ValueError):
        fleiss_kappa([[1, 2], [1]])
    with pytest.raises(ValueError):
        counts_table([["x"]], ["a"])


# ---- independent straightforward implementations --------------------------------------------------


def naive_cohen(a: list[str], b: list[str]) -> float | None:
    n = len(a)
    po = sum(a[i] == b[i] for i in range(n)) / n
    pe = sum(a[i] == b[j] for i in range(n) for j in range(n)) / (n * n)  # all cross pairs
    return None if pe == 1 else (po - pe) / (1 - pe)


def naive_weighted(a: list[str], b: list[str], cats: list[str], power: int) -> float | None:
    pos = {c: i for i, c in enumerate(cats)}
    k = len(cats)
    n = len(a)

    def w(x: str, y: str) -> float:
        return (abs(pos[x] - pos[y]) / (k - 1)) ** power if k > 1 else 0.0

    do = sum(w(a[i], b[i]) for i in range(n)) / n
    de = sum(w(a[i], b[j]) for i in range(n) for j in range(n)) / (n * n)
    return None if de == 0 else 1 - do / de


def naive_fleiss(subjects: list[list[str]]) -> float | None:
    agree = []
    for raters in subjects:
        m = len(raters)
        pairs = list(itertools.permutations(range(m), 2))
        agree.append(sum(raters[i] == raters[j] for i, j in pairs) / len(pairs))
    flat = [r for raters in subjects for r in raters]
    pe = sum((flat.count(c) / len(flat)) ** 2 for c in set(flat))
    p_bar = sum(agree) / len(agree)
    return None if abs(pe - 1) < 1e-12 else (p_bar - pe) / (1 - pe)


CATS = ["a", "b", "c", "d"]
pairs_strategy = st.integers(1, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.sampled_from(CATS), min_size=n, max_size=n),
        st.lists(st.sampled_from(CATS), min_size=n, max_size=n),
    )
)


@given(pairs_strategy)
def test_cohen_equals_naive(pair: tuple[list[str], list[str]]) -> None:
    a, b = pair
    expected = naive_cohen(a, b)
    got = cohen_kappa(a, b)
    if expected is None:
        assert got.kappa is None and got.reason == SINGLE_CATEGORY
    else:
        assert got.kappa == pytest.approx(expected, abs=1e-9)
    assert got.kappa == cohen_kappa(b, a).kappa  # symmetric
    assert got.observed == pytest.approx(percent_agreement(a, b))


@given(pairs_strategy, st.sampled_from([("quadratic", 2), ("linear", 1)]))
def test_weighted_equals_naive(pair: tuple[list[str], list[str]], weighting: tuple[str, int]) -> None:
    a, b = pair
    name, power = weighting
    expected = naive_weighted(a, b, CATS, power)
    got = weighted_kappa(a, b, CATS, name)  # type: ignore[arg-type]
    if expected is None:
        assert got.kappa is None
    else:
        assert got.kappa == pytest.approx(expected, abs=1e-9)


@given(pairs_strategy)
def test_weighted_kappa_on_two_categories_equals_cohen(pair: tuple[list[str], list[str]]) -> None:
    a = ["lo" if x in "ab" else "hi" for x in pair[0]]
    b = ["lo" if x in "ab" else "hi" for x in pair[1]]
    qwk = weighted_kappa(a, b, ["lo", "hi"]).kappa
    ck = cohen_kappa(a, b).kappa
    assert (qwk is None) == (ck is None)
    if qwk is not None and ck is not None:
        assert qwk == pytest.approx(ck, abs=1e-9)


subjects_strategy = st.integers(2, 7).flatmap(
    lambda m: st.lists(st.lists(st.sampled_from(CATS[:3]), min_size=m, max_size=m), min_size=1, max_size=15)
)


@given(subjects_strategy)
def test_fleiss_equals_naive(subjects: list[list[str]]) -> None:
    expected = naive_fleiss(subjects)
    res = fleiss_kappa(counts_table(subjects, CATS[:3]))
    if expected is None:
        assert res.kappa is None and res.reason == SINGLE_CATEGORY and res.observed == 1.0
    else:
        assert res.kappa == pytest.approx(expected, abs=1e-9)
        # the overall kappa is the mean of the per-subject kappas against the shared chance agreement
        per_subject = [kappa_against(p, res.expected) for p in res.subject_agreement]
        assert sum(k for k in per_subject if k is not None) / len(per_subject) == pytest.approx(res.kappa)


@given(subjects_strategy.filter(lambda s: len(s[0]) == 2))
def test_fleiss_two_raters_close_to_scott_pi(subjects: list[list[str]]) -> None:
    # With two raters Fleiss' kappa is Scott's pi: pooled marginals for both raters.
    a = [s[0] for s in subjects]
    b = [s[1] for s in subjects]
    n = len(a)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pooled = a + b
    pe = sum((pooled.count(c) / (2 * n)) ** 2 for c in set(pooled))
    res = fleiss_kappa(counts_table(subjects, CATS[:3]))
    if pe == 1:
        assert res.kappa is None
    else:
        assert res.kappa == pytest.approx((po - pe) / (1 - pe), abs=1e-9)
