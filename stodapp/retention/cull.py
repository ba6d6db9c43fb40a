"""Delete cases with every dependent row, found by inspecting the schema (so tables added later are covered).

Dependents are every table with a foreign key into an already-doomed table, plus every table with a `case_id`
column even without a declared key; children are deleted before their parents. After the transaction, the
store's `purge_free_space` makes the deletion unrecoverable: secure_delete is ON on every connection
(stodapp.store.engine), FTS5 indexes are merged (`optimize`) so no deleted tokens linger in old segments, and the
WAL is checkpointed with TRUNCATE so no old page images stay in the -wal file.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect, text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ROOT = "cases"
ID_TABLE = "retention_doomed"
NEVER = frozenset({"audit_log", "users", "schema_version", "store_meta", "settings", "cull_permit"})

Edge = tuple[str, tuple[str, ...], tuple[str, ...]]  # child table, child columns, parent columns


def dependency_edges(session: Session) -> dict[str, list[Edge]]:
    """parent table -> [(child, child columns, parent columns)] from the live schema."""
    insp = inspect(session.connection())
    tables = [t for t in insp.get_table_names() if t not in NEVER]
    edges: dict[str, list[Edge]] = {}
    for table in tables:
        declared_case_fk = False
        for fk in insp.get_foreign_keys(table):
            parent = fk.get("referred_table")
            if not parent or parent in NEVER:
                continue
            cols, pcols = tuple(fk["constrained_columns"]), tuple(fk["referred_columns"] or ("id",))
            edges.setdefault(parent, []).append((table, cols, pcols))
            declared_case_fk |= parent == ROOT and cols == ("case_id",)
        if table != ROOT and not declared_case_fk:
            columns = {c["name"] for c in insp.get_columns(table)}
            if "case_id" in columns:
                edges.setdefault(ROOT, []).append((table, ("case_id",), ("id",)))
    return edges


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _delete(session: Session, edges: dict[str, list[Edge]], table: str, where: str, path: tuple[str, ...],
            counts: Counter[str]) -> None:
    for child, cols, pcols in edges.get(table, []):
        if child in path or child == table:
            continue  # self-references go with the same statement; cycles are cut
        ccols = ", ".join(_q(c) for c in cols)
        sel = ", ".join(_q(c) for c in pcols)
        child_where = f"({ccols}) IN (SELECT {sel} FROM {_q(table)} WHERE {where})"
        _delete(session, edges, child, child_where, (*path, child), counts)
    result: Any = session.execute(text(f"DELETE FROM {_q(table)} WHERE {where}"))
    counts[table] += int(result.rowcount or 0)


def delete_cases(session: Session, case_ids: list[int]) -> dict[str, int]:
    """Delete the cases and all dependent rows in the caller's transaction. Returns rows deleted per table."""
    counts: Counter[str] = Counter()
    if not case_ids:
        return {}
    session.execute(text(f"CREATE TEMP TABLE IF NOT EXISTS {ID_TABLE} (id INTEGER PRIMARY KEY)"))
    session.execute(text(f"DELETE FROM temp.{ID_TABLE}"))
    session.execute(text(f"INSERT INTO temp.{ID_TABLE} (id) VALUES (:id)"), [{"id": i} for i in case_ids])
    permit = session.execute(text("SELECT name FROM sqlite_master WHERE name = 'cull_permit'")).first()
    if permit is not None:  # append-only tables (migration 0012) accept a DELETE only inside a cull
        session.execute(text("INSERT OR IGNORE INTO cull_permit (id) VALUES (1)"))
    try:
        _delete(session, dependency_edges(session), ROOT, f"id IN (SELECT id FROM temp.{ID_TABLE})", (ROOT,),
                counts)
        for name in fts_tables(session):
            session.execute(text(f"INSERT INTO {_q(name)}({_q(name)}) VALUES ('optimize')"))
    finally:
        session.execute(text(f"DELETE FROM temp.{ID_TABLE}"))
        if permit is not None:
            session.execute(text("DELETE FROM cull_permit"))
    return {t: n for t, n in sorted(counts.items()) if n}


def fts_tables(session: Session) -> list[str]:
    rows = session.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")).all()
    return [str(n) for n, sql in rows if "USING FTS5" in str(sql or "").upper()]

