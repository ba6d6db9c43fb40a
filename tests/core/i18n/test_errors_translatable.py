"""Every user-facing error message is marked for translation: no StodError built from a bare literal or f-string.

Together with test_catalog.py (every marked message has English) this means an error shown in the English UI or
CLI is English. A message passed through a variable is not checked here (it is marked where it is built).
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import stodapp
from stodapp.errors import StodError
from stodapp.i18n_extract import root_dir

ROOT = root_dir()
SKIP_MODULES = ("stodapp.__main__", "stodapp.hardening_windows")
# i18n itself (and what it imports) cannot use _(): the message would be translated by the module being loaded.
SKIP_FILES = {"stodapp/i18n.py", "stodapp/paths.py", "stodapp/errors.py"}


def _error_names() -> set[str]:
    for info in pkgutil.walk_packages(stodapp.__path__, "stodapp."):
        if info.name not in SKIP_MODULES:
            importlib.import_module(info.name)
    names: set[str] = set()
    todo: list[type] = [StodError]
    while todo:
        cls = todo.pop()
        names.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return names


def _bare(node: ast.expr) -> bool:
    """A literal message that never went through _(): "…", f"…", "…".format(…), "…" + x."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value.strip())
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and str(v.value).strip(" :()") for v in node.values)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _bare(node.func.value)
    if isinstance(node, ast.BinOp):
        return _bare(node.left) or _bare(node.right)
    return False


def untranslated_errors(names: set[str]) -> list[str]:
    found = []
    for folder in ("stodapp", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel in SKIP_FILES:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and node.args):
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if name in names and _bare(node.args[0]):
                    found.append(f"{rel}:{node.lineno}: {name}")
    return found


def test_every_error_message_is_marked_for_translation() -> None:
    names = _error_names()
    assert {"UserInputError", "StoreCorrupt", "NotFound", "ValidationFailed"} <= names
    assert untranslated_errors(names) == []


def test_the_check_finds_a_bare_message(tmp_path: Path) -> None:
    for folder in ("stodapp", "ui"):
        (tmp_path / folder).mkdir()
    (tmp_path / "stodapp" / "bad.py").write_text(
        'raise UserInputError("fel")\nraise NotFound(f"{x} saknas")\nraise StoreError(_("ok"))\n'
        'raise UserInputError(_("{x} ok").format(x=1))\nraise StoreCorrupt("a" + b)\n', encoding="utf-8"
    )
    globals()["ROOT"] = tmp_path
    try:
        found = untranslated_errors({"UserInputError", "NotFound", "StoreError", "StoreCorrupt"})
    finally:
        globals()["ROOT"] = root_dir()
    assert found == ["stodapp/bad.py:1: UserInputError", "stodapp/bad.py:2: NotFound", "stodapp/bad.py:5: StoreCorrupt"]
