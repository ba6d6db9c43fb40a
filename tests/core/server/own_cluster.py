"""A PostgreSQL cluster of a test's own (restart faults, TLS), optionally inside a second network namespace.

The shared test cluster (.ci/pg-cluster.sh) is never restarted: a test that stops or restarts a server, or needs one
with TLS on another address, starts its own from the same bin dir (STODAPP_TEST_PG_BIN) and removes it afterwards.
Every external command runs with a timeout, so a stuck server fails the test instead of hanging the run.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

STEP_TIMEOUT = 30.0  # seconds: the bound on any one external command (initdb, pg_ctl, ip)
SUPERUSER = "stodapp_super"
_NO_FAKE = ("LD_PRELOAD", "FAKETIME", "FAKETIME_NO_CACHE", "DYLD_INSERT_LIBRARIES")


def clean_env() -> dict[str, str]:
    """The environment without libfaketime: the server and `ip` run on the real clock even in the faketime runs."""
    return {k: v for k, v in os.environ.items() if k not in _NO_FAKE}


def run(cmd: Sequence[str], *, timeout: float = STEP_TIMEOUT, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run with a timeout. Output goes to files, not pipes: a server that pg_ctl leaves running would hold a pipe
    open and make the wait for its end endless (the hang of an earlier version of the restart test)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        code = subprocess.run(list(cmd), env=clean_env(), timeout=timeout, stdin=subprocess.DEVNULL, stdout=out,
                              stderr=err, check=False).returncode
        out.seek(0)
        err.seek(0)
        done = subprocess.CompletedProcess(list(cmd), code, out.read(), err.read())
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} … failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    return done


def under_faketime() -> bool:
    """The .ci/run passes with a moved clock: a test that starts a cluster of its own runs in the normal pass only
    (it reads no date, and each cluster costs seconds that CI spends three times otherwise)."""
    return "faketime" in os.environ.get("LD_PRELOAD", "") or "FAKETIME" in os.environ


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class OwnCluster:
    """initdb + pg_ctl in a temp dir; as root the files belong to the unprivileged CI user (initdb refuses root)."""

    def __init__(self, bin_dir: str, *, listen: str = "127.0.0.1", port: int | None = None,
                 netns: str | None = None, hba: Sequence[str] = ("host all all 127.0.0.1/32 scram-sha-256",),
                 settings: Sequence[str] = ()) -> None:
        self.bin = Path(bin_dir)
        self.listen = listen
        self.port = port or free_port()
        self.prefix = ["ip", "netns", "exec", netns] if netns else []
        self.hba = ("local all all scram-sha-256", *hba)
        self.settings = ("fsync=off", "full_page_writes=off", "max_connections=40", *settings)
        self.owner = "stodapp-ci" if os.geteuid() == 0 else None
        self.as_owner = ["runuser", "-u", self.owner, "--"] if self.owner else []
        self.root = Path(tempfile.mkdtemp(prefix="stodapp-own-pg."))
        self.root.chmod(0o711)
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.log = self.root / "server.log"
        self.super_password = secrets.token_urlsafe(18)
        self.started = False

    # ---- life cycle ------------------------------------------------------------------------------------------
    def _mine(self, path: Path) -> None:
        if self.owner:
            shutil.chown(path, user=self.owner)

    def init(self) -> None:
        pwfile = self.root / "superpass"
        pwfile.write_text(self.super_password + "\n")
        pwfile.chmod(0o644)
        for folder in (self.data, self.sock):
            folder.mkdir(mode=0o700)
            self._mine(folder)
        self.log.touch()
        self._mine(self.log)
        run([*self.as_owner, str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER,
             "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8", "--locale=C"], timeout=60)
        (self.data / "pg_hba.conf").write_text("\n".join(self.hba) + "\n")  # initdb's file, same owner

    def put_file(self, name: str, content: bytes, mode: int = 0o600) -> None:
        """A file in the data dir owned by the server's user (the TLS key must be 0600 and the server's)."""
        path = self.data / name
        path.write_bytes(content)
        path.chmod(mode)
        self._mine(path)

    def _options(self) -> str:
        options = [f"listen_addresses={self.listen}", f"port={self.port}", f"unix_socket_directories={self.sock}",
                   *self.settings]
        return " ".join(f"-c {o}" for o in options)

    def start(self) -> None:
        done = run([*self.prefix, *self.as_owner, str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                    str(self.log), "-w", "-t", "30", "-o", self._options(), "start"], timeout=45, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl start failed: {self.log.read_text()[-600:]}")
        self.started = True

    def pg_ctl(self, *args: str) -> None:
        run([*self.prefix, *self.as_owner, str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-t", "30", *args],
            timeout=45)

    def stop(self, mode: str = "immediate") -> None:
        self.pg_ctl("-m", mode, "stop")
        self.started = False

    def restart(self, mode: str) -> None:
        self.pg_ctl("-m", mode, "-l", str(self.log), "restart")  # same options as the start (postmaster.opts)
        self.started = True

    def remove(self) -> None:
        """Stop (if running) and delete everything; safe to call after any failure."""
        if self.started:
            run([*self.prefix, *self.as_owner, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                 "-w", "-t", "20", "stop"], timeout=30, check=False)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    # ---- talking to it ---------------------------------------------------------------------------------------
    def super_connect(self, database: str = "postgres"):  # type: ignore[no-untyped-def]
        """The superuser over the cluster's own unix socket (reachable from outside a network namespace too)."""
        import psycopg

        return psycopg.connect(host=str(self.sock), port=self.port, user=SUPERUSER, dbname=database,
                               password=self.super_password, autocommit=True, connect_timeout=10)

    def add_owner_and_database(self, owner: str, password: str, database: str) -> None:
        with self.super_connect() as c:
            c.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD '{password}'")
            c.execute(f'CREATE DATABASE "{database}" OWNER {owner}')

    def log_count(self, needle: str) -> int:
        return self.log.read_text(errors="replace").count(needle)
