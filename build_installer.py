"""Build the stodapp desktop app with PyInstaller: one folder (default) or one file, plus a frozen smoke test.

    python build_installer.py              # dist/stodapp/stodapp(.exe) + everything it needs
    python build_installer.py --onefile    # dist/stodapp(.exe), unpacks to a private temp dir at start
    python build_installer.py --smoke      # build, then run the frozen binary's doctor --json and a headless self-test
    python build_installer.py --smoke-only # only the smoke test against an existing build

Data bundled beside the code (stodapp.paths finds them through sys._MEIPASS): checklists/ and every folder and file
of resources/ listed in RESOURCE_FOLDERS / RESOURCE_FILES (tests/core/test_installer_spec.py fails when a resource
is added without being listed here). See docs/installer.md for Windows builds and signing.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
NAME = "stodapp"
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"

# Every folder and top-level file under resources/ that the app reads at run time.
RESOURCE_FOLDERS = ("bench", "fonts", "guide", "icons", "legal", "referrals", "training", "translations")
RESOURCE_FILES = ("common-passphrases.txt", "kommuner.csv", "next_steps.yaml", "safety_plan_prompts.yaml",
                  "swedish-common-words.txt")
# Folders beside resources/ (the shipped checklist definitions).
TOP_FOLDERS = ("checklists",)
# Imported by name at run time (CLI groups, migrations, demo fillers, optional Qt UI), so PyInstaller's static
# analysis cannot see them; collected whole.
COLLECT_SUBMODULES = ("stodapp", "ui", "holidays", "sqlcipher3")
COLLECT_DATA = ("babel", "reportlab", "personnummer", "holidays")
# Package metadata read at run time (stodapp.versions: doctor and "Om stodapp" report library versions).
COPY_METADATA = ("PySide6-Essentials", "shiboken6", "SQLAlchemy", "pydantic", "reportlab", "argon2-cffi",
                 "cryptography", "sqlcipher3")

ENTRY = '''"""Frozen entry point: the same as the `stodapp` console command."""
import multiprocessing
import sys

from stodapp.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
'''


def data_entries(root: Path = ROOT) -> list[tuple[Path, str]]:
    """(source, destination inside the bundle) for PyInstaller's --add-data."""
    entries = [(root / name, name) for name in TOP_FOLDERS]
    entries += [(root / "resources" / name, f"resources/{name}") for name in RESOURCE_FOLDERS]
    entries += [(root / "resources" / name, "resources") for name in RESOURCE_FILES]
    return entries


