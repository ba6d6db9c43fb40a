"""`stodapp bench case-open`: open 50 cases on a large store the way the case screen does (one screen read)."""

from __future__ import annotations

import random
import statistics
import time
from typing import Any

from stodapp.bench.cases import SECRET, filled_store

#: Issue 15's targets for one open: wall time at the 95th percentile, transactions, audit rows.
TARGETS = {"p95_ms": 30.0, "transactions_per_open": 1, "audit_rows_per_open": 1}


def bench_case_open(cases: int = 100_000, notes: int = 1_000_000, opens: int = 50, seed: int = 11) -> dict[str, Any]:
    from sqlalchemy import func, select

    from stodapp.core import Core
    from stodapp.store.tables import AuditRow

    result: dict[str, Any] = {"cases": cases, "notes": notes, "opens": opens}
    with filled_store(cases, notes, seed, "stodapp-bench-open-") as (data, fill_s):
        result["fill_s"] = fill_s
        core = Core.unlock(data, "bench", SECRET)
        try:
            # The full page check after unlock reads the whole file on its own connection; the opens are timed
            # once it is done (its own duration is the unlock bench's figure, not this one's).
            check = core.db.background_check if core.db is not None else None
            if check is not None:
                check.wait(900)
                result["page_check_s"] = round(check.duration_s or 0.0, 1)
            commits = [0]

            def counted() -> None:
                commits[0] += 1

            db = core.ctx.db
            stop_counting = db.watch_commits(counted)
            ids = random.Random(seed).sample(range(1, cases + 1), min(opens, cases))
            core.cases.open_screen(ids[0])  # warm the page cache once, as a user's first open of the day does
            with db.session() as s:
                audit_before = s.scalar(select(func.count()).select_from(AuditRow)) or 0
            commits[0] = 0
            times = []
            for case_id in ids:
                begin = time.perf_counter()
                core.cases.open_screen(case_id)
                times.append((time.perf_counter() - begin) * 1000)
            transactions = commits[0]
            with db.session() as s:
                audit_after = s.scalar(select(func.count()).select_from(AuditRow)) or 0
            stop_counting()
        finally:
            core.close()
    times.sort()
    result["p50_ms"] = round(statistics.median(times), 2)
    result["p95_ms"] = round(times[max(0, int(round(0.95 * len(times))) - 1)], 2)
    result["transactions_per_open"] = round(transactions / len(ids), 2)
    result["audit_rows_per_open"] = round((audit_after - audit_before) / len(ids), 2)
    result["targets"] = TARGETS
    result["meets_targets"] = (result["p95_ms"] <= TARGETS["p95_ms"]
                               and result["transactions_per_open"] == TARGETS["transactions_per_open"]
                               and result["audit_rows_per_open"] == TARGETS["audit_rows_per_open"])
    return result
