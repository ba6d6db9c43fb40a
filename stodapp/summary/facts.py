"""Fact functions: SQL aggregates giving counts per dimension value, never rows, nothing finer than a month.

Fact views. Features that record what a metric counts expose it through a SQL view in their own
migration, named and shaped as in FACT_VIEWS (one row per counted record; a `month` column YYYY-MM;
category columns named after the report dimension). No view yet → the metric is reported as "not
recorded in this store".

The same functions run over the local SQLite store and over the unit's PostgreSQL server
(`stodapp.server.summary`): `relation_exists` asks the catalog of the session's own dialect, and on
PostgreSQL it also asks whether the signed-in role may read the relation — a table the server's walls keep
from the supervisor (persons) counts as not recorded, as a missing view does. The SQL is portable
except where a dialect is named (`_month_of`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from stodapp.summary.period import Period

# view name -> columns it must have (besides `month`, which all but fact_reviews have)
FACT_VIEWS: dict[str, tuple[str, ...]] = {
    "fact_asking_events": ("month", "answer", "channel", "trigger"),
    "fact_violence_forms": ("month", "violence_form"),
    "fact_vulnerable_groups": ("month", "group", "sex"),
    "fact_risk_judgements": ("month", "risk_level", "override"),
    "fact_concerns": ("month", "concern_outcome"),
    "fact_referrals": ("month", "person_role", "sex"),
    "fact_protected_housing": ("month", "placed"),
    "fact_safety_plans": ("month",),
    "fact_reviews": ("due_month", "done_month"),
    "fact_training_completions": ("month", "staff_id"),
    # migration 0018
    "fact_concern_contexts": ("month", "concern_context"),
    "fact_persons_using_violence": ("month", "sex", "referred"),
    "fact_yes_handling": ("month", "asked_subject", "yes_handling"),
    "fact_yes_followups": ("month", "followup"),
    "fact_children_supported": ("month", "child_support", "child_id"),
    "fact_honour_measures": ("month", "honour_measure"),
    "fact_risk_instruments": ("month", "instrument"),
}

Counts = Counter[tuple[str, ...]]


def dialect_of(session: Session) -> str:
    return str(session.get_bind().dialect.name)


def relation_exists(session: Session, name: str) -> bool:
    """Whether `name` is a table or view here (on PostgreSQL: one this role may SELECT as a whole)."""
    if dialect_of(session) == "postgresql":
        sql = text(
            "SELECT 1 FROM pg_catalog.pg_class c WHERE c.oid = to_regclass(:n) AND c.relkind IN ('r', 'v', 'm') "
            "AND has_table_privilege(c.oid, 'SELECT')"
        )
    else:
        sql = text("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = :n")
    return session.execute(sql, {"n": name}).first() is not None


def _month_of(session: Session, column: str) -> str:
    """SQL for the YYYY-MM of a timestamp column: the stored text's prefix locally, Swedish time on the server."""
    if dialect_of(session) == "postgresql":
        return f"to_char({column} AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM')"
    return f"substr({column}, 1, 7)"


def _bounds(period: Period) -> dict[str, str]:
    return {"a": period.first, "b": period.last}


def _quoted(column: str) -> str:
    if column not in {c for cols in FACT_VIEWS.values() for c in cols}:
        raise ValueError(f"not a fact column: {column}")
    return f'"{column}"'


def view_counter(view: str, columns: Sequence[str]) -> Callable[[Session, Period], Counts | None]:
    """A fact function counting rows of `view` in the period, grouped by `columns` (constants only)."""
    if view not in FACT_VIEWS or any(c not in FACT_VIEWS[view] for c in columns):
        raise ValueError(f"{view}: unknown fact view or column")
    cols = ", ".join(_quoted(c) for c in columns)
    select_cols = f"{cols}, " if cols else ""
    group = f" GROUP BY {cols}" if cols else ""
    sql = text(f'SELECT {select_cols}COUNT(*) FROM "{view}" WHERE "month" BETWEEN :a AND :b{group}')

    def fact(session: Session, period: Period) -> Counts | None:
        if not relation_exists(session, view):
            return None
        out: Counts = Counter()
        for row in session.execute(sql, _bounds(period)):
            out[tuple("" if v is None else str(v) for v in row[:-1])] += int(row[-1])
        return out

    fact.__name__ = f"count_{view}"
    return fact


