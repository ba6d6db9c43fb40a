"""Schema 3: `import_map`, which local record of which laptop store became which server row (`server import`).

One row per imported record: the source store's id (the local key-slot file's store id), the kind (case, person,
assignment, note), the local id and the server's key for it. Importing the same store again skips what it finds
here, so nothing is duplicated. `local_ref` keeps an imported case's local case number (the server numbers cases
from its own sequence). No identifying content: ids and case numbers only. Only the owner role reads or writes it
(no grant to the app roles), and row-level security without a policy keeps it closed even if one is granted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

VERSION = 3
NAME = "import_map"


def upgrade(conn: Connection, database: str, owner: str) -> None:
    conn.execute(text(
        "CREATE TABLE import_map ( source_store VARCHAR(64) NOT NULL, kind VARCHAR(20) NOT NULL, "
        "local_id VARCHAR(64) NOT NULL, server_key VARCHAR(64) NOT NULL, local_ref VARCHAR(32) NOT NULL, "
        "imported_at TIMESTAMP WITH TIME ZONE NOT NULL, "
        "CONSTRAINT pk_import_map PRIMARY KEY (source_store, kind, local_id) )"
    ))
    conn.execute(text("ALTER TABLE import_map ENABLE ROW LEVEL SECURITY"))
