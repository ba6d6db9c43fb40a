"""CLI search as JSON, demo filler output, and the benchmark on a small store."""

from __future__ import annotations

import json
from pathlib import Path

from stodapp.bench.cases import bench_cases
from stodapp.cases.models import PersonInput
from tests.conftest import USER_PASS


def test_cli_search_json(store_dir: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from stodapp.cases.service import CaseService
    from stodapp.cli import main
    from stodapp.core import Core

    core = Core.unlock(store_dir, "anna", USER_PASS)
    try:
        anna = CaseService(core.ctx)
        case_id = int(anna.create_case().ids[0])
        anna.persons.add(case_id, PersonInput(role="stodsokande", given_name="Åsa-Test", family_name="Öberg"))
    finally:
        core.close()  # the CLI takes the instance lock itself
    secret = tmp_path / "pass"
    secret.write_text(USER_PASS + "\n")
    args = ["--data-dir", str(store_dir), "--passphrase-file", str(secret)]
    code = main(["cases", "search", "ÖBERG", "--json", "--user", "anna", *args])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out[0]["case_id"] == case_id and out[0]["matched"] == "namn"
    assert main(["cases", "search", "öberg", "--json", "--user", "bertil", *args]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["cases", "search", "x", "--user", "bertil", *args]) == 2
    assert "stodapp: error:" in capsys.readouterr().err


def test_demo_filler_adds_followup() -> None:
    from sqlalchemy import func, select

    from stodapp.cases.casework_tables import AskingEventRow, NextStepRow, NoteRow
    from stodapp.core import Core

    core = Core.open_demo(cases=12, seed=3)
    try:
        with core.ctx.session() as s:
            counts = [s.scalar(select(func.count()).select_from(t)) for t in (NoteRow, AskingEventRow, NextStepRow)]
        assert counts[0] >= 12 and counts[1] == 12 and counts[2] > 0
        from stodapp.cases.service import CaseService

        page = CaseService(core.ctx).list_cases()
        assert page.total == 12
    finally:
        core.close()


def test_bench_small() -> None:
    result = bench_cases(cases=300, notes=3000)
    assert result["first_page_rows"] == 50 and result["fulltext_hits"] >= 1
    assert result["list_first_page_ms"] > 0 and "meets_targets" in result


def test_bench_case_open_counts_transactions_and_audit_rows_per_open() -> None:
    from stodapp.bench.case_open import bench_case_open

    result = bench_case_open(cases=200, notes=2000, opens=10)
    # Counted, not assumed: one transaction and one audit row per opened case screen.
    assert result["transactions_per_open"] == 1 and result["audit_rows_per_open"] == 1
    assert 0 < result["p50_ms"] <= result["p95_ms"] and "meets_targets" in result
