"""From fact counts to published tables: normalise, build grids, suppress per population, publish."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from stodapp.summary.dimensions import DIMENSIONS, MONTH, QUARTER, age_band_of
from stodapp.summary.metrics import REGISTRY, TREND, Metric
from stodapp.summary.models import Published, PublishedTable
from stodapp.summary.period import Period, quarter_of
from stodapp.summary.suppression import Grid, build_grid, suppress_population

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def _categories(dim: str, period: Period) -> tuple[list[str], list[str]]:
    """(codes, labels) for a dimension; the trend dimension becomes months or quarters of the period."""
    if dim == TREND:
        codes = period.months if period.trend_unit == "month" else period.quarters
        return codes, codes
    d = DIMENSIONS[dim]
    return d.codes(), [d.category_label(c) for c in d.codes()]


def _normalise(dim: str, value: str, period: Period) -> str | None:
    if dim == TREND:
        month = value[:7]
        if month not in period.months:
            return None  # outside the period: a fact function bug, dropped rather than shown
        return month if period.trend_unit == "month" else quarter_of(month)
    if dim == "age_band":
        return age_band_of(value)
    return DIMENSIONS[dim].normalise(value)


def _dim_label(dim: str, period: Period) -> str:
    if dim == TREND:
        return (MONTH if period.trend_unit == "month" else QUARTER).label()
    return DIMENSIONS[dim].label()


def counts_to_grid(metric: Metric, counts: Counter[tuple[str, ...]], period: Period) -> Grid:
    """Lay counts out as a grid: 2-D rows x cols, 1-D as one row, 0-D as one cell."""
    dims = metric.dims
    shape = [_categories(d, period)[0] for d in dims]
    index = [{c: k for k, c in enumerate(codes)} for codes in shape]
    if len(dims) == 2:
        matrix = [[0] * len(shape[1]) for _ in shape[0]]
    elif len(dims) == 1:
        matrix = [[0] * len(shape[0])]
    else:
        matrix = [[0]]
    for key, n in counts.items():
        if len(key) != len(dims) or n <= 0:
            continue
        codes = [_normalise(d, v, period) for d, v in zip(dims, key, strict=True)]
        if any(c is None for c in codes):
            continue
        pos = [index[k][c] for k, c in enumerate(codes) if c is not None]
        if len(dims) == 2:
            matrix[pos[0]][pos[1]] += int(n)
        elif len(dims) == 1:
            matrix[0][pos[0]] += int(n)
        else:
            matrix[0][0] += int(n)
    return build_grid(matrix)


def _pub(grid: Grid, i: int, j: int, threshold: int, also: tuple[int, int] | None = None) -> Published:
    hidden = grid.suppressed[i][j] or (also is not None and grid.suppressed[also[0]][also[1]])
    return f"<{threshold}" if hidden else grid.values[i][j]


def publish(metric: Metric, grid: Grid | None, period: Period, threshold: int) -> PublishedTable:
    """Only the published face of a protected grid leaves this function."""
    base = {
        "metric_id": metric.id,
        "title": metric.title.current(),
        "definition": metric.definition.current(),
        "counts": metric.counts.current(),
        "dims": metric.dims,
        "dim_labels": tuple(_dim_label(d, period) for d in metric.dims),
        "threshold": threshold,
        "children": metric.children,
        "chart": metric.chart,
    }
    if grid is None:
        return PublishedTable(**base, available=False)  # type: ignore[arg-type]
    r, c = grid.n_rows, grid.n_cols
    if len(metric.dims) == 2:
        (rc, rl), (cc, cl) = _categories(metric.dims[0], period), _categories(metric.dims[1], period)
        return PublishedTable(
            **base,  # type: ignore[arg-type]
            row_codes=tuple(rc),
            rows=tuple(rl),
            col_codes=tuple(cc),
            cols=tuple(cl),
            cells=tuple(tuple(_pub(grid, i, j, threshold) for j in range(c)) for i in range(r)),
            row_totals=tuple(_pub(grid, i, c, threshold) for i in range(r)),
            col_totals=tuple(_pub(grid, r, j, threshold) for j in range(c)),
            total=_pub(grid, r, c, threshold),
        )
    if len(metric.dims) == 1:
        codes, labels = _categories(metric.dims[0], period)
        return PublishedTable(
            **base,  # type: ignore[arg-type]
            row_codes=tuple(codes),
            rows=tuple(labels),
            cells=tuple((_pub(grid, 0, j, threshold, also=(1, j)),) for j in range(c)),
            total=_pub(grid, 0, c, threshold, also=(1, c)),
        )
    return PublishedTable(**base, total=_pub(grid, 0, 0, threshold, also=(1, 1)))  # type: ignore[arg-type]


def build_tables(
    session: Session,
    period: Period,
    threshold: int,
    child_threshold: int,
    metric_ids: Sequence[str] | None = None,
) -> list[PublishedTable]:
    """Aggregate, suppress and publish every requested metric. Populations are protected together."""
    metrics = [REGISTRY[m] for m in (metric_ids or list(REGISTRY))]
    grids: dict[str, Grid | None] = {}
    by_population: dict[str, list[Metric]] = defaultdict(list)
    for m in metrics:
        counts = m.fact(session, period)
        grids[m.id] = None if counts is None else counts_to_grid(m, counts, period)
        by_population[m.population].append(m)
    thresholds: dict[str, int] = {}
    for members in by_population.values():
        t = child_threshold if any(m.children for m in members) else threshold
        present = [m for m in members if grids[m.id] is not None]
        protected = suppress_population([g for m in present if (g := grids[m.id]) is not None], t)
        for m, g in zip(present, protected, strict=True):
            grids[m.id] = g
        for m in members:
            thresholds[m.id] = t
    return [publish(m, grids[m.id], period, thresholds[m.id]) for m in metrics]
