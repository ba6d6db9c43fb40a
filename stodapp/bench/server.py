"""`stodapp bench server`: the unit's PostgreSQL server under concurrent clients, and its latencies beside the local
store's, measured in one run.

- `load`: N client *processes* × M mixed operations (create a case with a person, add a note, search, open, fill a
  checklist — start a screening and save its answers with the version read —, change the status of one shared
  "hot" case with the version read — the conflict path). Afterwards every acknowledged write is looked for: lost
  (acknowledged, not found, or a checklist not at the version acknowledged), duplicated (found twice) and
  unacknowledged (found, never acknowledged) writes are counted, the hot case's version must equal 1 + the status
  changes that succeeded (no lost update), the audit chain must verify and hold exactly one `note.create` row per
  acknowledged note.
- `latencies`: p50/p95 of name-prefix search, personnummer search, open (case + journal, one transaction) and add
  note, on a server unit and on a local store filled with the same fictional cases (`stodapp.demo.case_rows`).

The bench needs an EMPTY database and an owner role (as `stodapp server init`); it creates its own unit there.
"""

from __future__ import annotations

import random
import secrets
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from stodapp.bench.cases import SECRET

if TYPE_CHECKING:
    from stodapp.server.session import ServerSession
    from stodapp.store.keyslots import KdfParams

USERS = ("bench", "bench2")
#: The load's checklist: a shipped screening, answered so that its questions about violence stay hidden.
CHECKLIST = "se.stodapp.vinr.screening"
CHECKLIST_ANSWERS = {"kanal": "besok", "ensam": "nej", "barn_finns": "nej", "information_given": "ja"}
TARGETS_MS = {"search_prefix_p95": 50, "search_pnr_p95": 50, "open_p95": 30, "note_p95": 20}


