"""CI builds the one-folder app with PyInstaller and runs the frozen binary's `doctor --json` and self-test.

It takes a few minutes, so it runs where CI=true (as in .ci/run) or STODAPP_BUILD_INSTALLER=1, and is skipped in a
developer's quick local run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WANTED = os.environ.get("CI") == "true" or os.environ.get("STODAPP_BUILD_INSTALLER") == "1"


@pytest.mark.slow
@pytest.mark.skipif(not WANTED, reason="frozen build runs in CI (CI=true) or with STODAPP_BUILD_INSTALLER=1")
def test_frozen_app_builds_and_passes_its_smoke_test() -> None:
    out = subprocess.run([sys.executable, "build_installer.py", "--smoke"], cwd=ROOT, capture_output=True,
                         text=True, timeout=1500)
    assert out.returncode == 0, (out.stdout[-3000:], out.stderr[-3000:])
    last = [line for line in out.stdout.splitlines() if line.startswith("{")][-1]
    report = json.loads(last)
    assert str(report["sqlcipher"]).startswith("4.") and report["self_test"] == "ok" and report["checklists"] >= 8
