"""`stodapp dev screenshots`: PNGs of the tour's screens at the size asked for; a bad size is one clear error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    return subprocess.run([sys.executable, "-m", "stodapp", "dev", "screenshots", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)


def test_screenshots_of_the_start_windows_at_150_percent(tmp_path: Path) -> None:
    out = tmp_path / "shots"
    proc = _run("--out", str(out), "--lang", "en", "--size", "1920x1080@1.5", "--only", "start")
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = sorted(p.name for p in out.glob("*.png"))
    assert "1920x1080@1.5_en_start_unlock.png" in names and len(names) >= 8, names
    assert proc.stdout.split()[0] == str(len(names))  # "8 skärmbilder sparade i …"
    unlock = QImage(str(out / "1920x1080@1.5_en_start_unlock.png"))
    assert not unlock.isNull() and unlock.devicePixelRatio() == 1
    assert unlock.width() >= 400  # rendered at 150 %: the logical window is wider than 266 px


def test_a_bad_size_is_one_error_line(tmp_path: Path) -> None:
    proc = _run("--out", str(tmp_path / "x"), "--size", "1280by720")
    assert proc.returncode != 0
    assert proc.stderr.strip().startswith("stodapp: error: --size") and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x").exists()
