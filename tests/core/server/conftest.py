"""A real PostgreSQL for server-mode tests: the throwaway cluster .ci/run starts (STODAPP_TEST_PG_URL).

Locally without a cluster the tests skip with a clear reason; in CI (CI=true) a missing cluster is a failure.
Each test gets a fresh database owned by a non-superuser owner role with CREATEROLE (as a unit's DBA would set up).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

OWNER = "stod_test_owner"


@dataclass(frozen=True)
class PgServer:
    host: str
    port: int
    super_url: str
    super_password: str
    owner_password: str
    bin: str

    def url(self, database: str, query: str = "") -> str:
        return f"postgresql://{self.host}:{self.port}/{database}" + (f"?{query}" if query else "")

    def super_connect(self, database: str = "postgres"):  # type: ignore[no-untyped-def]
        import psycopg

        return psycopg.connect(host=self.host, port=self.port, user="stodapp_super", dbname=database,
                               password=self.super_password, autocommit=True)


@pytest.fixture(scope="session")
def pg_server() -> PgServer:
    url = os.environ.get("STODAPP_TEST_PG_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no PostgreSQL cluster (STODAPP_TEST_PG_URL unset): .ci/run must start one")
        pytest.skip("no PostgreSQL test cluster: source .ci/pg-cluster.sh and run pg_cluster_start")
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    server = PgServer(host=parts.hostname or "127.0.0.1", port=parts.port or 5432, super_url=url,
                      super_password=Path(os.environ["STODAPP_TEST_PG_PASSWORD_FILE"]).read_text().strip(),
                      owner_password=secrets.token_urlsafe(16), bin=os.environ.get("STODAPP_TEST_PG_BIN", ""))
    with server.super_connect() as c:
        if c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (OWNER,)).fetchone():
            c.execute(f"ALTER ROLE {OWNER} PASSWORD %s".replace("%s", "'" + server.owner_password + "'"))
        else:
            c.execute(f"CREATE ROLE {OWNER} LOGIN CREATEROLE PASSWORD '{server.owner_password}'")
    return server


@pytest.fixture
def pg_db(pg_server: PgServer) -> Iterator[str]:
    """A fresh empty database owned by the owner role; dropped (with its login roles) afterwards."""
    name = "t_" + secrets.token_hex(5)
    with pg_server.super_connect() as c:
        c.execute(f'CREATE DATABASE "{name}" OWNER {OWNER}')
    yield name
    with pg_server.super_connect() as c:
        c.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        roles = [r[0] for r in c.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (name + "_%",))]
        for role in roles:
            c.execute(f'DROP ROLE "{role}"')
