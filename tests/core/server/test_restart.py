"""A server restart in the middle of writing (a cluster of the test's own, `pg_ctl stop/restart`): no acknowledged
write is lost, an interrupted write retried with its op_id commits once, the audit chain verifies, and the client
says whether the write was saved.

Two writes are held open inside their transaction (after their audit row, before the commit) while the server goes
down — once `stop -m immediate` (released while the server is down: outcome unknown), once `restart -m fast`
(released after it is back: not saved) — and a second client writes notes without pause through both. Every wait
is bounded (threads joined with a timeout, pg_ctl with -t and a subprocess timeout); a stuck step fails the test.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from stodapp.errors import StodError
from stodapp.server import schema as t
from stodapp.server.session import ServerSession
from stodapp.server.store import WriteNotSaved, WriteOutcomeUnknown, new_op_id
from stodapp.store.keyslots import KdfParams

from .conftest import ADMIN_PASS, OWNER, USER_PASS, PgServer, make_unit
from .own_cluster import OwnCluster, under_faketime

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(under_faketime(), reason="reads no date; runs in the pass on the real clock")]

WAIT = 30.0  # seconds: the bound on every wait in this test
MAX_WRITES = 3000  # the running writer's bound (it normally stops far earlier)


def _wait_until(check: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


class RunningWriter(threading.Thread):
    """Adds notes one after another; keeps what was acknowledged and which op_ids ended without an answer."""

    def __init__(self, session: ServerSession, case_id: int) -> None:
        super().__init__(daemon=True)
        self.session, self.case_id = session, case_id
        self.acked: dict[str, int] = {}
        self.interrupted: dict[str, str] = {}  # op_id -> body (not saved, or outcome unknown)
        self.unexpected: list[str] = []
        self.halt = threading.Event()

    def run(self) -> None:
        for i in range(MAX_WRITES):
            if self.halt.is_set():
                return
            body, op = f"Löpande anteckning {i}", new_op_id()
            try:
                self.acked[body] = int(self.session.cases.notes.add(self.case_id, body, op_id=op).ids[1])
            except (WriteNotSaved, WriteOutcomeUnknown):
                self.interrupted[op] = body
                self.halt.wait(0.05)
            except Exception as err:  # noqa: BLE001 - recorded, the test fails on it
                self.unexpected.append(f"{type(err).__name__}: {err}")
                return


class HeldWrite(threading.Thread):
    """One note whose transaction is held open after its audit append until `release` is set."""

    def __init__(self, session: ServerSession, case_id: int, body: str) -> None:
        super().__init__(daemon=True)
        self.session, self.case_id, self.body = session, case_id, body
        self.op_id = new_op_id()
        self.inside, self.release = threading.Event(), threading.Event()
        self.outcome: Any = None

    def run(self) -> None:
        store = self.session.store
        real = store.audit

        def audit(s: Any, action: str, *args: Any, **kwargs: Any) -> None:
            real(s, action, *args, **kwargs)
            if action == "note.create":
                self.inside.set()
                self.release.wait(WAIT)

        store.audit = audit  # type: ignore[method-assign]
        try:
            self.outcome = self.session.cases.notes.add(self.case_id, self.body, op_id=self.op_id)
        except StodError as err:
            self.outcome = err
        finally:
            del store.audit


def _joined(thread: threading.Thread) -> None:
    thread.join(WAIT)
    assert not thread.is_alive(), f"{thread.name} did not finish within {WAIT} s"


@pytest.fixture
def own_unit(pg_server: PgServer, clock):  # type: ignore[no-untyped-def]
    """A unit on a cluster of this test's own, so restarting it disturbs no other test."""
    cluster = OwnCluster(pg_server.bin)
    try:
        cluster.init()
        cluster.start()
        owner_password = "agare-restart"
        cluster.add_owner_and_database(OWNER, owner_password, "omstart")
        pg = PgServer(host="127.0.0.1", port=cluster.port, super_url="", super_password=cluster.super_password,
                      owner_password=owner_password, bin=pg_server.bin)
        url = make_unit(pg, "omstart", clock) + "?connect_timeout=5"
        yield cluster, url
    finally:
        cluster.remove()


def test_server_restart_mid_write_loses_no_acknowledged_write(own_unit, clock) -> None:  # type: ignore[no-untyped-def]
    cluster, url = own_unit
    fast = KdfParams.for_tests()
    anna, anna2 = (ServerSession.open(url, "anna", USER_PASS, clock=clock, login_kdf=fast) for _ in range(2))
    admin = ServerSession.open(url, "admin", ADMIN_PASS, clock=clock, login_kdf=fast)
    writer = None
    try:
        case_id = int(anna.cases.create_case().ids[0])
        writer = RunningWriter(anna, case_id)
        writer.start()
        _wait_until(lambda: len(writer.acked) >= 5, "the first acknowledged notes")

        down = HeldWrite(anna2, case_id, "Hölls öppen vid stopp")  # server gone when it tries to commit
        down.start()
        assert down.inside.wait(WAIT)
        cluster.stop("immediate")
        down.release.set()
        _joined(down)
        cluster.start()
        seen = len(writer.acked)
        _wait_until(lambda: len(writer.acked) >= seen + 5, "notes acknowledged after the start")

        bounced = HeldWrite(anna2, case_id, "Hölls öppen vid omstart")  # server back when it tries to commit
        bounced.start()
        assert bounced.inside.wait(WAIT)
        cluster.restart("fast")
        bounced.release.set()
        _joined(bounced)
        seen = len(writer.acked)
        _wait_until(lambda: len(writer.acked) >= seen + 5, "notes acknowledged after the restart")
        writer.halt.set()
        _joined(writer)

        # The client says which: unknown while the server was down, not saved once it could ask again.
        assert isinstance(down.outcome, WriteOutcomeUnknown) and "avgöra" in str(down.outcome)
        assert isinstance(bounced.outcome, WriteNotSaved) and "sparades inte" in str(bounced.outcome)
        assert writer.unexpected == [] and writer.interrupted  # the running writer met the outage too

        # Retry every interrupted write with its own op_id: each commits once, a second retry writes nothing.
        retried = {down.op_id: down.body, bounced.op_id: bounced.body, **writer.interrupted}
        for op, body in retried.items():
            first = anna.cases.notes.add(case_id, body, op_id=op).ids[1]
            assert anna.cases.notes.add(case_id, body, op_id=op).ids[1] == first

        found: dict[str, list[int]] = {}
        for note in anna.cases.notes.list(case_id):
            found.setdefault(note.body, []).append(note.id)
        assert all(found.get(body) == [nid] for body, nid in writer.acked.items())  # no acknowledged write lost
        assert all(len(found.get(body, [])) == 1 for body in retried.values())  # committed once
        assert set(found) == set(writer.acked) | set(retried.values())
        with admin.store.session() as s:
            audited = Counter(s.execute(select(t.audit_log.c.record_id)
                                        .where(t.audit_log.c.action == "note.create")).scalars())
        assert audited == Counter(str(ids[0]) for ids in found.values())  # one audit row per note, none orphaned
        assert admin.verify_audit().ok
    finally:
        if writer is not None:
            writer.halt.set()
            writer.join(WAIT)
        for session in (anna, anna2, admin):
            session.close()
