"""An independent attacker for the tests: recovers suppressed entries from published ones, two ways.

It knows nothing of the engine's cycles. It sees a report as linear forms over hidden non-negative
integer atoms (the finest cross-classification), the published forms with their values, and that a
suppressed form is >= 1.
  * `determined_exact`: exact rational Gaussian elimination: is the form in the span of the published forms?
  * `interval_lp`: min and max of the form by linear programming (scipy); a collapsed interval is recovered.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

Form = tuple[int, ...]  # coefficient per atom (0/1)


def _rank(rows: list[list[Fraction]]) -> int:
    m = [r[:] for r in rows]
    rank = 0
    n_cols = len(m[0]) if m else 0
    for col in range(n_cols):
        pivot = next((k for k in range(rank, len(m)) if m[k][col] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        pv = m[rank][col]
        m[rank] = [x / pv for x in m[rank]]
        for k in range(len(m)):
            if k != rank and m[k][col] != 0:
                f = m[k][col]
                m[k] = [a - f * b for a, b in zip(m[k], m[rank], strict=True)]
        rank += 1
    return rank


def determined_exact(published: Sequence[Form], target: Form) -> bool:
    """True if `target` is a linear combination of the published forms (its value follows by elimination)."""
    if not published:
        return False
    base = [[Fraction(x) for x in f] for f in published]
    return _rank([*base, [Fraction(x) for x in target]]) == _rank(base)


def interval_lp(
    n_atoms: int, published: Sequence[tuple[Form, int]], suppressed: Sequence[Form], target: Form
) -> tuple[float, float]:
    """Feasible [min, max] of `target`: real atoms >= 0, published values fixed, suppressed forms >= 1."""
    import numpy as np
    from scipy.optimize import linprog

    a_eq = np.array([f for f, _ in published], dtype=float) if published else None
    b_eq = np.array([v for _, v in published], dtype=float) if published else None
    a_ub = np.array([[-x for x in f] for f in suppressed], dtype=float) if suppressed else None
    b_ub = np.array([-1.0] * len(suppressed)) if suppressed else None
    c = np.array(target, dtype=float)
    bounds = [(0, None)] * n_atoms
    lo = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    hi = linprog(-c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    assert lo.status == 0, lo.message  # the true table is feasible, so the LP must be
    top = float("inf") if hi.status == 3 else -hi.fun
    return lo.fun, top
