"""Schema 5: `passphrase_resets`, one row per user whose passphrase an administrator set (`server users reset`).

While her row is there she must choose her own passphrase at the next sign-in (the server's counterpart of the
local store's must-change flag). Row-level security: she reads and deletes only her own row (her own change
deletes it, in the same transaction as her new key slot and login); administrators read all; only the owner role
inserts (the reset runs as the owner, as `users add` does).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

VERSION = 5
NAME = "passphrase_resets"


def upgrade(conn: Connection, database: str, owner: str) -> None:
    # The group role names as `server init` made them (stodapp.server.connect.group_role at version 5).
    app = '"' + f"{database}_grp_app".replace('"', '""') + '"'
    admin = '"' + f"{database}_grp_administrator".replace('"', '""') + '"'
    for statement in (
        "CREATE TABLE passphrase_resets ( user_id INTEGER NOT NULL, reset_at TIMESTAMP WITH TIME ZONE NOT NULL, "
        "PRIMARY KEY (user_id), FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE )",
        "ALTER TABLE passphrase_resets ENABLE ROW LEVEL SECURITY",
        f"GRANT SELECT, DELETE ON passphrase_resets TO {app}",
        f"CREATE POLICY resets_own ON passphrase_resets FOR ALL TO {app} USING (user_id = (SELECT stod_me()))",
        f"CREATE POLICY resets_admin ON passphrase_resets FOR SELECT TO {admin} USING (true)",
    ):
        conn.execute(text(statement))
