"""Demo data is deterministic, fictional-looking, and its personnummer are valid-format test numbers."""

from __future__ import annotations

from personnummer import personnummer as pnr

from stodapp.demo import FAMILY, GIVEN, case_rows


def test_deterministic_and_valid() -> None:
    a = case_rows(300, seed=5, creator_id=1)
    b = case_rows(300, seed=5, creator_id=1)
    assert a == b
    persons = a[1]
    assert persons and all(pnr.valid(p["personnummer"]) for p in persons)
    assert all(p["given_name"] in GIVEN and p["family_name"] in FAMILY for p in persons)
    assert all("Demoby" in p["address"] for p in persons)
