"""`stodapp bench startup`: time from spawn to the first painted window, bare PySide6 versus stodapp.

Both are fresh processes timed by this (Qt-free) parent from spawn until the child reports that its window
was painted: (a) a bare PySide6 process that shows an empty QMainWindow, (b) `python -m stodapp` up to the
painted unlock window (STODAPP_EXIT_AFTER_FIRST_PAINT=1), on a store made beforehand. Runs are interleaved
after one warm-up each; medians and the ratio (target <= 1.3) are reported, plus the children's CPU
time, which other load on the machine disturbs less than wall time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from stodapp.paths import project_root, resource_dir

# The reference windows are a separate script (resources/bench/bare_window.py): the core never imports Qt.
BARE_SCRIPT = "bench/bare_window.py"
MARKER = "first_paint"


def _timed(cmd: list[str], env: dict[str, str], timeout: float = 60.0) -> tuple[float, float]:
    """(ms from spawn until the child prints the first-paint marker, the child's CPU ms until it exited)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True,
                            cwd=str(project_root()))
    cpu = float("nan")
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(MARKER):
                elapsed = (time.perf_counter() - start) * 1000
                break
        else:
            raise RuntimeError(f"child exited without painting (exit code {proc.wait(timeout)})")
        if hasattr(os, "wait4"):
            _pid, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            cpu = (usage.ru_utime + usage.ru_stime) * 1000
        else:
            proc.wait(timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    return elapsed, cpu


def _make_store(data_dir: Path) -> None:
    from stodapp.core import Core
    from stodapp.store.keyslots import KdfParams

    core, _key = Core.initialize(data_dir, "admin", "bänkmätning med en lång lösenfras", kdf=KdfParams.for_tests())
    core.close()


def bench_startup(runs: int = 5) -> dict[str, Any]:
    """Median spawn-to-first-paint for a bare PySide6 window and for stodapp's unlock window, and the ratio."""
    if runs < 1:
        raise ValueError("runs must be >= 1")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["STODAPP_EXIT_AFTER_FIRST_PAINT"] = "1"
    # An installed app has its .pyc files; without them every run would compile stodapp's sources anew.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="stodapp-bench-") as tmp:
        data = Path(tmp) / "data"
        _make_store(data)
        env["STODAPP_QSETTINGS"] = str(Path(tmp) / "settings.ini")
        script = str(resource_dir() / BARE_SCRIPT)
        bare_cmd = [sys.executable, script]
        text_cmd = [sys.executable, script, "--label"]
        app_cmd = [sys.executable, "-m", "stodapp", "--data-dir", str(data), "--lang", "sv"]
        _timed(bare_cmd, env)  # warm the OS file cache for both
        _timed(app_cmd, env)
        bare: list[tuple[float, float]] = []
        text: list[tuple[float, float]] = []
        app: list[tuple[float, float]] = []
        for _ in range(runs):
            bare.append(_timed(bare_cmd, env))
            text.append(_timed(text_cmd, env))
            app.append(_timed(app_cmd, env))
    bare_med = statistics.median(b[0] for b in bare)
    app_med = statistics.median(a[0] for a in app)
    bare_cpu = statistics.median(b[1] for b in bare)
    app_cpu = statistics.median(a[1] for a in app)
    ratio = app_med / bare_med
    text_med = statistics.median(t[0] for t in text)
    return {
        "runs": runs,
        "bare_qt_ms": round(bare_med, 1),
        "stodapp_unlock_ms": round(app_med, 1),
        "ratio": round(ratio, 2),
        "target_ratio": 1.3,
        "within_target": ratio <= 1.3,
        "bare_text_window_ms": round(text_med, 1),
        "ratio_to_text_window": round(app_med / text_med, 2),
        "bare_min_ms": round(min(b[0] for b in bare), 1),
        "stodapp_min_ms": round(min(a[0] for a in app), 1),
        # CPU time of the whole child process (to exit): less sensitive to other load on the machine
        "bare_cpu_ms": round(bare_cpu, 1),
        "stodapp_cpu_ms": round(app_cpu, 1),
        "cpu_ratio": round(app_cpu / bare_cpu, 2),
    }


if __name__ == "__main__":
    for key, value in bench_startup().items():
        print(f"{key:20} {value}")
