"""Integrity without the wait (issue 18, #4): the full page check runs on its own connection in a core thread.

Unlock does only the cheap checks (header and cipher via the keyed probe, SQLCipher build, schema version, the audit
anchor). `BackgroundCheck` then runs cipher_integrity_check + quick_check over every page on a second read-only
connection, so the user works meanwhile (WAL readers do not block the writer). A failure calls back once; the
Database then refuses every further write with a message saying what to do. No Qt here: a plain thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stodapp.i18n import N_, _

FAILURE_ADVICE = N_(
    "integritetskontrollen hittade {count} fel i databasen (t.ex. {example}); inget mer sparas. Stäng appen, "
    "kör `stodapp doctor` och återställ från den senaste säkerhetskopian"
)


def failure_message(problems: list[str]) -> str:
    return _(FAILURE_ADVICE).format(count=len(problems), example=problems[0][:80])


class BackgroundCheck:
    """One full check of `path` under `dek`; `on_failure(problems)` is called from the thread if it fails."""

    def __init__(self, path: Path, dek: bytes, on_failure: Callable[[list[str]], None]) -> None:
        self._path = path
        self._dek = dek
        self._on_failure = on_failure
        self._conn: Any = None
        self._conn_lock = threading.Lock()
        self._stopped = False
        self.done = threading.Event()
        self.problems: list[str] | None = None
        self.duration_s: float | None = None
        self._thread = threading.Thread(target=self._run, name="stodapp-integrity", daemon=True)

    def start(self) -> BackgroundCheck:
        self._thread.start()
        return self

    def _run(self) -> None:
        from stodapp.errors import StodError
        from stodapp.store import engine as eng

        start = time.perf_counter()
        try:
            with self._conn_lock:
                if self._stopped:
                    return
                self._conn = eng.keyed_connect(self._path, self._dek, create=False)
            problems = eng.integrity_report(self._conn)
        except StodError as err:
            problems = [str(err)]
        except Exception as err:  # noqa: BLE001 - interrupted by stop(), or the driver's own error
            problems = [] if self._stopped else [type(err).__name__]
        finally:
            with self._conn_lock:
                if self._conn is not None:
                    try:
                        self._conn.close()
                    except Exception:  # noqa: BLE001,S110 - closing after an interrupt may complain
                        pass
                    self._conn = None
            self.duration_s = time.perf_counter() - start
        self.problems = problems
        self.done.set()
        if problems and not self._stopped:
            self._on_failure(problems)

    def wait(self, timeout: float | None = None) -> bool:
        return self.done.wait(timeout)

    def stop(self) -> None:
        """Interrupt a running check (lock/close) and wait briefly for the thread."""
        with self._conn_lock:
            self._stopped = True
            if self._conn is not None:
                try:
                    self._conn.interrupt()
                except Exception:  # noqa: BLE001,S110 - already closed
                    pass
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=10)
