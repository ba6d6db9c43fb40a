"""F1: 100 SIGKILLs of a writer mid-transaction leave an intact database with no lost acknowledged commit."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stodapp.store.engine import integrity_report, keyed_connect

ROOT = Path(__file__).resolve().parents[3]
KILLS = 100


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_transaction(tmp_path: Path) -> None:
    db = tmp_path / "crash.db"
    key = os.urandom(32)
    rng = random.Random(20261122)
    acknowledged = 0
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("crash_writer.py")), str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert proc.stdin and proc.stdout
        proc.stdin.write((key.hex() + "\n").encode())
        proc.stdin.flush()
        deadline = time.monotonic() + rng.uniform(0.02, 0.12)
        started = False
        fd = proc.stdout.fileno()
        while True:
            # Read acknowledgements until the deadline after the first one; then kill mid-transaction.
            ready, _, _ = select.select([fd], [], [], 0.01)
            if ready:
                line = proc.stdout.readline()
                if not line:
                    break
                acknowledged = max(acknowledged, int(line))
                if not started:
                    started = True
                    deadline = time.monotonic() + rng.uniform(0.0, 0.05)
            if started and time.monotonic() >= deadline:
                break
            if time.monotonic() > deadline + 20:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
        conn = keyed_connect(db, key)
        try:
            assert integrity_report(conn) == []
            total = conn.execute("SELECT count(*) FROM crash").fetchone()[0]
        finally:
            conn.close()
        assert total >= acknowledged, "an acknowledged commit was lost"
        assert total % 50 == 0, "a partial transaction survived"
    assert acknowledged > 0
