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


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Server sign-ins keep an audit anchor in the user data dir: each test gets its own, never the machine's."""
    monkeypatch.setenv("STODAPP_DATA_DIR", str(tmp_path / "user-data"))


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


# ---- a unit on the server, and the same users on a local store (for tests run on both backends) -------------
ADMIN_PASS = "en lång och hemlig fras för test"
USER_PASS = "ännu en hemlig fras för test"
USERS = (("anna", "handlaggare"), ("bertil", "handlaggare"), ("sara", "arbetsledare"))


def make_unit(pg: PgServer, db: str, clock, login_kdf=None) -> str:  # type: ignore[no-untyped-def]
    """`server init` + caseworkers anna and bertil + supervisor sara (fast KDFs unless `login_kdf` is given, e.g.
    the real one for CLI tests, which derive the login as a user's client does); returns the unit's URL."""
    from stodapp.auth import Role
    from stodapp.server.provision import add_user, init_unit
    from stodapp.server.store import ServerStore
    from stodapp.store.keyslots import KdfParams

    fast = KdfParams.for_tests()
    login = login_kdf or fast
    url = pg.url(db)
    init_unit(url, OWNER, pg.owner_password, "admin", ADMIN_PASS, unit_name="Testenheten", kdf=fast,
              login_kdf=login, clock=clock)
    admin = ServerStore.open(url, "admin", ADMIN_PASS, login_kdf=login, clock=clock)
    try:
        for name, role in USERS:
            add_user(admin, OWNER, pg.owner_password, name, Role(role), USER_PASS, kdf=fast, login_kdf=login)
    finally:
        admin.close()
    return url


@pytest.fixture
def server_unit(pg_server: PgServer, pg_db: str, clock) -> Iterator:  # type: ignore[no-untyped-def,type-arg]
    """Factory: server_unit("anna") -> an unlocked ServerSession on a fresh unit, closed after the test."""
    from stodapp.server.session import ServerSession
    from stodapp.store.keyslots import KdfParams

    url = make_unit(pg_server, pg_db, clock)
    opened = []

    def _open(name: str = "admin"):  # type: ignore[no-untyped-def]
        session = ServerSession.open(url, name, ADMIN_PASS if name == "admin" else USER_PASS, clock=clock,
                                     login_kdf=KdfParams.for_tests())
        opened.append(session)
        return session

    _open.url = url  # type: ignore[attr-defined]
    yield _open
    for session in opened:
        session.close()


@pytest.fixture(params=["local", "server"])
def backend(request):  # type: ignore[no-untyped-def]
    """Factory over both stores: backend("anna") -> a CaseStoreSession (the local Core or a ServerSession)."""
    if request.param == "local":
        factory = request.getfixturevalue("open_core")
    else:
        factory = request.getfixturevalue("server_unit")
    factory.kind = request.param  # type: ignore[attr-defined]
    return factory
