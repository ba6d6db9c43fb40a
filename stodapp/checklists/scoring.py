"""Declarative scoring (no eval): count, weighted sum, sum of values, bins, any-of/at-least-k rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from stodapp.checklists.index import DefinitionIndex
from stodapp.checklists.runtime import answer_for, effective_answers, visible_items
from stodapp.checklists.schema import (
    AtLeastClause,
    BinsScore,
    ChecklistDefinition,
    CountScore,
    RuleScore,
    ScoreT,
    SumValuesScore,
    WeightedSumScore,
)

SUPPORT_LABEL_SV = "stöd för bedömning"


class ScoreResult(BaseModel):
    """A computed score. `status: not_scorable` ("ej bedömbar") carries no value."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    type: str
    status: Literal["ok", "not_scorable"]
    value: float | int | bool | str | None
    answered: int = 0
    missing: int = 0
    not_applicable: int = 0


class _Tally:
    def __init__(self) -> None:
        self.answered = 0
        self.missing = 0
        self.not_applicable = 0


def _read(
    index: DefinitionIndex,
    effective: Mapping[str, Any],
    shown: set[str],
    item_id: str,
    facet: str | None,
    tally: _Tally,
) -> str | None:
    """The answered, non-missing code of an item, or None (counted as missing or not applicable)."""
    if item_id not in shown:
        tally.not_applicable += 1
        return None
    code = answer_for(effective.get(item_id), facet)
    scale = index.item_scale(item_id, facet)
    option = next((o for o in scale.options if o.code == code), None) if scale else None
    if code is None or option is None or option.missing:
        tally.missing += 1
        return None
    tally.answered += 1
    return str(code)


def _option_value(index: DefinitionIndex, item_id: str, facet: str | None, code: str) -> float:
    scale = index.item_scale(item_id, facet)
    option = next((o for o in scale.options if o.code == code), None) if scale else None
    return float(option.value) if option is not None and option.value is not None else 0.0


def compute_scores(
    definition: ChecklistDefinition, answers: Mapping[str, Any], *, effective: Mapping[str, Any] | None = None,
    visible: list[str] | None = None,
) -> dict[str, ScoreResult]:
    """Every score of the definition for these (already checked) answers, in definition order. `effective` and
    `visible` are the answers' effective answers and visible items when the caller already derived them."""
    index = DefinitionIndex.build(definition)
    effective = effective_answers(definition, answers) if effective is None else effective
    shown = set(visible_items(definition, answers, effective=effective) if visible is None else visible)
    results: dict[str, ScoreResult] = {}
    for score in definition.scores:
        results[score.id] = _one(index, effective, shown, score, results)
    return results


def _finish(score: ScoreT, tally: _Tally, value: float | int | bool | str | None) -> ScoreResult:
    limit = score.missing.max_missing
    status: Literal["ok", "not_scorable"] = "ok"
    if limit is not None and tally.missing > limit:
        status, value = "not_scorable", None
    return ScoreResult(
        id=score.id,
        type=score.type,
        status=status,
        value=value,
        answered=tally.answered,
        missing=tally.missing,
        not_applicable=tally.not_applicable,
    )


def _one(
    index: DefinitionIndex,
    effective: Mapping[str, Any],
    shown: set[str],
    score: ScoreT,
    earlier: Mapping[str, ScoreResult],
) -> ScoreResult:
    tally = _Tally()
    if isinstance(score, CountScore):
        count = 0
        for item_id in score.items:
            code = _read(index, effective, shown, item_id, score.facet, tally)
            count += code is not None and code in score.match
        return _finish(score, tally, count)
    if isinstance(score, WeightedSumScore):
        total = 0.0
        for item_id, weights in score.weights.items():
            code = _read(index, effective, shown, item_id, score.facet, tally)
            total += weights.get(code, 0.0) if code is not None else 0.0
        return _finish(score, tally, total)
    if isinstance(score, SumValuesScore):
        total = 0.0
        for item_id in score.items:
            code = _read(index, effective, shown, item_id, score.facet, tally)
            total += _option_value(index, item_id, score.facet, code) if code is not None else 0.0
        return _finish(score, tally, total)
    if isinstance(score, BinsScore):
        return _bins(score, earlier.get(score.source))
    assert isinstance(score, RuleScore)
    return _rule(index, effective, shown, score)


def _bins(score: BinsScore, source: ScoreResult | None) -> ScoreResult:
    if source is None or source.status != "ok" or not isinstance(source.value, int | float):
        return ScoreResult(id=score.id, type=score.type, status="not_scorable", value=None)
    value = float(source.value)
    for b in score.bins:
        if (b.min is None or value >= b.min) and (b.max is None or value <= b.max):
            return ScoreResult(
                id=score.id,
                type=score.type,
                status="ok",
                value=b.code,
                answered=source.answered,
                missing=source.missing,
            )
    # a value in a gap between bins: no band, so nothing may be advised from it
    return ScoreResult(
        id=score.id,
        type=score.type,
        status="not_scorable",
        value=None,
        answered=source.answered,
        missing=source.missing,
    )


def _rule(
    index: DefinitionIndex, effective: Mapping[str, Any], shown: set[str], score: RuleScore
) -> ScoreResult:
    tally = _Tally()
    seen: set[tuple[str, str | None]] = set()
    holds = False
    for clause in score.any:
        ids = clause.of if isinstance(clause, AtLeastClause) else clause.any_of
        hits = 0
        for item_id in ids:
            local = _Tally()
            code = _read(index, effective, shown, item_id, clause.facet, local)
            if (item_id, clause.facet) not in seen:  # each item counted once in answered/missing
                seen.add((item_id, clause.facet))
                tally.answered += local.answered
                tally.missing += local.missing
                tally.not_applicable += local.not_applicable
            hits += code is not None and code in clause.in_
        need = clause.at_least if isinstance(clause, AtLeastClause) else 1
        holds = holds or hits >= need
    if holds:  # satisfied by what was answered, whatever is missing
        return ScoreResult(
            id=score.id,
            type=score.type,
            status="ok",
            value=True,
            answered=tally.answered,
            missing=tally.missing,
            not_applicable=tally.not_applicable,
        )
    return _finish(score, tally, False)
