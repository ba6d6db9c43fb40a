"""TLS against a real remote server: PostgreSQL with ssl=on inside a second network namespace (10.231.N.2).

verify-full with the unit's CA connects (and is the default); a certificate for another name, or from another CA, is
refused in one line; plaintext or unverified modes to this non-loopback host are refused by the client before any
connection (the server's log shows none); loopback plaintext stays allowed. Skips without root, `ip netns` or the
test cluster's bin dir — except in CI (CI=true), where .ci/run provides all three and a skip would hide a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from stodapp.cli import main
from stodapp.server.store import ServerStore

from .conftest import OWNER, PgServer
from .netns_tls import Netns, ThrowawayCA, netns_unavailable
from .own_cluster import OwnCluster, under_faketime

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(under_faketime(), reason="reads no date; runs in the pass on the real clock")]

DB = "enheten"
ADMIN_PASS = "en lång och hemlig fras för tls-test"


@dataclass
class TlsServer:
    cluster: OwnCluster
    ns: Netns
    ca_file: Path
    other_ca_file: Path
    right: tuple[bytes, bytes]
    wrong: tuple[bytes, bytes]
    passphrase_file: Path
    owner_password_file: Path

    def url(self, query: str = "") -> str:
        base = f"postgresql://{self.ns.peer_ip}:{self.cluster.port}/{DB}?connect_timeout=5"
        return base + (f"&{query}" if query else "")

    def serve(self, pem: tuple[bytes, bytes]) -> None:
        """Swap the server's certificate and reload (PostgreSQL re-reads its TLS files on SIGHUP)."""
        self.cluster.put_file("server.crt", pem[0], 0o644)
        self.cluster.put_file("server.key", pem[1])
        with self.cluster.super_connect() as c:
            assert c.execute("SELECT pg_reload_conf()").fetchone() == (True,)


@pytest.fixture(scope="module")
def tls_server(pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TlsServer]:
    why = netns_unavailable() or (None if pg_server.bin else "STODAPP_TEST_PG_BIN unset")
    if why:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the TLS test cannot run: {why}")
        pytest.skip(why)
    folder = tmp_path_factory.mktemp("tls")
    ca, other_ca = ThrowawayCA(), ThrowawayCA("another CA (throwaway)")
    (folder / "ca.crt").write_bytes(ca.pem)
    (folder / "other-ca.crt").write_bytes(other_ca.pem)
    (folder / "admin.txt").write_text(ADMIN_PASS + "\n")
    owner_password = "agare-" + os.urandom(6).hex()
    (folder / "owner.txt").write_text(owner_password + "\n")
    with Netns() as ns:
        right = ca.server(dns=("db.enheten.test",), ips=(ns.peer_ip,))
        wrong = ca.server(dns=("other.kommun.test",), ips=("10.231.255.254",))
        cluster = OwnCluster(pg_server.bin, listen=ns.peer_ip, port=5432, netns=ns.name,
                             hba=(f"hostssl all all {ns.host_ip}/32 scram-sha-256",),
                             settings=("ssl=on", "log_connections=on"))
        try:
            cluster.init()
            cluster.put_file("server.crt", right.cert, 0o644)
            cluster.put_file("server.key", right.key)
            cluster.start()
            cluster.add_owner_and_database(OWNER, owner_password, DB)
            yield TlsServer(cluster, ns, folder / "ca.crt", folder / "other-ca.crt", (right.cert, right.key),
                            (wrong.cert, wrong.key), folder / "admin.txt", folder / "owner.txt")
        finally:
            cluster.remove()


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.startswith("stodapp: error: ") and err.count("\n") == 1, err
    return err


def _list(tls: TlsServer, url: str) -> int:
    """A store command over the URL as the unit's administrator (`audit verify --server`)."""
    return main(["audit", "verify", "--server", url, "--user", "admin", "--passphrase-file", str(tls.passphrase_file)])


def test_verify_full_with_the_units_ca_is_the_default_and_connects(tls_server: TlsServer,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    url = tls_server.url(f"sslrootcert={tls_server.ca_file}")  # no sslmode: verify-full off loopback
    assert main(["server", "init", "--url", url, "--owner", OWNER, "--owner-password-file",
                 str(tls_server.owner_password_file), "--admin", "admin", "--passphrase-file",
                 str(tls_server.passphrase_file), "--fast-kdf"]) == 0
    assert _list(tls_server, url) == 0
    capsys.readouterr()
    store = ServerStore.open(url, "admin", ADMIN_PASS)
    try:
        with store.engine.connect() as c:
            row = c.exec_driver_sql("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").one()
        assert row[0] is True and row[1].startswith("TLSv1.")
        assert store.verify_audit().ok
    finally:
        store.close()


def test_certificate_for_another_name_is_refused_in_one_line(tls_server: TlsServer,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    url = tls_server.url(f"sslmode=verify-full&sslrootcert={tls_server.ca_file}")
    tls_server.serve(tls_server.wrong)
    try:
        assert _list(tls_server, url) != 0
        err = _one_line_error(capsys)
        assert "TLS-certifikat" in err and tls_server.ns.peer_ip in err and "vägrades" in err
    finally:
        tls_server.serve(tls_server.right)


def test_certificate_from_another_ca_or_no_ca_file_is_refused(tls_server: TlsServer,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert _list(tls_server, tls_server.url(f"sslrootcert={tls_server.other_ca_file}")) != 0
    assert "TLS-certifikat" in _one_line_error(capsys)
    missing = tls_server.ca_file.with_name("saknas.crt")
    assert _list(tls_server, tls_server.url(f"sslrootcert={missing}")) != 0
    err = _one_line_error(capsys)
    assert "CA-certifikat" in err and "saknas.crt" in err


@pytest.mark.parametrize("mode", ["disable", "allow", "prefer", "require", "verify-ca"])
def test_plaintext_or_unverified_to_the_remote_host_is_refused_before_connecting(
        tls_server: TlsServer, mode: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = tls_server.cluster.log_count("connection received")
    url = tls_server.url(f"sslmode={mode}&sslrootcert={tls_server.ca_file}")
    assert _list(tls_server, url) != 0
    err = _one_line_error(capsys)
    assert f"sslmode={mode}" in err and "vägras" in err and "verify-full" in err
    with pytest.raises(Exception, match="vägras"):
        ServerStore.open(url, "admin", ADMIN_PASS)
    assert tls_server.cluster.log_count("connection received") == before  # the client never connected


def test_loopback_plaintext_is_still_allowed(server_unit) -> None:  # type: ignore[no-untyped-def]
    from stodapp.store.keyslots import KdfParams

    from .conftest import USER_PASS

    store = ServerStore.open(server_unit.url + "?sslmode=disable", "anna", USER_PASS, login_kdf=KdfParams.for_tests())
    try:
        with store.engine.connect() as c:
            assert c.exec_driver_sql("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").scalar() is False
            assert c.exec_driver_sql("SELECT inet_client_addr()::text").scalar() == "127.0.0.1/32"
    finally:
        store.close()
