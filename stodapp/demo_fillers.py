"""Registry of demo-data fillers contributed by features (each adds fictional records of its own kind)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stodapp.service import ServiceContext

# module path -> function name; each takes (the administrator's ServiceContext, seed). Missing modules are skipped.
FILLERS: tuple[tuple[str, str], ...] = (
    ("stodapp.cases.demo", "fill"),
    ("stodapp.checklists.demo", "fill"),
    ("stodapp.concerns.demo", "fill"),
    ("stodapp.referrals.demo", "fill"),
    ("stodapp.cases.summary_facts_demo", "fill"),  # summary facts: groups, referrals given, housing, assessments
)


def run_fillers(ctx: ServiceContext, seed: int) -> None:
    for module_name, func_name in FILLERS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as err:
            if err.name == module_name:
                continue
            raise
        fill: Callable[[ServiceContext, int], None] = getattr(module, func_name)
        fill(ctx, seed)
