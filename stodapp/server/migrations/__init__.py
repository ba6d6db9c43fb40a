"""The server's migration set: modules sNNNN_<name>.py with VERSION, NAME and upgrade(conn, database, owner).

`server init` builds a new unit by running every migration (0 -> head); `server upgrade` runs the ones a unit's
database lacks. Both run as the owner role, and all pending migrations go in ONE transaction together with the new
`server_meta.schema_version` and their `schema_history` rows (PostgreSQL DDL is transactional), so a failure
leaves the old version whole. The rules of the local set (docs/DEVELOPING.md, "Migrations") apply: a migration
stays what it was, carries its own DDL and imports no live model (`stodapp.server.schema`); it may import
`sqlalchemy`, `stodapp.errors` and, for the baseline only, `stodapp.server.walls` (the walls as of version 1 — a
later change to the walls is a new migration, not an edit there).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from stodapp.errors import MigrationError
from stodapp.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


@dataclass(frozen=True)
class ServerMigration:
    version: int
    name: str
    upgrade: Callable[[Connection, str, str], None]  # (conn, database, owner role)


def discover() -> list[ServerMigration]:
    found: list[ServerMigration] = []
    for info in pkgutil.iter_modules(__path__):
        if not (info.name.startswith("s") and info.name[1:5].isdigit()):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(ServerMigration(int(module.VERSION), str(module.NAME), module.upgrade))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise MigrationError(_("serverns migreringar är inte numrerade 1, 2, 3 … utan luckor"))
    return found


def head() -> int:
    return len(discover())


def apply(conn: Connection, database: str, owner: str, *, have: int, upto: int | None = None) -> list[int]:
    """Run the migrations after `have` up to `upto` (default: head) on `conn`, in the caller's transaction.
    Returns the versions applied; the caller stamps server_meta and schema_history in the same transaction."""
    applied: list[int] = []
    for m in discover():
        if m.version <= have or (upto is not None and m.version > upto):
            continue
        try:
            with conn.begin_nested():
                m.upgrade(conn, database, owner)
        except MigrationError:
            raise
        except Exception as err:  # noqa: BLE001 - say which migration failed; the caller's transaction rolls back
            raise MigrationError(
                _("servermigrering {version:04d} ({name}) misslyckades ({error}); version {have} är orörd").format(
                    version=m.version, name=m.name, error=type(err).__name__, have=have
                )
            ) from None
        applied.append(m.version)
    return applied
