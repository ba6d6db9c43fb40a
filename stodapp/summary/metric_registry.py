"""The metric model and its registry (the disclosure rules every metric must keep); metrics.py and
metrics_content.py register the shipped metrics into it."""


from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from stodapp.localized_text import LocalizedText
from stodapp.summary.dimensions import DIMENSIONS

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from stodapp.summary.period import Period

FactFn = Callable[["Session", "Period"], "Counter[tuple[str, ...]] | None"]
TREND = "trend"  # resolved to month or quarter by the period's length


@dataclass(frozen=True)
class Metric:
    id: str
    population: str  # metrics over the same records share it; they may not share a dimension
    title: LocalizedText
    definition: LocalizedText
    counts: LocalizedText  # the records counted, in one phrase
    dims: tuple[str, ...]
    fact: FactFn
    source: str  # table or fact view read
    refs: str  # requirement ids (requirements.md §6)
    children: bool = False  # stricter threshold
    chart: str = "bar"  # bar | line | none


class RegistryError(ValueError):
    """A metric definition breaks a disclosure rule (programming error, caught by the tests)."""


REGISTRY: dict[str, Metric] = {}


def register(metric: Metric) -> Metric:
    if metric.id in REGISTRY:
        raise RegistryError(f"duplicate metric id {metric.id}")
    if len(metric.dims) > 2:
        raise RegistryError(f"{metric.id}: at most two dimensions per table")
    for d in metric.dims:
        if d != TREND and d not in DIMENSIONS:
            raise RegistryError(f"{metric.id}: unknown dimension {d}")
    if len(set(metric.dims)) != len(metric.dims):
        raise RegistryError(f"{metric.id}: a dimension twice")
    for other in REGISTRY.values():
        if other.population == metric.population and set(other.dims) & set(metric.dims):
            raise RegistryError(f"{metric.id} and {other.id} count the same records and share a dimension")
    REGISTRY[metric.id] = metric
    return metric


def register_fact(metric_id: str, fact: FactFn) -> None:
    """Let a feature supply the fact function for a metric (e.g. a direct query on its own tables)."""
    REGISTRY[metric_id] = replace(REGISTRY[metric_id], fact=fact)
