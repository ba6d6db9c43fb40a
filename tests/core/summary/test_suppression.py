"""Disclosure control: primary and complementary suppression against an independent attacker."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stodapp.errors import UserInputError
from stodapp.summary.suppression import (
    Grid,
    build_grid,
    check_thresholds,
    is_protected,
    protect,
    suppress_population,
)
from tests.core.summary.attacker import Form, determined_exact, interval_lp

small_counts = st.one_of(st.integers(0, 4), st.integers(0, 30))


def _matrices(max_rows: int = 4, max_cols: int = 5) -> st.SearchStrategy[list[list[int]]]:
    return st.integers(1, max_rows).flatmap(
        lambda r: st.integers(1, max_cols).flatmap(
            lambda c: st.lists(st.lists(small_counts, min_size=c, max_size=c), min_size=r, max_size=r)
        )
    )


def _table_forms(shape: tuple[int, ...], row_axis: int | None, col_axis: int | None, grid: Grid) -> dict:
    """Linear form over the atoms for each entry (i, j) of a grid whose rows/cols follow the given axes."""
    atoms = list(itertools.product(*(range(n) for n in shape)))
    forms: dict[tuple[int, int], Form] = {}
    for i, j in grid.entries():

        def member(atom: tuple[int, ...], i: int = i, j: int = j) -> bool:
            ok_r = row_axis is None or i == grid.n_rows or atom[row_axis] == i
            ok_c = col_axis is None or j == grid.n_cols or atom[col_axis] == j
            return ok_r and ok_c

        forms[(i, j)] = tuple(1 if member(a) else 0 for a in atoms)
    return forms


def _attack(n_atoms: int, tables: list[tuple[Grid, dict]]) -> list[str]:
    """Every suppressed entry the attacker can pin down (empty list = safe)."""
    published: list[tuple[Form, int]] = []
    suppressed: list[tuple[Form, int]] = []
    for grid, forms in tables:
        for (i, j), form in forms.items():
            (suppressed if grid.suppressed[i][j] else published).append((form, grid.values[i][j]))
    recovered = []
    pub_forms = [f for f, _ in published]
    sup_forms = [f for f, _ in suppressed]
    for form, value in suppressed:
        if determined_exact(pub_forms, form):
            recovered.append(f"exact: {value}")
            continue
        lo, hi = interval_lp(n_atoms, published, sup_forms, form)
        if hi - lo < 0.5:
            recovered.append(f"lp: {value} in [{lo}, {hi}]")
    return recovered


@given(_matrices(), st.integers(3, 8))
def test_published_entries_are_zero_or_at_least_threshold(matrix: list[list[int]], threshold: int) -> None:
    grid = protect(build_grid(matrix), threshold)
    for i, j in grid.entries():
        v = grid.values[i][j]
        if not grid.suppressed[i][j]:
            assert v == 0 or v >= threshold
        else:
            assert v > 0  # zeros are never hidden, so "<t" never means 0
        if 0 < v < threshold:
            assert grid.suppressed[i][j] and grid.primary[i][j]


@given(_matrices())
def test_no_suppressed_entry_is_recoverable_in_one_table(matrix: list[list[int]]) -> None:
    grid = protect(build_grid(matrix), 5)
    forms = _table_forms((len(matrix), len(matrix[0])), 0, 1, grid)
    assert _attack(len(matrix) * len(matrix[0]), [(grid, forms)]) == []


@given(
    st.integers(1, 3)
    .flatmap(lambda a: st.integers(1, 3).flatmap(lambda b: st.integers(1, 3).map(lambda c: (a, b, c))))
    .flatmap(
        lambda shape: st.tuples(
            st.just(shape),
            st.lists(small_counts, min_size=shape[0] * shape[1] * shape[2], max_size=shape[0] * shape[1] * shape[2]),
        )
    ),
)
def test_two_tables_of_one_population_cannot_be_combined(
    data: tuple[tuple[int, int, int], list[int]],
) -> None:
    # Hidden atoms a x b x c; the report holds table A = a x b (with its margins, e.g. also shown as a
    # 1-D table by a) and table B = c (1-D). Both hold the same records, so they share the grand total.
    shape, flat = data
    atoms = dict(zip(itertools.product(*(range(n) for n in shape)), flat, strict=True))
    a_matrix = [[sum(atoms[(i, j, k)] for k in range(shape[2])) for j in range(shape[1])] for i in range(shape[0])]
    b_matrix = [[sum(v for key, v in atoms.items() if key[2] == k) for k in range(shape[2])]]
    grid_a, grid_b = suppress_population([build_grid(a_matrix), build_grid(b_matrix)], 5)
    tables = [(grid_a, _table_forms(shape, 0, 1, grid_a)), (grid_b, _table_forms(shape, None, 2, grid_b))]
    assert _attack(len(flat), tables) == []


def test_two_small_cells_with_a_known_sum_need_a_third() -> None:
    # 1 + 1 = 2 would pin both (a suppressed entry is >= 1), so the 7 must go too.
    grid = protect(build_grid([[1, 1, 0, 7]]), 5)
    row = grid.suppressed[0]
    assert row[:4] == [True, True, False, True]
    assert all(is_protected(grid, (0, j)) for j in (0, 1, 3))
    forms = _table_forms((1, 4), 0, 1, grid)
    assert _attack(4, [(grid, forms)]) == []


def test_unprotected_pattern_is_found_by_the_attacker() -> None:
    # The checker must be able to fail: hide only the primary cell and it is recovered from the row total.
    grid = build_grid([[2, 9], [8, 7]])
    grid.suppressed[0][0] = True
    forms = _table_forms((2, 2), 0, 1, grid)
    assert _attack(4, [(grid, forms)]) != []
    assert not is_protected(grid, (0, 0))


def test_small_total_hides_the_whole_population() -> None:
    grids = suppress_population([build_grid([[1, 0], [0, 2]]), build_grid([[3, 0]])], 5)
    for g in grids:
        for i, j in g.entries():
            assert g.suppressed[i][j] == (g.values[i][j] > 0)


def test_large_table_keeps_margins() -> None:
    grid = protect(build_grid([[20, 30, 2], [25, 40, 35], [18, 22, 27]]), 5)
    assert not grid.suppressed[3][3]  # grand total
    assert sum(grid.suppressed[i][j] for i, j in grid.entries()) == 4  # a 2 x 2 rectangle of interior cells


@pytest.mark.parametrize("bad", [2, 0, -1, 1])
def test_threshold_below_three_is_refused(bad: int) -> None:
    with pytest.raises(UserInputError, match="minst 3"):
        check_thresholds(bad)


def test_child_threshold_never_below_general() -> None:
    assert check_thresholds(5) == (5, 10)
    assert check_thresholds(7, 12) == (7, 12)
    with pytest.raises(UserInputError):
        check_thresholds(8, 6)
