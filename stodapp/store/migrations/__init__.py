"""Versioned migrations: modules mNNNN_<name>.py with VERSION, NAME and upgrade(conn), applied in order.

Each migration runs in its own transaction together with its schema_version row, so a failure leaves the previous
version intact. An encrypted backup is taken before migrating an existing store (Database.backup_to).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stodapp.clock import SystemClock
from stodapp.errors import MigrationError
from stodapp.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from stodapp.store.database import Database


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    upgrade: Callable[[Connection], None]


def discover() -> list[Migration]:
    found: list[Migration] = []
    for info in pkgutil.iter_modules(__path__):
        if not (info.name.startswith("m") and info.name[1:5].isdigit()):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(Migration(int(module.VERSION), str(module.NAME), module.upgrade))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(_("två migreringar har samma versionsnummer"))
    return found


def current_version(conn: Connection) -> int:
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("schema_version"):
        return 0
    value = conn.execute(text("SELECT max(version) FROM schema_version")).scalar()
    return int(value or 0)


def applied_versions(conn: Connection) -> set[int]:
    from sqlalchemy import inspect, text

    if not inspect(conn).has_table("schema_version"):
        return set()
    return {int(v) for v in conn.execute(text("SELECT version FROM schema_version")).scalars()}


def head() -> int:
    migrations = discover()
    return migrations[-1].version if migrations else 0


PRE_MIGRATION_KEEP = 2


def _rotate_pre_migration_backups(folder: Path) -> None:
    """Keep only the newest pre-migration copies: old ones would keep culled data alive (gallring, E1)."""
    old = sorted(folder.glob("pre-migration-*.db"))
    for path in old[: max(0, len(old) - PRE_MIGRATION_KEEP)]:
        for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            part.unlink(missing_ok=True)


def migrate(db: Database, *, target: int | None = None, backup_dir: Path | None = None) -> list[int]:
    """Apply pending migrations up to `target` (default: all). Returns the versions applied."""
    from sqlalchemy import text

    migrations = [m for m in discover() if target is None or m.version <= target]
    with db.engine.connect() as conn:
        have = current_version(conn)
        done = applied_versions(conn)
    # Every migration not yet applied, in order (a lower number that lands later is still applied).
    pending = [m for m in migrations if m.version not in done]
    if not pending:
        return []
    if have > 0 and backup_dir is not None:
        _rotate_pre_migration_backups(backup_dir)
        stamp = SystemClock().now().strftime("%Y%m%dT%H%M%SZ")
        db.backup_to(backup_dir / f"pre-migration-v{have}-{stamp}.db")
    applied: list[int] = []
    for m in pending:
        try:
            with db.engine.begin() as conn:
                m.upgrade(conn)
                conn.execute(
                    text("INSERT INTO schema_version (version, name, applied_at) VALUES (:v, :n, :t)"),
                    {"v": m.version, "n": m.name, "t": SystemClock().now()},
                )
        except MigrationError:
            raise
        except Exception as err:  # noqa: BLE001 - report which migration failed, keep the old version
            raise MigrationError(
                _("migrering {version:04d} ({name}) misslyckades ({error}); version {have} är orörd").format(
                    version=m.version, name=m.name, error=type(err).__name__, have=have
                )
            ) from None
        applied.append(m.version)
    return applied
