"""`stodapp bench cases`: first page of the case list, prefix search and full-text search on a large store."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

WORDS = (
    "samtal",
    "hot",
    "besök",
    "barnen",
    "skolan",
    "telefon",
    "polisen",
    "boende",
    "ekonomi",
    "oro",
    "planering",
    "mötet",
    "kontakt",
    "stöd",
    "jouren",
    "tolk",
    "läkare",
    "försäkringskassan",
    "hyra",
    "flytt",
)
RARE = "fönsterbläck"  # one note in ~2000 carries this word: the full-text query looks for it
SECRET = "bänkprov-lösenfras som är lång nog"


def _median_ms(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2)


def _fill(core: Any, worker_id: int, cases: int, notes: int, seed: int) -> None:
    from sqlalchemy import insert

    from stodapp.cases.casework_tables import NoteRow
    from stodapp.cases.tables import CaseAssignmentRow, CaseRow, PersonRow
    from stodapp.demo import case_rows

    rng = random.Random(seed)
    batch = 20_000
    with core.db.exclusive() as raw:
        raw.execute("PRAGMA synchronous = OFF")  # throwaway bench store: no fsync
    with core.ctx.db.session() as s:
        for offset in range(0, cases, batch):
            count = min(batch, cases - offset)
            case_dicts, person_dicts = case_rows(count, seed + offset, worker_id, 1 + offset)
            s.execute(insert(CaseRow), case_dicts)
            s.execute(insert(CaseAssignmentRow), [{"case_id": c["id"], "user_id": worker_id} for c in case_dicts])
            s.execute(insert(PersonRow), person_dicts)
        start = datetime(2024, 1, 1, tzinfo=UTC)
        for offset in range(0, notes, batch):
            rows = []
            for i in range(offset, min(notes, offset + batch)):
                words = rng.choices(WORDS, k=12)
                if i % 2000 == 0:
                    words[rng.randrange(12)] = RARE
                rows.append(
                    {
                        "case_id": rng.randint(1, cases),
                        "author_id": worker_id,
                        "created_at": start + timedelta(minutes=i),
                        "body": " ".join(words).capitalize(),
                    }
                )
            s.execute(insert(NoteRow), rows)


@contextmanager
def filled_store(cases: int, notes: int, seed: int, prefix: str) -> Iterator[tuple[Path, float]]:
    """A throwaway store holding `cases` cases and `notes` notes for the caseworker `bench` (passphrase SECRET);
    yields (data dir, seconds the fill took). Shared by the case benches."""
    from stodapp.auth import Role
    from stodapp.core import Core
    from stodapp.store.keyslots import KdfParams

    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        data = Path(tmp) / "data"
        admin, _key = Core.initialize(data, "admin", SECRET, kdf=KdfParams.for_tests())
        try:
            admin.users.add("bench", Role.CASEWORKER, SECRET)
            worker = next(u.id for u in admin.users.list() if u.username == "bench")
            start = time.perf_counter()
            _fill(admin, worker, cases, notes, seed)
            fill_s = round(time.perf_counter() - start, 1)
        finally:
            admin.close()
        yield data, fill_s


def _pnr_search(svc: Any, cases: int, seed: int, samples: int = 50) -> dict[str, Any]:
    """p50/p95 of a search for a whole personnummer that exists (as typed: YYYYMMDD-NNNN), as `bench server`."""
    rng = random.Random(seed)
    numbers = [p.personnummer for case_id in rng.sample(range(1, cases + 1), min(10, cases))
               for p in svc.open_case(case_id).persons if p.personnummer]  # untimed
    times, found = [], 0
    for i in range(samples):
        start = time.perf_counter()
        found += bool(svc.search(numbers[i % len(numbers)]))
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {"pnr_search_p50_ms": round(statistics.median(times), 2),
            "pnr_search_p95_ms": round(times[max(0, int(round(0.95 * len(times))) - 1)], 2),
            "pnr_search_found": found, "pnr_search_samples": samples}


def bench_cases(cases: int = 100_000, notes: int = 1_000_000, seed: int = 5) -> dict[str, Any]:
    from stodapp.cases.service import CaseService
    from stodapp.core import Core

    result: dict[str, Any] = {"cases": cases, "notes": notes}
    with filled_store(cases, notes, seed, "stodapp-bench-cases-") as (data, fill_s):
        result["fill_s"] = fill_s
        core = Core.unlock(data, "bench", SECRET)
        try:
            svc = CaseService(core.ctx)
            first = svc.list_cases()
            result["first_page_rows"] = len(first.rows)
            result["list_first_page_ms"] = _median_ms(svc.list_cases)
            result["prefix_search_hits"] = len(svc.search("öberg"))
            result["prefix_search_ms"] = _median_ms(lambda: svc.search("öberg"))
            result["pnr_prefix_search_ms"] = _median_ms(lambda: svc.search("19750"))
            result.update(_pnr_search(svc, cases, seed))
            result["fulltext_hits"] = len(svc.search(RARE))
            result["fulltext_search_ms"] = _median_ms(lambda: svc.search(RARE))
        finally:
            core.close()
    result["targets_ms"] = {"list_first_page_ms": 300, "prefix_search_ms": 50, "fulltext_search_ms": 150,
                            "pnr_search_p95_ms": 50}
    result["meets_targets"] = all(result[k] <= v for k, v in result["targets_ms"].items())
    return result
