"""One call for a generic runner: what to show, what to highlight, live scores for the answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from stodapp.checklists.judgements import advised_value
from stodapp.checklists.runtime import critical_items, visible_items, visible_sections
from stodapp.checklists.schema import ChecklistDefinition
from stodapp.checklists.scoring import ScoreResult, compute_scores


class RunnerState(BaseModel):
    """Derived, never stored: recompute after every answer change (cheap: no I/O)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    visible_sections: tuple[str, ...]
    visible_items: tuple[str, ...]
    critical_items: tuple[str, ...]
    scores: dict[str, ScoreResult]  # label these "stöd för bedömning"
    advised: dict[str, str | None]  # advised judgements only; SPJ judgements are absent on purpose


def runner_state(definition: ChecklistDefinition, answers: Mapping[str, Any]) -> RunnerState:
    scores = compute_scores(definition, answers)
    return RunnerState(
        visible_sections=tuple(visible_sections(definition, answers)),
        visible_items=tuple(visible_items(definition, answers)),
        critical_items=tuple(critical_items(definition, answers)),
        scores=scores,
        advised={
            j.id: advised_value(definition, j, scores) for j in definition.judgements if j.mode == "advised"
        },
    )
