"""Derived checklist state is computed once per change: one `effective_answers` per runner state (it was six),
and the state equals what each derivation computes on its own."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest

from stodapp.checklists import runtime
from stodapp.checklists.demo import example_answers
from stodapp.checklists.runtime import critical_items, visible_items, visible_sections
from stodapp.checklists.scoring import compute_scores
from stodapp.checklists.view import runner_state
from tests.core.checklists.helpers import fixture, shipped

SHIPPED = ["01_screening.yaml", "02_description.yaml", "03_danger.yaml", "04_spj_partner.yaml", "05_honour.yaml",
           "06_child.yaml", "07_perpetrator.yaml"]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts `effective_answers` calls, wherever a module imported it from."""
    real = runtime.effective_answers
    counted: list[int] = []

    def counting(definition: Any, answers: Any) -> dict[str, Any]:
        counted.append(1)
        return real(definition, answers)

    for name, module in list(sys.modules.items()):
        if name.startswith(("stodapp.", "ui.")) and getattr(module, "effective_answers", None) is real:
            monkeypatch.setattr(module, "effective_answers", counting)
    yield counted


@pytest.mark.parametrize("name", SHIPPED)
def test_one_effective_answers_per_runner_state(name: str, calls: list[int]) -> None:
    definition = shipped(name)
    answers = example_answers(definition, seed=3)
    calls.clear()
    state = runner_state(definition, answers)
    assert len(calls) == 1
    # the same state each derivation gives when it computes everything itself
    assert state.visible_items == tuple(visible_items(definition, answers))
    assert state.visible_sections == tuple(visible_sections(definition, answers))
    assert state.critical_items == tuple(critical_items(definition, answers))
    assert state.scores == compute_scores(definition, answers)
    assert state.effective_answers == runtime.effective_answers(definition, answers)


def test_the_counter_counts_the_uncached_paths(calls: list[int]) -> None:
    """The count can fail: each derivation on its own computes the effective answers again."""
    definition = fixture("spj_like.yaml")
    answers = example_answers(definition, seed=1)
    calls.clear()
    visible_items(definition, answers)
    critical_items(definition, answers)
    compute_scores(definition, answers)
    assert len(calls) == 3  # one each (they share it with the visible_items they call inside)
