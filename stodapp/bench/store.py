"""`stodapp bench store` and `bench unlock`: the same workload on plain SQLite and SQLCipher in one run.

Workload through the app's own code path (Database + migrations + bulk Core inserts): insert N cases with persons
in batches, 2,000 point lookups by case number, 200 prefix searches on name and on personnummer, and a monthly
GROUP BY. The encrypted run uses the app's pragmas (incl. the large page cache); the plain run is the same
Database class with `plain=True` (no key, stdlib-equivalent SQLite inside sqlcipher3).
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

from stodapp.cases.tables import CaseRow, PersonRow, search_key
from stodapp.clock import SystemClock
from stodapp.demo import case_rows
from stodapp.store import keyslots as ks
from stodapp.store.database import Database
from stodapp.store.migrations import migrate
from stodapp.store.tables import UserRow


def _workload(db: Database, cases: int, seed: int) -> dict[str, float]:

    migrate(db)
    timings: dict[str, float] = {}
    with db.session() as s:
        s.add(UserRow(id=1, username="bench", role="handlaggare", created_at=SystemClock().now()))
    start = time.perf_counter()
    batch = 5000
    for offset in range(0, cases, batch):
        n = min(batch, cases - offset)
        case_dicts, person_dicts = case_rows(n, seed + offset, 1, offset + 1)
        with db.session() as s:
            s.execute(insert(CaseRow), case_dicts)
            s.execute(insert(PersonRow), person_dicts)
    timings["insert"] = time.perf_counter() - start

    rng = random.Random(seed)
    with db.session() as s:
        numbers = list(s.scalars(select(CaseRow.case_no).order_by(func.random()).limit(2000)))
        names = [search_key(n)[:5] for n in s.scalars(select(PersonRow.family_name).limit(200))]
        pnrs = [p[:8] for p in s.scalars(select(PersonRow.personnummer).limit(200)) if p]
    rng.shuffle(numbers)

    start = time.perf_counter()
    with db.session() as s:
        for number in numbers:
            s.execute(select(CaseRow.id, CaseRow.status).where(CaseRow.case_no == number)).one()
    timings["lookup"] = time.perf_counter() - start

    start = time.perf_counter()
    with db.session() as s:
        for prefix in names:
            s.execute(select(PersonRow.id, PersonRow.case_id).where(
                PersonRow.search_name >= prefix, PersonRow.search_name < prefix + "\uffff").limit(50)).all()
        for prefix in pnrs:
            s.execute(select(PersonRow.id, PersonRow.case_id).where(
                PersonRow.personnummer >= prefix, PersonRow.personnummer < prefix + "\uffff").limit(50)).all()
    timings["prefix_search"] = time.perf_counter() - start

    start = time.perf_counter()
    with db.session() as s:
        for _ in range(3):  # repeated report queries: the page cache must keep them level with plain SQLite
            s.execute(select(CaseRow.opened_month, CaseRow.status, func.count()).group_by(
                CaseRow.opened_month, CaseRow.status)).all()
    timings["monthly_aggregate"] = time.perf_counter() - start
    return timings


def _cache_effect(db: Database) -> dict[str, float]:
    """The same repeated aggregate with SQLCipher's default page cache (~2 MB) vs the app's 256 MiB cache."""
    from stodapp.store.engine import CACHE_SIZE_KIB

    out: dict[str, float] = {}
    with db.exclusive() as raw:
        for label, kib in (("default_cache_2mb", 2000), ("app_cache_256mb", CACHE_SIZE_KIB)):
            raw.execute(f"PRAGMA cache_size = -{kib}")
            raw.execute("SELECT count(*) FROM cases").fetchone()  # warm what fits
            start = time.perf_counter()
            for _ in range(3):
                raw.execute("SELECT opened_month, status, count(*) FROM cases GROUP BY opened_month, status").fetchall()
                raw.execute("SELECT count(*) FROM persons WHERE address LIKE '%Demoby%'").fetchone()
            out[label] = time.perf_counter() - start
    out["ratio_default_to_app"] = out["default_cache_2mb"] / max(out["app_cache_256mb"], 1e-9)
    return out


def bench_store(cases: int = 100_000, seed: int = 1) -> dict[str, Any]:
    results: dict[str, Any] = {"cases": cases}
    with tempfile.TemporaryDirectory(prefix="stodapp-bench-") as tmp:
        plain = Database(Path(tmp) / "plain.db", None, plain=True)
        try:
            results["plain"] = _workload(plain, cases, seed)
        finally:
            plain.close()
        enc = Database(Path(tmp) / "enc.db", ks.new_dek(), check_integrity=False)
        try:
            results["sqlcipher"] = _workload(enc, cases, seed)
            results["cache_effect"] = _cache_effect(enc)
        finally:
            enc.close()
    ratios = {k: results["sqlcipher"][k] / max(results["plain"][k], 1e-9) for k in results["plain"]}
    total_plain = sum(results["plain"].values())
    total_enc = sum(results["sqlcipher"].values())
    results["ratios"] = ratios
    results["ratio_total"] = total_enc / total_plain
    results["target_ratio"] = 1.3
    results["meets_target"] = results["ratio_total"] <= 1.3
    return results


SIZE_UNITS = {"b": 1, "kib": 1024, "mib": 1024**2, "gib": 1024**3, "kb": 1000, "mb": 1000**2, "gb": 1000**3}
DEFAULT_STORE_SIZE = 64 * 1024**2  # `bench all` stays short; `bench unlock --store-size 1GiB` for the figure
MAX_STORE_SIZE = 16 * 1024**3


def parse_size(text: str) -> int:
    """'1GiB', '256MiB', '500MB', '4096' -> bytes; one clear UserInputError otherwise."""
    import re

    from stodapp.errors import UserInputError
    from stodapp.i18n import _

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgG]i?[bB]|[bB])?\s*", text)
    if m is None:
        raise UserInputError(_("--store-size: okänd storlek {text!r} (t.ex. 1GiB, 256MiB)").format(text=text[:20]))
    size = int(float(m.group(1)) * SIZE_UNITS[(m.group(2) or "b").lower()])
    if not 0 <= size <= MAX_STORE_SIZE:
        raise UserInputError(_("--store-size måste vara 0–16GiB"))
    return size


def _fill(db: Database, size: int) -> int:
    """Grow the encrypted file to about `size` bytes with random blobs in a bench-only table (page checks cost
    per page, whatever the page holds). Returns the file size reached."""
    chunk = 1024 * 1024
    have = db.path.stat().st_size
    with db.exclusive() as raw:
        raw.execute("CREATE TABLE IF NOT EXISTS bench_fill (id INTEGER PRIMARY KEY, b BLOB NOT NULL)")
        while have < size:
            rows = max(1, min(64, (size - have) // chunk))
            raw.execute("BEGIN")
            raw.executemany("INSERT INTO bench_fill (b) VALUES (randomblob(?))", [(chunk,)] * rows)
            raw.execute("COMMIT")
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            have = db.path.stat().st_size
    return have


def bench_unlock(runs: int = 3, store_size: int = DEFAULT_STORE_SIZE) -> dict[str, Any]:
    """Time the real unlock path (benchmarked Argon2id + key slot + open + cheap checks) on a store of about
    `store_size` bytes, next to the KDF alone, and the background full page check's own duration."""
    from stodapp.core import Core

    with tempfile.TemporaryDirectory(prefix="stodapp-bench-") as tmp:
        params = ks.benchmark()
        secret = "benchmark lösenfras som är lång"
        core, _ = Core.initialize(Path(tmp) / "d", "admin", secret, kdf=params)
        try:
            assert core.db is not None
            if core.db.background_check is not None:
                core.db.background_check.wait(600)
            reached = _fill(core.db, store_size)
        finally:
            core.close()
        kdf_times: list[float] = []
        unlock_times: list[float] = []
        check_times: list[float] = []
        problems: list[str] = []
        salt = bytes(16)
        for _ in range(runs):
            start = time.perf_counter()
            ks.derive_kek(secret, salt, params)
            kdf_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            core = Core.unlock(Path(tmp) / "d", "admin", secret)
            unlock_times.append(time.perf_counter() - start)
            try:
                check = core.db.background_check if core.db is not None else None
                if check is not None and check.wait(600):
                    check_times.append(check.duration_s or 0.0)
                    problems.extend(check.problems or [])
            finally:
                core.close()

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2] if values else float("nan")

    unlock_median = median(unlock_times)
    return {"store_bytes": reached, "store_mib": round(reached / 1024**2, 1), "kdf": params.model_dump(),
            "kdf_only_s": kdf_times, "unlock_s": unlock_times, "background_check_s": check_times,
            "median_kdf_only_s": median(kdf_times), "median_unlock_s": unlock_median,
            "unlock_minus_kdf_s": unlock_median - median(kdf_times),
            "median_background_check_s": median(check_times), "background_check_clean": not problems,
            "target_s": 1.2, "meets_target": unlock_median <= 1.2}