def _ms(times: list[float]) -> dict[str, float]:
    if not times:
        return {"p50_ms": 0.0, "p95_ms": 0.0}
    ordered = sorted(times)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return {"p50_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2)}


@contextmanager
def _timed(times: list[float]) -> Iterator[None]:
    begin = time.perf_counter()
    yield
    times.append((time.perf_counter() - begin) * 1000)


# ---- a unit to bench on ------------------------------------------------------------------------------------------
def make_unit(url: str, owner: str, owner_password: str | None, *, kdf: KdfParams | None = None,
              login_kdf: KdfParams | None = None) -> None:
    """`server init` with the bench's administrator and caseworkers (passphrase SECRET)."""
    from stodapp.auth import Role
    from stodapp.server.connect import LOGIN_KDF
    from stodapp.server.provision import add_user, init_unit
    from stodapp.server.store import ServerStore
    from stodapp.store.keyslots import KdfParams

    kdf = kdf or KdfParams.for_tests()  # the key slots' cost is not what this bench measures
    login = login_kdf or LOGIN_KDF
    init_unit(url, owner, owner_password, "admin", SECRET, unit_name="Bänkprov", kdf=kdf, login_kdf=login)
    admin = ServerStore.open(url, "admin", SECRET, login_kdf=login)
    try:
        for name in USERS:
            add_user(admin, owner, owner_password, name, Role.CASEWORKER, SECRET, kdf=kdf, login_kdf=login)
    finally:
        admin.close()


def fill_server(session: ServerSession, cases: int, notes: int, seed: int) -> list[int]:
    """Bulk-insert `cases` fictional cases (persons encrypted and indexed on this client, as the app does) and
    `notes` notes for the signed-in caseworker; one audit row for the fill. Returns the case ids."""
    from sqlalchemy import func, insert, select

    from stodapp.demo import case_rows
    from stodapp.server import schema as t

    store = session.store
    f, idx, uid = store.fields, store.index, store.principal.user_id
    rng = random.Random(seed)
    ids: list[int] = []
    batch = 5000
    for offset in range(0, cases, batch):
        count = min(batch, cases - offset)
        case_dicts, person_dicts = case_rows(count, seed + offset, uid, 1 + offset)
        with store.session() as s:
            new_ids = [int(v) for v in s.scalars(select(t.case_id_seq.next_value())
                                                 .select_from(func.generate_series(1, count)))]
            by_local = {int(str(c["id"])): cid for c, cid in zip(case_dicts, new_ids, strict=True)}
            s.execute(insert(t.cases), [{**{k: c[k] for k in ("status", "unit", "opened_at", "opened_month",
                                                               "closed_at", "last_entry_at")},
                                         "id": by_local[int(str(c["id"]))],
                                         "case_no": f"VNR-{str(c['case_no'])[4:8]}-{by_local[int(str(c['id']))]:06d}",
                                         "created_by": uid, "version": 1} for c in case_dicts])
            person_ids = [int(v) for v in s.scalars(select(t.person_id_seq.next_value())
                                                    .select_from(func.generate_series(1, len(person_dicts))))]
            rows, terms = [], []
            for p, pid in zip(person_dicts, person_ids, strict=True):
                cid = by_local[int(str(p["case_id"]))]
                key = f"{cid}/{pid}"
                pnr = str(p["personnummer"])
                rows.append({
                    "id": pid, "case_id": cid, "role": p["role"], "sex": p["sex"], "age_band": p["age_band"],
                    "protected_identity": p["protected_identity"], "version": 1,
                    "given_ct": f.encrypt("persons", "given_ct", key, str(p["given_name"])),
                    "family_ct": f.encrypt("persons", "family_ct", key, str(p["family_name"])),
                    "pnr_ct": f.encrypt("persons", "pnr_ct", key, pnr), "reserve_ct": None,
                    "birth_ct": f.encrypt("persons", "birth_ct", key, str(p["birth_date"])),
                    "address_ct": f.encrypt("persons", "address_ct", key, str(p["address"])),
                    "details_ct": f.encrypt("persons", "details_ct", key, '{"interpreter": {}, "groups": []}'),
                    "pnr_idx": idx.personnummer(pnr),
                })  # fmt: skip
                terms += [{"term": term, "person_id": pid, "case_id": cid}
                          for term in idx.name_terms(str(p["given_name"]), str(p["family_name"]))]
            s.execute(insert(t.persons), rows)
            s.execute(insert(t.person_terms), terms)
        ids += new_ids
    from stodapp.bench.cases import WORDS

    for offset in range(0, notes, batch):
        with store.session() as s:
            count = min(batch, notes - offset)
            note_ids = [int(v) for v in s.scalars(select(t.note_id_seq.next_value())
                                                  .select_from(func.generate_series(1, count)))]
            rows = []
            for nid in note_ids:
                cid = rng.choice(ids)
                body = " ".join(rng.choices(WORDS, k=12)).capitalize()
                rows.append({"id": nid, "case_id": cid, "author_id": uid, "created_at": store.clock.now(),
                             "body_ct": f.encrypt("case_notes", "body_ct", f"{cid}/{nid}", body)})
            s.execute(insert(t.case_notes), rows)
    with store.session() as s:
        store.audit(s, "bench.fill", "case", purpose=f"{cases} ärenden")
    return ids


# ---- latencies -------------------------------------------------------------------------------------------------
def _latencies(cases: Any, ids: list[int], samples: int, seed: int) -> dict[str, Any]:
    """The same operations through `stodapp.cases.backend.CasesApi`, on either backend."""
    from stodapp.demo import FAMILY

    rng = random.Random(seed)
    picks = [rng.choice(ids) for _ in range(samples)]
    numbers = []
    for case_id in picks[: max(1, samples // 5)]:  # untimed: personnummer that exist
        numbers += [p.personnummer for p in cases.open_case(case_id).persons if p.personnummer]
    prefixes = [name[:4].lower() for name in FAMILY]
    cases.open_journal(picks[0])  # warm caches once, as a user's first open of the day does
    t_prefix: list[float] = []
    t_pnr: list[float] = []
    t_open: list[float] = []
    t_note: list[float] = []
    hits = 0
    for i, case_id in enumerate(picks):
        with _timed(t_prefix):
            hits += len(cases.search(prefixes[i % len(prefixes)]))
        with _timed(t_pnr):
            cases.search(numbers[i % len(numbers)])
        with _timed(t_open):
            cases.open_journal(case_id)
        with _timed(t_note):
            cases.notes.add(case_id, f"Bänkprovsanteckning {i}.")
    return {"search_prefix": _ms(t_prefix), "search_pnr": _ms(t_pnr), "open": _ms(t_open), "note": _ms(t_note),
            "prefix_hits_mean": round(hits / max(1, samples), 1)}


def server_latencies(url: str, cases: int, notes: int, samples: int, seed: int,
                     login_kdf: KdfParams | None = None) -> dict[str, Any]:
    from stodapp.server.connect import LOGIN_KDF
    from stodapp.server.session import ServerSession

    session = ServerSession.open(url, USERS[0], SECRET, login_kdf=login_kdf or LOGIN_KDF)
    try:
        begin = time.perf_counter()
        ids = fill_server(session, cases, notes, seed)
        fill_s = round(time.perf_counter() - begin, 1)
        return {"fill_s": fill_s, **_latencies(session.cases, ids, samples, seed)}
    finally:
        session.close()


def local_latencies(cases: int, notes: int, samples: int, seed: int) -> dict[str, Any]:
    from stodapp.bench.cases import filled_store
    from stodapp.core import Core

    with filled_store(cases, notes, seed, "stodapp-bench-server-local-") as (data, fill_s):
        core = Core.unlock(data, "bench", SECRET)
        try:
            return {"fill_s": fill_s, **_latencies(core.cases, list(range(1, cases + 1)), samples, seed)}
        finally:
            core.close()


# ---- load --------------------------------------------------------------------------------------------------------
@dataclass
class WorkerResult:
    cases: list[int] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)  # tag -> note id (acknowledged)
    checklists: dict[int, int] = field(default_factory=dict)  # assessment id -> version acknowledged
    status_ok: int = 0
    conflicts: int = 0
    errors: dict[str, int] = field(default_factory=dict)  # error class name -> count (never a message)
    times: dict[str, list[float]] = field(default_factory=dict)


Job = tuple[str, str, int, int, int, tuple[int, int, int]]  # url, user, ops, seed, hot case, login KDF


def load_worker(job: Job) -> WorkerResult:
    """One client process: `ops` mixed operations as `user` (top level so a spawned process can import it)."""
    from stodapp.cases.models import PersonInput
    from stodapp.demo import FAMILY, GIVEN
    from stodapp.errors import Conflict, StodError
    from stodapp.server.session import ServerSession
    from stodapp.store.keyslots import KdfParams

    url, user, ops, seed, hot, kdf = job
    login = KdfParams(memory_kib=kdf[0], iterations=kdf[1], parallelism=kdf[2])
    rng = random.Random(seed)
    out = WorkerResult()
    session = ServerSession.open(url, user, SECRET, login_kdf=login, pool_size=1)
    svc = session.cases
    try:
        def timed(kind: str) -> Any:
            return _timed(out.times.setdefault(kind, []))

        out.cases.append(int(svc.create_case().ids[0]))
        for i in range(ops):
            roll = rng.random()
            case_id = rng.choice(out.cases)
            try:
                if roll < 0.15:
                    with timed("create"):
                        new = int(svc.create_case().ids[0])
                    out.cases.append(new)
                    svc.persons.add(new, PersonInput(role="stodsokande", given_name=rng.choice(GIVEN),
                                                     family_name=rng.choice(FAMILY)))
                elif roll < 0.50:
                    tag = secrets.token_hex(8)
                    with timed("note"):
                        out.notes[tag] = int(svc.notes.add(case_id, f"Belastningsprov {tag}").ids[1])
                elif roll < 0.70:
                    with timed("search"):
                        svc.search(rng.choice(FAMILY)[:3])
                elif roll < 0.85:
                    with timed("open"):
                        svc.open_journal(case_id)
                elif roll < 0.92:
                    with timed("checklist"):
                        started = session.assessments.start(case_id, CHECKLIST)
                        saved = session.assessments.save_answers(started.id, CHECKLIST_ANSWERS,
                                                                 version=started.version)
                    out.checklists[saved.id] = saved.version
                else:
                    read = svc.open_case(hot)
                    try:
                        svc.set_status(hot, "closed" if read.status == "open" else "open", version=read.version or 0)
                        out.status_ok += 1
                    except Conflict:
                        out.conflicts += 1
            except StodError as err:
                out.errors[type(err).__name__] = out.errors.get(type(err).__name__, 0) + 1
            if i == 0:
                out.times.clear()  # the first operation warms the connection
    finally:
        session.close()
    return out


def load(url: str, *, processes: int, ops: int, seed: int = 5, login_kdf: KdfParams | None = None) -> dict[str, Any]:
    """Run `processes` client processes × `ops` operations against the bench unit at `url`, then check it."""
    import multiprocessing

    from sqlalchemy import func, select

    from stodapp.server import schema as t
    from stodapp.server.connect import LOGIN_KDF
    from stodapp.server.session import ServerSession

    login = login_kdf or LOGIN_KDF
    kdf = (login.memory_kib, login.iterations, login.parallelism)
    hot: dict[str, int] = {}
    for user in USERS:
        opened = ServerSession.open(url, user, SECRET, login_kdf=login)
        try:
            hot[user] = int(opened.cases.create_case().ids[0])
        finally:
            opened.close()
    admin = ServerSession.open(url, "admin", SECRET, login_kdf=login)
    try:
        with admin.store.session() as s:
            audit_start = int(s.scalar(select(func.max(t.audit_log.c.id))) or 0)
    finally:
        admin.close()
    users = [USERS[i % len(USERS)] for i in range(processes)]
    jobs: list[Job] = [(url, user, ops, seed + i, hot[user], kdf) for i, user in enumerate(users)]
    begin = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        results: list[WorkerResult] = pool.map(load_worker, jobs)
    wall_s = time.perf_counter() - begin
    return _check(url, login, jobs, results, hot, audit_start, wall_s)


def _check(url: str, login: KdfParams, jobs: list[Job], results: list[WorkerResult], hot: dict[str, int],
           audit_start: int, wall_s: float) -> dict[str, Any]:
    from sqlalchemy import func, select

    from stodapp.server import schema as t
    from stodapp.server.session import ServerSession

    lost = duplicated = unacknowledged = lost_updates = 0
    for user in USERS:
        mine = [r for job, r in zip(jobs, results, strict=True) if job[1] == user]
        acked = {tag: nid for r in mine for tag, nid in r.notes.items()}
        session = ServerSession.open(url, user, SECRET, login_kdf=login)
        try:
            found: dict[str, list[int]] = {}
            for case_id in {c for r in mine for c in r.cases}:
                for note in session.cases.notes.list(case_id):
                    if note.body.startswith("Belastningsprov "):
                        found.setdefault(note.body.split(" ", 1)[1], []).append(note.id)
            lost += sum(1 for tag, nid in acked.items() if nid not in found.get(tag, []))
            duplicated += sum(len(ids) - 1 for ids in found.values() if len(ids) > 1)
            unacknowledged += sum(1 for tag in found if tag not in acked)
            acked_forms = {fid: v for r in mine for fid, v in r.checklists.items()}
            seen_forms: dict[int, int] = {}
            for case_id in {c for r in mine for c in r.cases}:
                for form in session.assessments.history(case_id):
                    duplicated += form.id in seen_forms
                    seen_forms[form.id] = form.version
            lost += sum(1 for fid, v in acked_forms.items() if seen_forms.get(fid) != v)
            # a started checklist whose answers were not acknowledged is unacknowledged (its save failed)
            unacknowledged += sum(1 for fid in seen_forms if fid not in acked_forms)
            version = session.cases.open_case(hot[user]).version or 0
            lost_updates += (1 + sum(r.status_ok for r in mine)) - version
        finally:
            session.close()
    admin = ServerSession.open(url, "admin", SECRET, login_kdf=login)
    try:
        chain = admin.verify_audit()
        with admin.store.session() as s:
            note_rows = int(s.scalar(select(func.count()).select_from(t.audit_log).where(
                t.audit_log.c.id > audit_start, t.audit_log.c.action == "note.create")) or 0)
    finally:
        admin.close()
    acked_notes = sum(len(r.notes) for r in results)
    errors: dict[str, int] = {}
    times: dict[str, list[float]] = {}
    for r in results:
        for name, count in r.errors.items():
            errors[name] = errors.get(name, 0) + count
        for kind, samples in r.times.items():
            times.setdefault(kind, []).extend(samples)
    total_ops = sum(job[2] for job in jobs)
    return {
        "processes": len(jobs), "ops_per_process": jobs[0][2] if jobs else 0, "wall_s": round(wall_s, 1),
        "ops_per_s": round(total_ops / wall_s, 1) if wall_s else 0.0,
        "acknowledged_notes": acked_notes, "checklists_saved": sum(len(r.checklists) for r in results),
        "cases_created": sum(len(r.cases) for r in results),
        "lost_writes": lost, "duplicated_writes": duplicated, "unacknowledged_writes": unacknowledged,
        "status_changes": sum(r.status_ok for r in results), "conflicts": sum(r.conflicts for r in results),
        "lost_updates": lost_updates, "errors": errors,
        "audit_chain_ok": chain.ok, "audit_rows": chain.count, "audit_note_rows_match": note_rows == acked_notes,
        "latency_under_load": {k: _ms(v) for k, v in sorted(times.items())},
    }  # fmt: skip


def bench_server(url: str, owner: str, owner_password: str | None, *, cases: int = 100_000,
                 notes: int | None = None, samples: int = 50, processes: int = 20, ops: int = 500,
                 seed: int = 5) -> dict[str, Any]:
    """The whole bench on an empty database: unit, fill, latencies (server and local), then the load."""
    make_unit(url, owner, owner_password)
    notes = cases * 2 if notes is None else notes
    server = server_latencies(url, cases, notes, samples, seed)
    local = local_latencies(cases, notes, samples, seed)
    result: dict[str, Any] = {"cases": cases, "notes": notes, "samples": samples, "server": server, "local": local}
    result["load"] = load(url, processes=processes, ops=ops, seed=seed)
    result["targets_ms"] = TARGETS_MS
    result["meets_targets"] = (server["search_prefix"]["p95_ms"] <= TARGETS_MS["search_prefix_p95"]
                               and server["search_pnr"]["p95_ms"] <= TARGETS_MS["search_pnr_p95"]
                               and server["open"]["p95_ms"] <= TARGETS_MS["open_p95"]
                               and server["note"]["p95_ms"] <= TARGETS_MS["note_p95"])
    load_ok = result["load"]
    result["load_ok"] = (load_ok["lost_writes"] == load_ok["duplicated_writes"] == load_ok["unacknowledged_writes"]
                         == load_ok["lost_updates"] == 0 and load_ok["audit_chain_ok"]
                         and load_ok["audit_note_rows_match"] and not load_ok["errors"])
    return result
