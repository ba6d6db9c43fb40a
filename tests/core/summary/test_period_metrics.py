"""Periods, dimensions and the metric registry rules."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from stodapp.errors import UserInputError
from stodapp.localized_text import LocalizedText
from stodapp.summary import metrics as reg
from stodapp.summary.dimensions import AGE_BAND, SEX, UNKNOWN, age_band_of
from stodapp.summary.facts import FACT_VIEWS
from stodapp.summary.metrics import REGISTRY, TREND, Metric, RegistryError, register
from stodapp.summary.period import make_period

TODAY = date(2026, 11, 22)


def test_period_months_and_quarters() -> None:
    p = make_period("2025-11", "2026-02", TODAY)
    assert p.months == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert p.quarters == ["2025-K4", "2026-K1"]
    assert p.trend_unit == "month"
    assert make_period("2020-01", "2026-11", TODAY).trend_unit == "quarter"


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("2026-05", "2026-01", "tom"),
        ("2026-10", "2026-12", "framtiden"),
        ("2026-13", "2026-12", "Ogiltig"),
        ("2026-1", "2026-02", "Ogiltig"),
        ("2026-01-05", "2026-02", "Ogiltig"),  # no day precision
        ("1999-01", "1999-02", "2000"),
        ("2010-01", "2026-11", "för lång"),
    ],
)
def test_bad_periods(first: str, last: str, message: str) -> None:
    with pytest.raises(UserInputError, match=message):
        make_period(first, last, TODAY)


def test_free_text_never_becomes_a_category() -> None:
    assert SEX.normalise("Kvinna") == "kvinna"
    assert SEX.normalise("Anna Andersson, Storgatan 1") == UNKNOWN
    assert age_band_of("20-29") == "18-29" and age_band_of("80+") == "80+" and age_band_of("30–34") == "30-39"
    assert age_band_of("25-34") == UNKNOWN  # straddles two bands: not guessed
    assert age_band_of("19121212-1212") == UNKNOWN
    assert set(AGE_BAND.codes()) >= {"0-17", "80+", UNKNOWN}


def test_registry_rules_hold_for_every_metric() -> None:
    assert len(REGISTRY) >= 12
    for m in REGISTRY.values():
        assert len(m.dims) <= 2
        assert m.definition.has("en") and m.title.has("en") and m.counts.has("en")
        assert "day" not in m.dims and "date" not in m.dims
    by_population: dict[str, list[Metric]] = {}
    for m in REGISTRY.values():
        by_population.setdefault(m.population, []).append(m)
    for members in by_population.values():
        for a in members:
            for b in members:
                if a is not b:
                    assert not set(a.dims) & set(b.dims)
    assert REGISTRY["concerns"].children and REGISTRY["protected_housing"].children
    assert REGISTRY["new_cases_trend"].dims == (TREND,)


def _fake(session: object, period: object) -> Counter[tuple[str, ...]]:
    return Counter()


def _metric(**kw: object) -> Metric:
    base: dict[str, object] = dict(
        id="x",
        population="p_test",
        title=LocalizedText.of("t", "t"),
        definition=LocalizedText.of("d", "d"),
        counts=LocalizedText.of("c", "c"),
        dims=(),
        fact=_fake,
        source="s",
        refs="r",
    )
    base.update(kw)
    return Metric(**base)  # type: ignore[arg-type]


def test_registry_refuses_three_dimensions_and_shared_dimensions() -> None:
    with pytest.raises(RegistryError, match="two"):
        register(_metric(id="three", dims=("sex", "age_band", "channel")))
    with pytest.raises(RegistryError, match="share"):
        register(_metric(id="overlap", population="cases", dims=("sex",)))
    with pytest.raises(RegistryError, match="unknown"):
        register(_metric(id="daily", dims=("day",)))
    with pytest.raises(RegistryError, match="duplicate"):
        register(_metric(id="new_cases"))
    assert "three" not in REGISTRY and "overlap" not in REGISTRY


def test_register_fact_replaces_the_function() -> None:
    original = REGISTRY["safety_plans"].fact
    try:
        reg.register_fact("safety_plans", _fake)
        assert REGISTRY["safety_plans"].fact is _fake
    finally:
        reg.register_fact("safety_plans", original)


def test_fact_views_have_month_columns_only() -> None:
    for view, cols in FACT_VIEWS.items():
        assert view.startswith("fact_")
        assert any(c.endswith("month") for c in cols)
        assert not any(c in {"date", "day", "name", "note", "text", "personnummer", "address"} for c in cols)


def test_docs_metrics_md_matches_the_registry() -> None:
    from pathlib import Path

    from stodapp.summary.docs import metrics_markdown

    doc = Path(__file__).resolve().parents[3] / "docs" / "metrics.md"
    assert doc.read_text(encoding="utf-8") == metrics_markdown(), (
        "run: python -m stodapp.summary.docs > docs/metrics.md"
    )
    for m in REGISTRY.values():
        assert m.definition.sv in doc.read_text(encoding="utf-8")
