"""One clock: nothing in stodapp/ or ui/ reads the system clock for a date or a time of day except stodapp/clock.py.

Everything else takes the injected Clock (ServiceContext.clock / Core.clock) so tests can state their own now and
a laptop's clock or zone never decides a date. Monotonic timers for durations are allowed.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_FILES = {ROOT / "stodapp" / "clock.py"}
# attribute calls that read the wall clock: <something>.now(), .utcnow(), .today(), time.time() …
WALL_CLOCK_ATTRS = {"now", "utcnow", "today"}
TIME_FUNCS = {"time", "time_ns", "localtime", "gmtime", "ctime", "strftime"}
# Qt's own clock reads (QDate.currentDate() …) bypass the injected clock just the same
QT_CLOCK_ATTRS = {"currentDate", "currentDateTime", "currentDateTimeUtc", "currentMSecsSinceEpoch",
                  "currentSecsSinceEpoch", "currentTime"}


def _where(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def _offenders(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        base, attr = node.func.value, node.func.attr
        base_name = base.id if isinstance(base, ast.Name) else (base.attr if isinstance(base, ast.Attribute) else "")
        if attr in WALL_CLOCK_ATTRS and base_name in {"datetime", "date"}:
            out.append(f"{_where(path)}:{node.lineno}: {base_name}.{attr}()")
        elif attr in TIME_FUNCS and base_name == "time":
            out.append(f"{_where(path)}:{node.lineno}: time.{attr}()")
        elif attr in QT_CLOCK_ATTRS and base_name.startswith("Q"):
            out.append(f"{_where(path)}:{node.lineno}: {base_name}.{attr}()")
        elif attr == "astimezone" and not node.args and not node.keywords:
            # no zone = the machine's zone, which is not Sweden's on every laptop: use stodapp.calendar_se
            out.append(f"{_where(path)}:{node.lineno}: .astimezone() in the machine's zone")
    return out


def test_no_direct_clock_reads_outside_the_clock_module() -> None:
    files = [p for pkg in ("stodapp", "ui") for p in sorted((ROOT / pkg).rglob("*.py")) if p not in ALLOWED_FILES]
    assert len(files) > 100  # the walk really covers both packages
    offenders = [line for p in files for line in _offenders(p)]
    assert offenders == [], "use the injected Clock (stodapp.clock / stodapp.calendar_se):\n" + "\n".join(offenders)


def test_the_check_catches_a_clock_read(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import datetime, time\nx = datetime.date.today()\ny = time.time()\nz = time.monotonic()\n"
                     "w = x.astimezone()\nv = QDate.currentDate()\nu = x.astimezone(ZONE)\n", encoding="utf-8")
    assert _offenders(probe) == ["probe.py:2: date.today()", "probe.py:3: time.time()",
                                 "probe.py:5: .astimezone() in the machine's zone", "probe.py:6: QDate.currentDate()"]


def test_tests_state_their_own_now() -> None:
    """A test that needs "now" takes the `clock`/`today` fixtures or a FakeClock; it never asks the machine."""
    files = [p for p in sorted((ROOT / "tests").rglob("*.py")) if p != Path(__file__).resolve()]
    offenders = [line for p in files for line in _offenders(p) if ".astimezone()" not in line]
    assert offenders == [], "state the test's own now (tests/conftest.py: clock, today):\n" + "\n".join(offenders)
