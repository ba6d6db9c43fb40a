"""Server-mode GUI tests against the real PostgreSQL cluster (skip cleanly without STODAPP_TEST_PG_URL)."""

from tests.core.server.conftest import ADMIN_PASS, OWNER, USER_PASS, make_unit, pg_db, pg_server  # noqa: F401
