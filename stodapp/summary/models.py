"""What leaves the summary service: published tables holding only exact counts, 0, or "<t" — never rows."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator

Published = int | str  # an exact count (0 or >= threshold) or the suppression mark "<t"


def _check(value: Published) -> Published:
    if isinstance(value, bool):
        raise ValueError("not a count")
    if isinstance(value, int):
        if value < 0:
            raise ValueError("negative count")
        return value
    if not (value.startswith("<") and value[1:].isdigit()):
        raise ValueError("a published cell is a count or the suppression mark")
    return value


class PublishedTable(BaseModel):
    """One table as printed. 2-D: cells[r][c] with row/column totals; 1-D: one value per row; 0-D: total."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    metric_id: str
    title: str
    definition: str
    counts: str  # what one unit is ("ärenden", "hänvisningar" …)
    dims: tuple[str, ...]
    dim_labels: tuple[str, ...]
    row_codes: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()
    col_codes: tuple[str, ...] = ()
    cols: tuple[str, ...] = ()
    cells: tuple[tuple[Published, ...], ...] = ()
    row_totals: tuple[Published, ...] = ()
    col_totals: tuple[Published, ...] = ()
    total: Published = 0
    threshold: int
    children: bool = False
    available: bool = True
    chart: str = "bar"

    @field_validator("cells")
    @classmethod
    def _cells(cls, v: tuple[tuple[Published, ...], ...]) -> tuple[tuple[Published, ...], ...]:
        for row in v:
            for x in row:
                _check(x)
        return v

    @field_validator("row_totals", "col_totals")
    @classmethod
    def _margins(cls, v: tuple[Published, ...]) -> tuple[Published, ...]:
        for x in v:
            _check(x)
        return v

    @field_validator("total")
    @classmethod
    def _total(cls, v: Published) -> Published:
        return _check(v)

    def published_values(self) -> list[Published]:
        return [x for row in self.cells for x in row] + list(self.row_totals) + list(self.col_totals) + [self.total]


class SummaryReport(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    municipality: str
    period_first: str  # YYYY-MM
    period_last: str  # YYYY-MM
    produced_month: str  # YYYY-MM (no day: nothing in a report is finer than a month)
    threshold: int
    child_threshold: int
    language: str
    tables: tuple[PublishedTable, ...]
