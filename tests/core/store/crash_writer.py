"""Child process for the crash test: commits 50-row transactions forever, printing each acknowledged total."""

from __future__ import annotations

import sys
from pathlib import Path

from stodapp.store.engine import keyed_connect


def main() -> None:
    key = bytes.fromhex(sys.stdin.readline().strip())  # the key comes over a pipe, never argv or the environment
    conn = keyed_connect(Path(sys.argv[1]), key)
    conn.execute("CREATE TABLE IF NOT EXISTS crash (id INTEGER PRIMARY KEY, batch INTEGER, payload TEXT)")
    batch = conn.execute("SELECT coalesce(max(batch), 0) FROM crash").fetchone()[0]
    while True:
        batch += 1
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO crash (batch, payload) VALUES (?, ?)", [(batch, "å" * 300) for _ in range(50)])
        conn.execute("COMMIT")
        total = conn.execute("SELECT count(*) FROM crash").fetchone()[0]
        print(total, flush=True)


if __name__ == "__main__":
    main()