def new_cases_by_sex_age(session: Session, period: Period) -> Counts | None:
    """Cases opened in the period by sex and age band of the (first) person seeking support.

    One pass over persons in case order (SQLite's bare-column MIN picks the first person seeking support per
    case); cases without one are the difference to the case count and go to (unknown, unknown). Not on the
    server: persons are closed to the supervisor's role there (see docs/server-mode.md).
    """
    if not relation_exists(session, "persons"):
        return None
    sql = text(
        "SELECT sex, age_band, COUNT(*) FROM ("
        "SELECT MIN(p.id), p.sex AS sex, p.age_band AS age_band FROM persons p CROSS JOIN cases c "
        "ON c.id = p.case_id WHERE p.role = 'stodsokande' AND c.opened_month BETWEEN :a AND :b "
        "GROUP BY p.case_id) GROUP BY sex, age_band"
    )
    out: Counts = Counter()
    for sex, age, n in session.execute(sql, _bounds(period)):
        out[("" if sex is None else str(sex), "" if age is None else str(age))] += int(n)
    total = session.execute(
        text("SELECT COUNT(*) FROM cases WHERE opened_month BETWEEN :a AND :b"), _bounds(period)
    ).scalar_one()
    missing = int(total) - sum(out.values())
    if missing > 0:
        out[("", "")] += missing
    return out


def new_cases_by_month(session: Session, period: Period) -> Counts | None:
    sql = text("SELECT opened_month, COUNT(*) FROM cases WHERE opened_month BETWEEN :a AND :b GROUP BY opened_month")
    return Counter({(str(m),): int(n) for m, n in session.execute(sql, _bounds(period))})


def overdue_reviews(session: Session, period: Period) -> Counts | None:
    """Reviews due at or before the period's last month and not done by then (a status, not a flow)."""
    if not relation_exists(session, "fact_reviews"):
        return None
    sql = text(
        'SELECT COUNT(*) FROM "fact_reviews" WHERE "due_month" <= :b '
        'AND ("done_month" IS NULL OR "done_month" = \'\' OR "done_month" > :b)'
    )
    n = int(session.execute(sql, {"b": period.last}).scalar_one())
    return Counter({(): n})


def staff_trained(session: Session, period: Period) -> Counts | None:
    if not relation_exists(session, "fact_training_completions"):
        return None
    sql = text('SELECT COUNT(DISTINCT "staff_id") FROM "fact_training_completions" WHERE "month" BETWEEN :a AND :b')
    return Counter({(): int(session.execute(sql, _bounds(period)).scalar_one())})


def children_supported(by_kind: bool) -> Callable[[Session, Period], Counts | None]:
    """Distinct children with a recorded support in the period (per kind, or once whatever the kind)."""
    group = ' "child_support",' if by_kind else ""
    sql = text(
        f'SELECT{group} COUNT(DISTINCT "child_id") FROM "fact_children_supported" '
        f'WHERE "month" BETWEEN :a AND :b{" GROUP BY " + group.strip(" ,") if by_kind else ""}'
    )

    def fact(session: Session, period: Period) -> Counts | None:
        if not relation_exists(session, "fact_children_supported"):
            return None
        out: Counts = Counter()
        for row in session.execute(sql, _bounds(period)):
            out[tuple(str(v) for v in row[:-1])] += int(row[-1])
        return out

    fact.__name__ = "children_supported_by_kind" if by_kind else "children_supported"
    return fact


def staff_accounts(session: Session, period: Period) -> Counts | None:
    """Active accounts in this store at the period's end, by role: the denominator for training coverage."""
    sql = text(
        f"SELECT role, COUNT(*) FROM users WHERE NOT disabled AND {_month_of(session, 'created_at')} <= :b "
        "GROUP BY role"
    )
    return Counter({(str(role),): int(n) for role, n in session.execute(sql, {"b": period.last})})
