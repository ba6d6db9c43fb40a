"""`stodapp bench summary`: summary JSON + PDF over an encrypted demo store of N cases (target <= 2 s)."""

from __future__ import annotations

import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from stodapp.clock import SystemClock

TARGET_SECONDS = 2.0


def _fill(db: Any, cases: int, seed: int) -> None:
    from sqlalchemy import insert

    from stodapp.cases.tables import CaseRow, PersonRow
    from stodapp.demo import case_rows
    from stodapp.store.migrations import migrate
    from stodapp.store.tables import UserRow

    migrate(db)
    with db.session() as s:
        s.add(UserRow(id=1, username="bench", role="arbetsledare", created_at=SystemClock().now()))
    for offset in range(0, cases, 5000):
        n = min(5000, cases - offset)
        case_dicts, person_dicts = case_rows(n, seed + offset, 1, offset + 1)
        with db.session() as s:
            s.execute(insert(CaseRow), case_dicts)
            s.execute(insert(PersonRow), person_dicts)


def bench_summary(cases: int = 100_000, seed: int = 1) -> dict[str, Any]:
    from stodapp.auth import Principal, Role
    from stodapp.clock import FakeClock
    from stodapp.service import ServiceContext
    from stodapp.store import keyslots as ks
    from stodapp.store.database import Database
    from stodapp.summary.service import SummaryService

    results: dict[str, Any] = {"cases": cases}
    with tempfile.TemporaryDirectory(prefix="stodapp-bench-summary-") as tmp:
        db = Database(Path(tmp) / "bench.db", ks.new_dek(), check_integrity=False)
        try:
            start = time.perf_counter()
            _fill(db, cases, seed)
            results["fill_s"] = round(time.perf_counter() - start, 3)
            ctx = ServiceContext(
                db=db,
                principal=Principal(user_id=1, username="bench", role=Role.SUPERVISOR),
                clock=FakeClock(datetime(2026, 11, 15, 9, 0, tzinfo=UTC)),
            )
            service = SummaryService(ctx)
            for label, (first, last) in {"year": ("2025-01", "2025-12"), "all": ("2021-01", "2026-10")}.items():
                start = time.perf_counter()
                report = service.report(first, last, municipality="Benchby kommun")
                body = json.dumps(report.model_dump(mode="json"), ensure_ascii=False)
                t_json = time.perf_counter() - start
                start = time.perf_counter()
                pdf = service.pdf(report)
                t_pdf = time.perf_counter() - start
                results[label] = {
                    "period": f"{first}..{last}",
                    "json_s": round(t_json, 3),
                    "pdf_s": round(t_pdf, 3),
                    "total_s": round(t_json + t_pdf, 3),
                    "json_bytes": len(body),
                    "pdf_bytes": len(pdf),
                    "suppressed_cells": sum(
                        1 for t in report.tables for v in t.published_values() if isinstance(v, str)
                    ),
                }
        finally:
            db.close()
    worst = max(results["year"]["total_s"], results["all"]["total_s"])
    results["target_s"] = TARGET_SECONDS
    results["meets_target"] = worst <= TARGET_SECONDS
    return results