def compile_translations(root: Path = ROOT) -> list[Path]:
    """Compile every .po to .mo before freezing (an installed app's resource dir is read-only)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    made = []
    for po in (root / "resources" / "translations").glob("*/LC_MESSAGES/*.po"):
        with po.open("rb") as fh:
            catalog = read_po(fh)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as fh:
            write_mo(fh, catalog)
        made.append(mo)
    return made


def pyinstaller_args(onefile: bool, windowed: bool = False) -> list[str]:
    sep = ";" if os.name == "nt" else ":"
    args = ["--noconfirm", "--clean", "--name", NAME, "--distpath", str(DIST), "--workpath", str(WORK / "work"),
            "--specpath", str(WORK), "--onefile" if onefile else "--onedir", "--paths", str(ROOT)]
    if windowed:
        args.append("--windowed")
    for source, dest in data_entries():
        args += ["--add-data", f"{source}{sep}{dest}"]
    for pkg in COLLECT_SUBMODULES:
        args += ["--collect-submodules", pkg]
    for pkg in COLLECT_DATA:
        args += ["--collect-data", pkg]
    for dist in COPY_METADATA:
        args += ["--copy-metadata", dist]
    # Not needed at run time and large; keeps the bundle smaller.
    for mod in ("tkinter", "pytest", "hypothesis", "mypy", "ruff", "PyInstaller"):
        args += ["--exclude-module", mod]
    return args


def build(onefile: bool, windowed: bool) -> Path:
    missing = [str(s) for s, _d in data_entries() if not s.exists()]
    if missing:
        raise SystemExit(f"build_installer: missing resources: {', '.join(missing)}")
    compile_translations()
    WORK.mkdir(parents=True, exist_ok=True)
    entry = WORK / "stodapp_entry.py"
    entry.write_text(ENTRY, encoding="utf-8")
    from PyInstaller.__main__ import run as pyinstaller_run

    pyinstaller_run([*pyinstaller_args(onefile, windowed), str(entry)])
    return frozen_binary(onefile)


def frozen_binary(onefile: bool) -> Path:
    exe = NAME + (".exe" if os.name == "nt" else "")
    return DIST / exe if onefile else DIST / NAME / exe


def _run(binary: Path, args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(binary), *args], capture_output=True, text=True, env=env, timeout=300, check=False)
    if result.returncode != 0:
        raise SystemExit(f"smoke: `{' '.join(args[:2])}` failed ({result.returncode}): {result.stderr.strip()[:300]}")
    return result


def smoke(binary: Path) -> dict[str, object]:
    """doctor --json without a store, then a headless self-test on a throwaway store with the frozen binary."""
    if not binary.exists():
        raise SystemExit(f"smoke: no frozen binary at {binary}; build first")
    with tempfile.TemporaryDirectory(prefix="stodapp-smoke-") as tmp:
        data = Path(tmp) / "data"
        env = {**os.environ, "STODAPP_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen"}
        doctor = json.loads(_run(binary, ["doctor", "--json"], env).stdout)
        if not str(doctor.get("sqlcipher", "")).startswith("4."):
            raise SystemExit(f"smoke: frozen app is not on SQLCipher 4 ({doctor.get('sqlcipher')})")
        secret = Path(tmp) / "pass.txt"
        secret.write_text("en lång fras för röktestet\n", encoding="utf-8")
        backup_secret = Path(tmp) / "backup.txt"
        backup_secret.write_text("en annan lång fras för kopian\n", encoding="utf-8")
        store = ["--data-dir", str(data), "--passphrase-file", str(secret)]
        _run(binary, ["init", "--admin", "admin", *store, "--fast-kdf"], env)
        checked = json.loads(_run(binary, ["doctor", "--json", *store, "--user", "admin"], env).stdout)
        if checked.get("integrity") != "ok" or not checked.get("audit_chain", {}).get("ok"):
            raise SystemExit("smoke: the frozen app's new store failed its integrity or audit check")
        listed = json.loads(_run(binary, ["checklists", "list", "--json"], env).stdout)
        if not listed:
            raise SystemExit("smoke: no checklists found in the bundle")
        out = Path(tmp) / "backup"
        _run(binary, ["backup", "create", *store, "--out", str(out), "--backup-passphrase-file",
                      str(backup_secret)], env)
        _run(binary, ["backup", "verify", str(out), "--backup-passphrase-file", str(backup_secret)], env)
        _run(binary, ["retention", "report", *store, "--json"], env)
    summary = {"binary": str(binary), "sqlcipher": doctor.get("sqlcipher"), "schema_version":
               checked.get("schema_version"), "checklists": len(listed), "self_test": "ok"}
    print(json.dumps(summary, ensure_ascii=False))
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onefile", action="store_true", help="one self-extracting executable")
    parser.add_argument("--windowed", action="store_true", help="no console window (GUI-only build, Windows)")
    parser.add_argument("--smoke", action="store_true", help="run the frozen smoke test after building")
    parser.add_argument("--smoke-only", action="store_true", help="only run the smoke test on an existing build")
    args = parser.parse_args(argv)
    binary = frozen_binary(args.onefile) if args.smoke_only else build(args.onefile, args.windowed)
    if args.smoke or args.smoke_only:
        smoke(binary)
    print(f"built: {binary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
