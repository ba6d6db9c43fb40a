"""Server-mode GUI tests against the real PostgreSQL cluster (skip cleanly without STODAPP_TEST_PG_URL)."""

from tests.core.server.conftest import (  # noqa: F401
    ADMIN_PASS,
    OWNER,
    USER_PASS,
    _private_data_dir,
    make_unit,
    pg_db,
    pg_server,
)
