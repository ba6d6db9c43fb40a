"""Finding 7: list and search audit rows carry the ids of the cases shown (never the query); every failed unlock
reaches the audit log at the next successful unlock by anyone, also after a throttle reset."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stodapp import audit
from stodapp.audit import RECORD_ID_MAX, id_chunks
from stodapp.cases.models import PersonInput
from stodapp.clock import FakeClock
from stodapp.core import Core
from stodapp.errors import AuthError
from stodapp.store import keyslots as ks
from stodapp.throttle import Throttle
from tests.conftest import ADMIN_PASS, USER_PASS

WRONG = "fel fras men lång nog för testet"


def _expand(chunk: str) -> set[int]:
    out: set[int] = set()
    for part in chunk.split(","):
        low, _sep, high = part.partition("-")
        out.update(range(int(low), int(high or low) + 1))
    return out


@given(st.lists(st.integers(min_value=1, max_value=10**9), max_size=300))
def test_id_chunks_round_trip_and_fit_the_column(ids: list[int]) -> None:
    chunks = id_chunks(ids)
    assert all(0 < len(c) <= RECORD_ID_MAX for c in chunks)
    assert set().union(*map(_expand, chunks)) == set(ids)


def _rows(core: Core, action: str) -> list[audit.AuditEvent]:
    with core.ctx.session() as s:
        return [e for e in audit.events(s) if e.action == action]


def test_list_and_search_rows_carry_the_ids_shown_never_the_query(open_core) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    ids = [int(anna.cases.create_case().ids[0]) for _ in range(7)]
    for cid in ids[::2]:
        anna.cases.persons.add(cid, PersonInput(role="stodsokande", given_name="Fikta", family_name="Sökbarsson"))
    page = anna.cases.list_cases(limit=5)
    listed = _rows(anna, "case.list")[-1:]
    assert set().union(*(_expand(r.record_id) for r in listed)) == {item.id for item in page.rows}
    assert listed[0].purpose == "5 visade"

    hits = anna.cases.search("Sökbarsson")
    assert {h.case_id for h in hits} == set(ids[::2])
    searched = _rows(anna, "case.search")
    assert set().union(*(_expand(r.record_id) for r in searched)) == set(ids[::2])
    with anna.ctx.session() as s:
        every = audit.events(s)
    assert not any("Sökbarsson" in " ".join((e.record_id, e.purpose, e.record_type)) for e in every)

    anna.cases.search("Ingenträffsson")
    empty = _rows(anna, "case.search")[-1]
    assert (empty.record_id, empty.purpose) == ("", "0 visade")


def _fail(store_dir: Path, clock: FakeClock, name: str, times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(AuthError):
            Core.unlock(store_dir, name, WRONG, clock=clock)
        clock.advance(1)


def _failed_rows(store_dir: Path, clock: FakeClock, who: str = "admin") -> list[audit.AuditEvent]:
    core = Core.unlock(store_dir, who, ADMIN_PASS if who == "admin" else USER_PASS, clock=clock)
    try:
        return _rows(core, "login.failed")
    finally:
        core.close()


def test_failures_reach_the_log_at_anyones_next_unlock(store_dir: Path) -> None:
    clock = FakeClock()
    _fail(store_dir, clock, "anna", times=2)
    _fail(store_dir, clock, "mallory-gissning")
    rows = _failed_rows(store_dir, clock, who="sara")  # not anna: her failures still reach the log
    assert [r.username for r in rows] == ["anna", "anna", ""]
    assert rows[2].purpose.endswith("(okänt användarnamn)") and rows[0].purpose.startswith("försök ")
    assert not any("mallory" in f"{r.username}{r.purpose}{r.record_id}" for r in rows)
    assert len(_failed_rows(store_dir, clock)) == 3  # written once, not again at the next unlock


def test_failures_survive_a_throttle_reset(store_dir: Path) -> None:
    clock = FakeClock()
    _fail(store_dir, clock, "bertil", times=3)
    slots = ks.load(store_dir / "keyslots.json")
    Throttle(store_dir, bytes.fromhex(slots.throttle_mac_key), clock).reset_file()  # counters back to zero
    assert Core.throttle_remaining(store_dir, "bertil", clock=clock) == 0
    assert [r.username for r in _failed_rows(store_dir, clock)] == ["bertil"] * 3


def test_failures_on_a_full_disk_are_audited_from_memory(store_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from stodapp import throttle as throttle_mod

    clock = FakeClock()

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(throttle_mod, "atomic_write", full)
    _fail(store_dir, clock, "anna", times=2)
    monkeypatch.undo()
    assert [r.username for r in _failed_rows(store_dir, clock)] == ["anna", "anna"]


def test_failed_step_up_is_audited_once(open_core, store_dir: Path, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    anna = open_core("anna")
    with pytest.raises(AuthError):
        anna.reauthenticate(WRONG)
    assert len(_rows(anna, "reauth.failed")) == 1
    anna.close()
    assert _failed_rows(store_dir, clock) == []
