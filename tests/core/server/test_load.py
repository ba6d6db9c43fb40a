"""Concurrent client processes on a real PostgreSQL (CI-fast: 4 × 50; `stodapp bench server` runs 20 × 500):
0 lost, duplicated or unacknowledged writes, 0 lost updates (stale status changes are conflicts), one audit chain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stodapp.bench.server import load, make_unit
from stodapp.cli import main
from stodapp.store.keyslots import KdfParams

from .conftest import OWNER, PgServer

FAST = KdfParams.for_tests()


def test_four_clients_fifty_mixed_operations_each(pg_server: PgServer, pg_db: str) -> None:
    url = pg_server.url(pg_db)
    make_unit(url, OWNER, pg_server.owner_password, login_kdf=FAST)
    report = load(url, processes=4, ops=50, seed=3, login_kdf=FAST)
    assert (report["lost_writes"], report["duplicated_writes"], report["unacknowledged_writes"],
            report["lost_updates"]) == (0, 0, 0, 0), report
    assert report["errors"] == {}, report
    assert report["audit_chain_ok"] and report["audit_note_rows_match"], report
    assert report["acknowledged_notes"] >= 30 and report["cases_created"] >= 4 + 10
    assert report["status_changes"] >= 1
    assert report["checklists_saved"] >= 3  # each a screening started and answered, found at its version
    assert set(report["latency_under_load"]) >= {"note", "search", "open", "checklist"}


def test_bench_server_cli_small(pg_server: PgServer, pg_db: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    owner = tmp_path / "owner.txt"
    owner.write_text(pg_server.owner_password + "\n")
    argv = ["bench", "server", "--url", pg_server.url(pg_db), "--owner", OWNER, "--owner-password-file", str(owner),
            "--cases", "300", "--notes", "300", "--samples", "5", "--processes", "2", "--ops", "15", "--json"]
    assert main(argv) == 0, capsys.readouterr().err
    result = json.loads(capsys.readouterr().out)
    for backend in ("server", "local"):
        for op in ("search_prefix", "search_pnr", "open", "note"):
            assert 0 < result[backend][op]["p50_ms"] <= result[backend][op]["p95_ms"], (backend, op)
        assert result[backend]["prefix_hits_mean"] > 0
    assert result["load_ok"] and result["load"]["lost_writes"] == 0
    assert main(["bench", "server", "--url", pg_server.url(pg_db), "--owner", OWNER, "--owner-password-file",
                 str(owner)]) != 0  # the database is no longer empty: refused, nothing overwritten
    err = capsys.readouterr().err
    assert err.startswith("stodapp: error: ") and "skrivs aldrig över" in err
