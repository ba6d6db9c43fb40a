"""Property tests: the engine's count / weighted sum / bins / any-of-at-least-k equal a naive reference."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from stodapp.checklists.schema import ChecklistDefinition
from stodapp.checklists.scoring import compute_scores

CODES = ["ja", "nej", "vet_ej"]
N = 10
IDS = [f"q{i}" for i in range(N)]


def definition(
    weights: dict[str, dict[str, float]],
    cuts: list[int],
    k: int,
    any_ids: list[str],
    k_ids: list[str],
    max_missing: int | None,
) -> ChecklistDefinition:
    bins: list[dict[str, Any]] = []
    lo: float | None = None
    for i, cut in enumerate(cuts):
        bins.append({"code": f"b{i}", "label": {"sv": "b"}, "min": lo, "max": cut})
        lo = cut + 1
    bins.append({"code": "top", "label": {"sv": "t"}, "min": lo})
    missing = {"max_missing": max_missing}
    data = {
        "id": "se.test.prop",
        "version": "1.0.0",
        "status": "draft",
        "locales": ["sv"],
        "title": {"sv": "t"},
        "provenance": {"origin": "original_in_style_of", "copyright": "test", "licence": "test"},
        "scales": {
            "jnv": {"options": [{"code": "ja"}, {"code": "nej"}, {"code": "vet_ej", "missing": True}]}
        },
        "sections": [
            {
                "id": "s",
                "title": {"sv": "s"},
                "items": [{"id": i, "kind": "choice", "scale": "jnv", "text": {"sv": i}} for i in IDS],
            }
        ],
        "scores": [
            {
                "id": "c",
                "type": "count",
                "label": {"sv": "c"},
                "items": IDS,
                "match": ["ja"],
                "missing": missing,
            },
            {"id": "w", "type": "weighted_sum", "label": {"sv": "w"}, "weights": weights, "missing": missing},
            {"id": "b", "type": "bins", "label": {"sv": "b"}, "source": "c", "bins": bins},
            {
                "id": "r",
                "type": "rule",
                "label": {"sv": "r"},
                "missing": missing,
                "any": [{"any_of": any_ids, "in": ["ja"]}, {"at_least": k, "of": k_ids, "in": ["ja"]}],
            },
        ],
    }
    return ChecklistDefinition.model_validate(data)


answers_st = st.dictionaries(st.sampled_from(IDS), st.sampled_from(CODES), max_size=N)
weights_st = st.dictionaries(
    st.sampled_from(IDS),
    st.dictionaries(st.sampled_from(CODES), st.integers(-3, 5).map(float), min_size=1),
    min_size=1,
)


def is_missing(answers: dict[str, str], item: str) -> bool:
    return answers.get(item) in (None, "vet_ej")


@given(
    answers=answers_st,
    weights=weights_st,
    cuts=st.lists(st.integers(0, N), max_size=4, unique=True).map(sorted),
    any_ids=st.lists(st.sampled_from(IDS), min_size=1, max_size=3, unique=True),
    k_ids=st.lists(st.sampled_from(IDS), min_size=1, max_size=8, unique=True),
    k_frac=st.floats(0, 1),
    max_missing=st.one_of(st.none(), st.integers(0, N)),
)
def test_engine_equals_naive_reference(
    answers: dict[str, str],
    weights: dict[str, dict[str, float]],
    cuts: list[int],
    any_ids: list[str],
    k_ids: list[str],
    k_frac: float,
    max_missing: int | None,
) -> None:
    k = max(1, round(k_frac * len(k_ids)))
    scores = compute_scores(definition(weights, cuts, k, any_ids, k_ids, max_missing), answers)

    def within(items: list[str]) -> bool:
        return max_missing is None or sum(is_missing(answers, i) for i in items) <= max_missing

    # count: "vet ej" and unanswered are never "nej" and never "ja"
    count = sum(1 for i in IDS if answers.get(i) == "ja")
    expected_count = count if within(IDS) else None
    assert scores["c"].value == expected_count
    assert scores["c"].missing == sum(is_missing(answers, i) for i in IDS)
    # weighted sum
    total = sum(w.get(answers[i], 0.0) for i, w in weights.items() if not is_missing(answers, i))
    assert scores["w"].value == (total if within(list(weights)) else None)
    # bins: the first band whose upper cut is >= count
    if expected_count is None:
        assert scores["b"].status == "not_scorable"
    else:
        band = next((f"b{i}" for i, cut in enumerate(cuts) if expected_count <= cut), "top")
        assert scores["b"].value == band
    # any of A, or at least k of B
    hit = any(answers.get(i) == "ja" for i in any_ids) or sum(answers.get(i) == "ja" for i in k_ids) >= k
    rule_items = list(dict.fromkeys(any_ids + k_ids))
    if hit:
        assert scores["r"].value is True
    elif within(rule_items):
        assert scores["r"].value is False
    else:
        assert scores["r"].status == "not_scorable" and scores["r"].value is None
