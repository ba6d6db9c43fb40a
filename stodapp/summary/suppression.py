"""Disclosure control: primary small-cell suppression and complementary suppression for tables with margins.

Model. A table has at most two dimensions. It is handled as an *extended* grid of (R+1) x (C+1) entries: the
interior cells, the row totals (last column), the column totals (last row) and the grand total (corner). A
one-dimension table is a grid with one row; a plain count is a 1 x 1 grid. Every entry is published as its
exact value, as 0, or suppressed ("<t").

Attacker. Someone holding the published report knows every published entry, that every row and column of the
grid adds up, that counts are non-negative integers and that a suppressed entry is at least 1 (zeros are
always published). A suppressed entry is *recoverable* when those facts pin it to one value.

Protection. Negate the entries of the total row and the total column (not the corner): then every row and
every column of the grid sums to zero, so the unknown part of the system is the incidence system of a
bipartite graph (rows and columns are nodes, suppressed entries are edges). Walking a simple cycle of
suppressed entries and adding +1/-1 alternately keeps every published entry and every sum intact. If all
entries the walk lowers are at least 2, the result is another valid table in which the entry differs: the
entry is not recoverable. The engine therefore suppresses, for every suppressed entry, the cheapest extra
entries (Dijkstra over the grid, interior cells before totals, small before large, never zeros) that close
such a cycle through it.

Several tables in one report. Tables that are margins of one table (e.g. a one-dimension table by sex next
to the sex x age table) are published from the same grid, so a margin has the same state wherever it
appears. Tables of different metrics over the same population share only the grand total and no dimension
(checked by the metric registry): with the total published, any alternative of one table combines with the
true values of the other (a non-negative table with given row and column sums exists whenever the sums
agree), so no combination of such tables pins anything a single table does not. If the grand total is
suppressed, `suppress_population` suppresses every non-zero entry of every table of that population.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from stodapp.errors import UserInputError
from stodapp.i18n import _

MIN_THRESHOLD = 3
DEFAULT_THRESHOLD = 5
DEFAULT_CHILD_THRESHOLD = 10


def check_thresholds(threshold: int, child_threshold: int | None = None) -> tuple[int, int]:
    """Validate the configured thresholds; returns (threshold, child threshold). Raises UserInputError."""
    if not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < MIN_THRESHOLD:
        raise UserInputError(
            _("Gränsvärdet för små tal måste vara ett heltal på minst {minimum}.").format(minimum=MIN_THRESHOLD)
        )
    child = DEFAULT_CHILD_THRESHOLD if child_threshold is None else child_threshold
    if not isinstance(child, int) or isinstance(child, bool) or child < threshold:
        raise UserInputError(_("Gränsvärdet för tabeller om barn får inte vara lägre än det allmänna gränsvärdet."))
    return threshold, child


@dataclass
class Grid:
    """An extended table: values[i][j] for i <= R, j <= C (index R is the total row, C the total column)."""

    values: list[list[int]]
    suppressed: list[list[bool]] = field(default_factory=list)
    primary: list[list[bool]] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.values) - 1

    @property
    def n_cols(self) -> int:
        return len(self.values[0]) - 1

    def entries(self) -> list[tuple[int, int]]:
        return [(i, j) for i in range(self.n_rows + 1) for j in range(self.n_cols + 1)]


def build_grid(interior: Sequence[Sequence[int]]) -> Grid:
    """Add row totals, column totals and the grand total to an R x C matrix of non-negative counts."""
    if not interior or not interior[0]:
        raise ValueError("a table needs at least one cell")
    n_cols = len(interior[0])
    rows: list[list[int]] = []
    for row in interior:
        if len(row) != n_cols or any((not isinstance(v, int)) or v < 0 for v in row):
            raise ValueError("counts must be a rectangular matrix of non-negative integers")
        rows.append([*row, sum(row)])
    rows.append([sum(r[j] for r in rows) for j in range(n_cols + 1)])
    size = (len(rows), n_cols + 1)
    return Grid(
        values=rows,
        suppressed=[[False] * size[1] for _ in range(size[0])],
        primary=[[False] * size[1] for _ in range(size[0])],
    )


def _flip(grid: Grid, i: int, j: int) -> int:
    """+1 for interior cells and the corner, -1 for row totals and column totals (the sign trick)."""
    return -1 if (i == grid.n_rows) != (j == grid.n_cols) else 1


def _weight(grid: Grid, i: int, j: int) -> float:
    value = grid.values[i][j]
    if i == grid.n_rows and j == grid.n_cols:
        return 1_000_000.0 + value
    if i == grid.n_rows or j == grid.n_cols:
        return 10_000.0 + value
    return 10.0 + value


def _cycle_through(grid: Grid, e: tuple[int, int], *, closing: bool) -> list[tuple[int, int]] | None:
    """Cheapest set of entries (already suppressed cost 0) closing a feasible +-1 cycle through `e`.

    `closing=False` only looks at suppressed entries (a safety check). Returns the other entries of the cycle,
    or None when no feasible cycle exists.
    """
    n_r, n_c = grid.n_rows + 1, grid.n_cols + 1
    best: list[tuple[int, int]] | None = None
    best_cost = float("inf")
    for e_sign in (1, -1):  # e's value goes up (e_sign=+1) or down in the alternative table
        ei, ej = e
        e_change = e_sign * _flip(grid, ei, ej)
        if e_change < 0 and grid.values[ei][ej] < 2:
            continue
        # z-sign of e is e_sign: +1 = e walked row -> column; then walk from its column back to its row.
        start = ("c", ej) if e_sign == 1 else ("r", ei)
        goal = ("r", ei) if e_sign == 1 else ("c", ej)
        dist: dict[tuple[str, int], float] = {start: 0.0}
        prev: dict[tuple[str, int], tuple[tuple[str, int], tuple[int, int]]] = {}
        heap: list[tuple[float, tuple[str, int]]] = [(0.0, start)]
        while heap:
            d, node = heapq.heappop(heap)
            if d > dist.get(node, float("inf")):
                continue
            if node == goal:
                break
            kind, k = node
            if kind == "r":  # row -> column: z +1
                nexts = [(("c", j), (k, j), 1) for j in range(n_c)]
            else:  # column -> row: z -1
                nexts = [(("r", i), (i, k), -1) for i in range(n_r)]
            for nxt, entry, z in nexts:
                if entry == e:
                    continue
                i, j = entry
                value = grid.values[i][j]
                if value == 0:
                    continue
                if z * _flip(grid, i, j) < 0 and value < 2:
                    continue
                if grid.suppressed[i][j]:
                    cost = 0.0
                elif closing:
                    cost = _weight(grid, i, j)
                else:
                    continue
                nd = d + cost
                if nd < dist.get(nxt, float("inf")):
                    dist[nxt] = nd
                    prev[nxt] = (node, entry)
                    heapq.heappush(heap, (nd, nxt))
        if goal in dist and dist[goal] < best_cost:
            path: list[tuple[int, int]] = []
            node = goal
            while node != start:
                node, entry = prev[node]
                path.append(entry)
            best, best_cost = path, dist[goal]
    return best


def is_protected(grid: Grid, e: tuple[int, int]) -> bool:
    """True if a feasible cycle of suppressed entries passes through the suppressed entry `e`."""
    return _cycle_through(grid, e, closing=False) is not None


def protect(grid: Grid, threshold: int) -> Grid:
    """Primary suppression (1..threshold-1) and complementary suppression, in place; returns the grid."""
    for i, j in grid.entries():
        small = 0 < grid.values[i][j] < threshold
        grid.primary[i][j] = small
        grid.suppressed[i][j] = grid.suppressed[i][j] or small
    # Smallest first: they are the most sensitive and their cycles are reused by larger ones.
    pending = sorted((e for e in grid.entries() if grid.suppressed[e[0]][e[1]]), key=lambda e: grid.values[e[0]][e[1]])
    while pending:
        e = pending.pop(0)
        if is_protected(grid, e):
            continue
        cycle = _cycle_through(grid, e, closing=True)
        if cycle is None:  # cannot happen for consistent tables; be safe anyway: hide every non-zero entry
            for i, j in grid.entries():
                grid.suppressed[i][j] = grid.suppressed[i][j] or grid.values[i][j] > 0
            return grid
        for i, j in cycle:
            grid.suppressed[i][j] = True
    return grid


def suppress_all(grid: Grid) -> Grid:
    """Suppress every non-zero entry (used when a population's grand total is itself too small)."""
    for i, j in grid.entries():
        grid.suppressed[i][j] = grid.values[i][j] > 0
    return grid


def suppress_population(grids: Sequence[Grid], threshold: int) -> list[Grid]:
    """Protect the tables of one population together: a suppressed grand total anywhere hides them all."""
    out = [protect(g, threshold) for g in grids]
    if any(g.suppressed[g.n_rows][g.n_cols] for g in out):
        out = [suppress_all(g) for g in out]
    return out


def grid_from_counts(counts: Mapping[tuple[str, ...], int], rows: Sequence[str], cols: Sequence[str]) -> Grid:
    """Interior matrix from {(row, col): n}; keys outside rows x cols are an error (no silent loss)."""
    index_r = {r: k for k, r in enumerate(rows)}
    index_c = {c: k for k, c in enumerate(cols)}
    matrix = [[0] * len(cols) for _ in rows]
    for key, n in counts.items():
        if len(key) != 2 or key[0] not in index_r or key[1] not in index_c:
            raise ValueError(f"count key outside the table's categories: {key!r}")
        matrix[index_r[key[0]]][index_c[key[1]]] += int(n)
    return build_grid(matrix)
