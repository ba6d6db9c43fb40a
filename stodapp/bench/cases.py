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
            result["fulltext_hits"] = len(svc.search(RARE))
            result["fulltext_search_ms"] = _median_ms(lambda: svc.search(RARE))
        finally:
            core.close()
    result["targets_ms"] = {"list_first_page_ms": 300, "prefix_search_ms": 50, "fulltext_search_ms": 150}
    result["meets_targets"] = all(result[k] <= v for k, v in result["targets_ms"].items())
    return result
