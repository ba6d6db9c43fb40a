"""One call for a generic runner: what to show, what to highlight, live scores for the answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from stodapp.checklists.judgements import advised_value
from stodapp.checklists.runtime import critical_items, effective_answers, visible_items, visible_sections
from stodapp.checklists.schema import ChecklistDefinition
from stodapp.checklists.scoring import ScoreResult, compute_scores


class RunnerState(BaseModel):
    """Derived, never stored: recompute after every answer change (cheap: no I/O). The effective answers are
    computed once per state and everything else is derived from them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    effective_answers: dict[str, Any]  # answers of visible items only (repeat-group rows filtered too)
    visible_sections: tuple[str, ...]
    visible_items: tuple[str, ...]
    critical_items: tuple[str, ...]
    scores: dict[str, ScoreResult]  # label these "stöd för bedömning"
    advised: dict[str, str | None]  # advised judgements only; SPJ judgements are absent on purpose


def runner_state(definition: ChecklistDefinition, answers: Mapping[str, Any]) -> RunnerState:
    effective = effective_answers(definition, answers)
    visible = visible_items(definition, answers, effective=effective)
    scores = compute_scores(definition, answers, effective=effective, visible=visible)
    return RunnerState(
        effective_answers=effective,
        visible_sections=tuple(visible_sections(definition, answers, effective=effective)),
        visible_items=tuple(visible),
        critical_items=tuple(critical_items(definition, answers, effective=effective, visible=visible)),
        scores=scores,
        advised={
            j.id: advised_value(definition, j, scores) for j in definition.judgements if j.mode == "advised"
        },
    )
