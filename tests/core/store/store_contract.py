"""The behaviour every `stodapp.store.interface.Store` implementation shows (local SQLCipher, server PostgreSQL).

An implementation's test calls `check_store_contract(store, write, read)` with an open store and two helpers
over a table of its own schema: `write(session, value)` adds one row holding `value`, `read(session)` returns the
values stored. The store must be open and empty of those values; it is closed at the end.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session

from stodapp.errors import StodError
from stodapp.store.interface import Store

Write = Callable[[Session, str], None]
Read = Callable[[Session], set[str]]


class Boom(Exception):
    """An error raised by the caller inside a unit of work (not a database error)."""


def check_store_contract(store: Store, write: Write, read: Read) -> None:
    assert isinstance(store, Store)
    assert store.dialect in ("sqlite", "postgresql")
    _check_units_of_work(store, write, read)
    _check_commit_counting(store, write)
    _check_facts(store)
    store.close()
    with pytest.raises(StodError):
        with store.session() as s:
            read(s)


def _stored(store: Store, read: Read) -> set[str]:
    with store.session() as s:
        return read(s)


def _check_units_of_work(store: Store, write: Write, read: Read) -> None:
    with store.session() as s:
        write(s, "committed")
        store.lock_audit_chain(s)
    assert "committed" in _stored(store, read)

    with pytest.raises(Boom):  # the caller's error comes back unchanged and nothing of the unit is kept
        with store.session() as s:
            write(s, "rolled-back")
            raise Boom
    assert "rolled-back" not in _stored(store, read)

    with pytest.raises(Boom):  # sessions inside a transaction join it: all of it rolls back
        with store.transaction() as outer:
            write(outer, "outer-1")
            with store.session() as inner:
                write(inner, "inner-1")
            with store.transaction() as nested:
                write(nested, "nested-1")
            raise Boom
    assert not {"outer-1", "inner-1", "nested-1"} & _stored(store, read)

    with store.transaction() as outer:
        write(outer, "outer-2")
        with store.session() as inner:
            write(inner, "inner-2")
            assert "outer-2" in read(inner)  # the same transaction sees its own writes
    assert {"outer-2", "inner-2"} <= _stored(store, read)


def _check_commit_counting(store: Store, write: Write) -> None:
    commits: list[int] = []
    stop = store.watch_commits(lambda: commits.append(1))
    with store.session() as s:
        write(s, "counted-1")
    with store.transaction() as outer:
        write(outer, "counted-2")
        with store.session() as inner:
            write(inner, "counted-3")
    assert len(commits) == 2  # one per unit of work, however many sessions joined it
    stop()
    stop()  # stopping twice is harmless
    with store.session() as s:
        write(s, "not-counted")
    assert len(commits) == 2


def _check_facts(store: Store) -> None:
    secret = store.audit_key.hex()
    assert len(store.audit_key) >= 32
    assert store.integrity_failure is None
    assert store.schema_version() > 0
    assert store.integrity() == []
    facts = store.describe()
    assert facts and all(isinstance(k, str) and isinstance(v, str) for k, v in facts.items())
    fingerprint = store.key_fingerprint()
    assert fingerprint and fingerprint not in secret and secret not in fingerprint
    assert all(secret not in v for v in facts.values())
    assert store.purge_free_space() in (True, False)
