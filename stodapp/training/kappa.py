"""Chance-corrected agreement: Cohen's kappa, weighted kappa (linear/quadratic) and Fleiss' kappa.

Pure functions over category codes (strings) or count tables; no I/O, no floats divided by zero.

Degenerate cases are *defined*, never an exception or a division by zero. Every result carries the
observed agreement even when kappa itself is undefined, plus a machine-readable `reason` code:

- ``no_data``          nothing was rated (no pairs / no subjects): agreement and kappa are None.
- ``single_category``  every rating falls in one and the same category, so chance agreement is 1:
                       agreement is reported as 1.0 and kappa is None (kappa is 0/0 there; the raters
                       agree perfectly but there is no variation to show that it is more than chance).
- ``too_few_raters``   Fleiss: no subject was rated by at least two raters.

Kappa is also None (reason ``single_category``) for the weighted kappa when the expected weighted
disagreement is 0, which happens exactly when both raters used one and the same category throughout.
A single subject or a single item is *not* degenerate mathematically; callers decide whether such a
kappa is meaningful (agreement.py reports a per-item kappa against the pooled chance agreement instead).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

Weighting = Literal["linear", "quadratic"]

NO_DATA = "no_data"
SINGLE_CATEGORY = "single_category"
TOO_FEW_RATERS = "too_few_raters"

# Tolerance for "chance agreement is 1": float sums of squares of proportions that are exactly 1 can
# come out as 0.9999999999999998.
_EPS = 1e-12


class KappaResult(BaseModel):
    """Kappa with its parts: observed agreement p_o, chance agreement p_e, number of rated units."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kappa: float | None
    observed: float | None
    expected: float | None
    n: int
    reason: str | None = None


class FleissResult(BaseModel):
    """Fleiss' kappa for a subjects x categories count table (Fleiss 1971)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kappa: float | None
    observed: float | None  # mean pairwise agreement P-bar over the used subjects
    expected: float | None  # chance agreement P-bar_e = sum_j p_j^2
    n_subjects: int  # subjects with >= 2 ratings (the ones used)
    n_ratings: int
    subject_agreement: tuple[float | None, ...]  # P_i per input row (None: fewer than 2 ratings)
    category_proportions: tuple[float, ...]  # p_j
    category_kappa: tuple[float | None, ...]  # Fleiss' kappa_j per category (None: p_j in {0, 1})
    reason: str | None = None


def percent_agreement(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Share of positions where `a` and `b` hold the same code; None for empty input."""
    _same_length(a, b)
    if not a:
        return None
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> KappaResult:
    """Cohen's (1960) kappa for two raters on nominal categories: (p_o - p_e) / (1 - p_e).

    p_e uses each rater's own marginal distribution. Degenerate cases: see the module docstring.
    """
    _same_length(a, b)
    n = len(a)
    if n == 0:
        return KappaResult(kappa=None, observed=None, expected=None, n=0, reason=NO_DATA)
    po = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[c] * cb[c] for c in ca) / (n * n)
    if pe >= 1.0 - _EPS:
        return KappaResult(kappa=None, observed=po, expected=1.0, n=n, reason=SINGLE_CATEGORY)
    return KappaResult(kappa=(po - pe) / (1.0 - pe), observed=po, expected=pe, n=n)


def category_weights(k: int, weighting: Weighting = "quadratic") -> list[list[float]]:
    """Disagreement weights w_ij in [0, 1]: |i-j|/(k-1) (linear) or ((i-j)/(k-1))^2 (quadratic)."""
    if k < 1:
        raise ValueError("k must be >= 1")
    if k == 1:
        return [[0.0]]
    power = 2 if weighting == "quadratic" else 1
    return [[(abs(i - j) / (k - 1)) ** power for j in range(k)] for i in range(k)]


