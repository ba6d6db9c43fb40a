"""Screenshots of the wizard, unlock and main windows in Swedish and English at 100 % and 200 %.

Set STODAPP_SCREENSHOTS=<folder> to keep them; without it one set is rendered into a temp folder and checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
NAMES = ("wizard1_intro", "wizard2_admin", "wizard3_recovery", "unlock", "unlock_throttled", "main_admin",
         "main_privacy", "main_locked")


def render(out: Path, lang: str, scale: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
    proc = subprocess.run([sys.executable, "-m", "tests.ui.shots", str(out), lang], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "ok" in proc.stdout, proc.stderr[-2000:]


def test_screenshots(tmp_path: Path) -> None:
    target = os.environ.get("STODAPP_SCREENSHOTS")
    out = Path(target) if target else tmp_path
    combos = [("sv", "1"), ("en", "1"), ("sv", "2"), ("en", "2")] if target else [("sv", "1")]
    for lang, scale in combos:
        render(out, lang, scale)
        for name in NAMES:
            small = QImage(str(out / f"{name}_{lang}_100.png")) if scale == "1" else None
            img = QImage(str(out / f"{name}_{lang}_{int(float(scale) * 100)}.png"))
            assert not img.isNull() and img.width() >= 500, name
            if small is not None:
                assert img.pixelColor(img.width() // 2, img.height() // 2).isValid()
    if target:
        a = QImage(str(out / "unlock_sv_100.png"))
        b = QImage(str(out / "unlock_sv_200.png"))
        assert b.width() >= int(a.width() * 1.9)  # really rendered at 200 %
