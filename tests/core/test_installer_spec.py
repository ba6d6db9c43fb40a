"""The installer's data list covers every resource the app reads (building it is too slow for CI here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _installer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_installer", ROOT / "build_installer.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_installer", module)
    spec.loader.exec_module(module)
    return module


def test_every_resource_folder_and_file_is_bundled() -> None:
    bi = _installer()
    bundled = {dest if src.is_dir() else f"{dest}/{src.name}" for src, dest in bi.data_entries(ROOT)}
    on_disk = {f"resources/{p.name}" for p in (ROOT / "resources").iterdir()
               if not p.name.startswith(".") and p.name != "__pycache__"}
    missing = on_disk - bundled
    assert not missing, f"add to RESOURCE_FOLDERS/RESOURCE_FILES in build_installer.py: {sorted(missing)}"
    assert "checklists" in bundled
    for src, _dest in bi.data_entries(ROOT):
        assert src.exists(), src  # no stale entries either


def test_bundle_paths_match_the_app_lookup() -> None:
    """stodapp.paths looks in <bundle>/resources and <bundle>/checklists; the destinations must match."""
    bi = _installer()
    dests = {dest for _src, dest in bi.data_entries(ROOT)}
    assert {"resources/fonts", "resources/translations", "resources/legal", "resources/referrals",
            "resources/training", "checklists"} <= dests
    args = bi.pyinstaller_args(onefile=False)
    assert "--onedir" in args and "--onefile" in bi.pyinstaller_args(onefile=True)
    # dynamically imported packages (CLI groups, migrations) are collected whole
    assert args[args.index("--collect-submodules") + 1] == "stodapp"


def test_entry_script_calls_the_cli() -> None:
    bi = _installer()
    assert "from stodapp.cli import main" in bi.ENTRY and "sys.exit(main())" in bi.ENTRY
    compile(bi.ENTRY, "stodapp_entry.py", "exec")
