"""`stodapp bench unlock --store-size`: sizes parse or fail with one clear error; the figures come from real runs."""

from __future__ import annotations

import pytest

from stodapp.bench import store as bench
from stodapp.errors import UserInputError
from stodapp.store import keyslots as ks


@pytest.mark.parametrize(("text", "size"), [("1GiB", 1024**3), ("256MiB", 256 * 1024**2), ("500MB", 500 * 1000**2),
                                            ("4096", 4096), ("1.5 GiB", 3 * 1024**3 // 2)])
def test_store_size_parses(text: str, size: int) -> None:
    assert bench.parse_size(text) == size


@pytest.mark.parametrize("text", ["", "1XB", "-1GiB", "GiB", "17GiB"])
def test_bad_store_size_is_one_clear_error(text: str) -> None:
    with pytest.raises(UserInputError, match="--store-size"):
        bench.parse_size(text)


def test_bench_unlock_reports_unlock_kdf_and_background_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ks, "benchmark", lambda *a, **k: ks.KdfParams.for_tests())  # fast KDF: this checks shape
    res = bench.bench_unlock(runs=1, store_size=3 * 1024**2)
    assert res["store_bytes"] >= 3 * 1024**2
    assert len(res["unlock_s"]) == len(res["kdf_only_s"]) == len(res["background_check_s"]) == 1
    assert res["background_check_clean"] is True
    assert res["median_background_check_s"] > 0 and res["median_unlock_s"] > 0
    assert res["meets_target"] == (res["median_unlock_s"] <= 1.2)
