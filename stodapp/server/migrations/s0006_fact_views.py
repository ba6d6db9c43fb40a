"""Schema 6: the supervisor summary's fact views that the server can honestly provide, granted to the supervisors.

Only `fact_safety_plans` (see stodapp/summary/facts.py, FACT_VIEWS): one row per case whose first safety plan
version was written in `month` (YYYY-MM, Swedish time), from `case_forms` rows of kind 'safety_plan' — their case
and `updated_at`, never the ciphertext. The local view counts first versions per (case, person); on the server
whom a plan is for is inside its ciphertext, so a case counts once — the same number while a case's plan keeps
its person, which is how the editor saves it. New cases over time need no view (the supervisors may already read
`cases.opened_month`). Every other fact view is absent here, so its metric says "not recorded in this store".

The view is owned by the owner role, so it reads `case_forms` past row-level security, which has no policy for
the supervisors (they may read no row of the table itself) and gives them months and counts only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

VERSION = 6
NAME = "fact_views"

FACT_SAFETY_PLANS = (
    "CREATE VIEW fact_safety_plans AS "
    "SELECT to_char(MIN(f.updated_at) AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM') AS month "
    "FROM case_forms f WHERE f.kind = 'safety_plan' GROUP BY f.case_id"
)


def upgrade(conn: Connection, database: str, owner: str) -> None:
    # The group role name as `server init` made it (stodapp.server.connect.group_role at version 6).
    sup = '"' + f"{database}_grp_arbetsledare".replace('"', '""') + '"'
    for statement in (FACT_SAFETY_PLANS, f"GRANT SELECT ON fact_safety_plans TO {sup}"):
        conn.execute(text(statement))