def weighted_kappa(
    a: Sequence[str], b: Sequence[str], categories: Sequence[str], weighting: Weighting = "quadratic"
) -> KappaResult:
    """Cohen's (1968) weighted kappa on an ordered scale: 1 - sum(w*O) / sum(w*E).

    `categories` is the ordered scale (e.g. ("0", "1", "2") or ("lag", "medel", "hog")); positions are
    equally spaced. `observed` is the weighted observed agreement 1 - sum(w*O), `expected` the weighted
    chance agreement 1 - sum(w*E). A code outside `categories` is a ValueError (callers validate first).
    """
    _same_length(a, b)
    index = {c: i for i, c in enumerate(categories)}
    if len(index) != len(categories):
        raise ValueError("duplicate category codes")
    for code in (*a, *b):
        if code not in index:
            raise ValueError(f"code {code!r} is not on the scale")
    n = len(a)
    if n == 0:
        return KappaResult(kappa=None, observed=None, expected=None, n=0, reason=NO_DATA)
    w = category_weights(len(categories), weighting)
    observed_dis = sum(w[index[x]][index[y]] for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(index[x] for x in a), Counter(index[y] for y in b)
    expected_dis = sum(ca[i] * cb[j] * w[i][j] for i in ca for j in cb) / (n * n)
    if expected_dis <= _EPS:
        return KappaResult(kappa=None, observed=1.0 - observed_dis, expected=1.0, n=n, reason=SINGLE_CATEGORY)
    return KappaResult(
        kappa=1.0 - observed_dis / expected_dis, observed=1.0 - observed_dis, expected=1.0 - expected_dis, n=n
    )


def counts_table(ratings: Sequence[Sequence[str | None]], categories: Sequence[str]) -> list[list[int]]:
    """Subjects x categories counts from per-subject rating lists (None = not rated, skipped)."""
    index = {c: i for i, c in enumerate(categories)}
    table = []
    for row in ratings:
        counts = [0] * len(categories)
        for code in row:
            if code is None:
                continue
            if code not in index:
                raise ValueError(f"code {code!r} is not a category")
            counts[index[code]] += 1
        table.append(counts)
    return table


def subject_agreement(counts: Sequence[int]) -> float | None:
    """Fleiss' P_i: the share of agreeing ordered rater pairs on one subject; None below 2 ratings."""
    m = sum(counts)
    if m < 2:
        return None
    return sum(c * (c - 1) for c in counts) / (m * (m - 1))


def fleiss_kappa(table: Sequence[Sequence[int]]) -> FleissResult:
    """Fleiss' (1971) kappa for many raters: (P-bar - P-bar_e) / (1 - P-bar_e).

    Rows are subjects, columns categories, cells the number of raters choosing that category. With the
    same number m of ratings per subject this is exactly Fleiss (1971). Rows may have different totals
    (a trainee skipped an item): P_i uses the row's own m_i, p_j pools all ratings, and rows with fewer
    than 2 ratings are left out (their P_i is None). The per-category kappa_j (Fleiss 1971, eq. 13)
    generalises the same way: 1 - sum_i n_ij (m_i - n_ij) / (m_i - 1) / (sum_i m_i * p_j * q_j).
    Degenerate cases: see the module docstring.
    """
    width = len(table[0]) if table else 0
    if any(len(row) != width for row in table):
        raise ValueError("ragged table")
    if any(c < 0 for row in table for c in row):
        raise ValueError("negative count")
    p_i = tuple(subject_agreement(row) for row in table)
    used = [row for row, p in zip(table, p_i, strict=True) if p is not None]
    total = sum(sum(row) for row in used)
    if not table or total == 0:
        return FleissResult(
            kappa=None,
            observed=None,
            expected=None,
            n_subjects=0,
            n_ratings=0,
            subject_agreement=p_i,
            category_proportions=(0.0,) * width,
            category_kappa=(None,) * width,
            reason=NO_DATA if not any(sum(r) for r in table) else TOO_FEW_RATERS,
        )
    p_j = tuple(sum(row[j] for row in used) / total for j in range(width))
    observed = sum(p for p in p_i if p is not None) / len(used)
    expected = sum(p * p for p in p_j)
    cat_kappa: list[float | None] = []
    for j, pj in enumerate(p_j):
        denominator = total * pj * (1.0 - pj)
        if denominator <= _EPS:
            cat_kappa.append(None)
            continue
        disagreement = sum(row[j] * (sum(row) - row[j]) / (sum(row) - 1) for row in used)
        cat_kappa.append(1.0 - disagreement / denominator)
    kappa = None if expected >= 1.0 - _EPS else (observed - expected) / (1.0 - expected)
    return FleissResult(
        kappa=kappa,
        observed=observed,
        expected=1.0 if kappa is None else expected,
        n_subjects=len(used),
        n_ratings=total,
        subject_agreement=p_i,
        category_proportions=p_j,
        category_kappa=tuple(cat_kappa),
        reason=SINGLE_CATEGORY if kappa is None else None,
    )


def kappa_against(observed: float | None, expected: float | None) -> float | None:
    """(observed - expected) / (1 - expected), or None when either is None or expected is 1.

    Used for a per-item Fleiss kappa: the item's own P_i against the chance agreement P-bar_e of the
    whole table it belongs to, so that the mean of the per-subject kappas equals the overall kappa.
    """
    if observed is None or expected is None or expected >= 1.0 - _EPS:
        return None
    return (observed - expected) / (1.0 - expected)


def _same_length(a: Sequence[str], b: Sequence[str]) -> None:
    if len(a) != len(b):
        raise ValueError("rating sequences differ in length")
