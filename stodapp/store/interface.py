"""The store interface: what features get from a store, whichever database is behind it.

A feature asks the store for a unit of work (`session()`, one transaction; `transaction()`, several steps that
commit together) and never learns which database is behind it. The store owns everything else: the engine and its
connections, serialising writers (`lock_audit_chain`), the keys (only the audit-chain key is handed out, to write
and verify the chain), integrity, freeing deleted pages and closing.

Implementations:
- `stodapp.store.database.Database`: the local SQLCipher file. It is also a `LocalStore`, which adds what only
  a local file can do (an exclusive DB-API connection for SQLite's export and checkpoint, rekeying the file,
  a page-for-page backup); the store-level local features (backup, the facade's rekey) take that.
- `stodapp.server.store.ServerStore`: the unit's PostgreSQL server (server mode) implements `Store`; its integrity
  check is the walls it relies on (RLS, append-only triggers, schema version), see `stodapp.server.store_health`.

Nothing outside `stodapp/store/` (and a store implementation's own module) touches a store's private attributes
or its engine; `tests/core/store/test_store_boundary.py` holds that, and `tests/core/store/store_contract.py` is
the behaviour every implementation must show.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


@runtime_checkable
class Store(Protocol):
    """An open, unlocked store as every feature service sees it (through `ServiceContext.db`)."""

    @property
    def dialect(self) -> str:
        """The SQL dialect behind the store ("sqlite" or "postgresql"): only modules that hold a dialect's own
        features (FTS5 search, JSON views) ask, and refuse or branch on it."""
        ...

    @property
    def audit_key(self) -> bytes:
        """The key of the audit log's HMAC chain (to append and verify rows); never logged, never stored in clear."""
        ...

    @property
    def integrity_failure(self) -> str | None:
        """A one-line, safe message when a background check found the store damaged (every session then
        refuses), or None."""
        ...

    def session(self) -> AbstractContextManager[Session]:
        """One unit of work: commits when the block ends, rolls back on any error (mapped to one safe line).

        Inside a `transaction()` opened on the same thread, it joins that transaction instead."""
        ...

    def transaction(self) -> AbstractContextManager[Session]:
        """A unit of work over several steps: every `session()` opened on this thread inside it joins it, so the
        whole commits or nothing does. Nested `transaction()`s join the outermost."""
        ...

    def lock_audit_chain(self, session: Session) -> None:
        """Hold off other writers' audit appends until `session`'s transaction ends (call before appending).
        A store with a single serialised connection has nothing to do."""
        ...

    def schema_version(self) -> int:
        """The schema version the store's data is at (0: an empty database)."""
        ...

    def integrity(self) -> list[str]:
        """A full integrity check now; the problems found (safe lines), empty when clean."""
        ...

    def describe(self) -> dict[str, str]:
        """Non-secret facts about the store for `doctor` (driver, cipher or server versions)."""
        ...

    def key_fingerprint(self) -> str:
        """A non-secret identifier of the store's key (to tell backups apart); never the key."""
        ...

    def purge_free_space(self) -> bool:
        """Make deleted rows unrecoverable from the store's files now (after a cull). True when complete."""
        ...

    def watch_commits(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` after every committed transaction (benches count transactions); returns the
        function that stops it."""
        ...

    def close(self) -> None:
        """Close every connection and forget the keys; the store is unusable afterwards."""
        ...


@runtime_checkable
class LocalStore(Store, Protocol):
    """A store in a local file: the store-level operations only a file can do (backup, rekey)."""

    path: Path

    def exclusive(self) -> AbstractContextManager[Any]:
        """The DB-API connection with every other statement of this process held off (SQLite export, checkpoint)."""
        ...

    def rekey(self, raw_rekey: Callable[[Any], None], new_dek: bytes) -> None:
        """Run `raw_rekey(connection)` (which re-encrypts the file under `new_dek`) and reconnect with that key."""
        ...

    def backup_to(self, target: Path) -> None:
        """An encrypted page-for-page copy under the same key (never a file copy of an open database)."""
        ...
