"""The store is one object behind one interface: nothing outside the store package touches its internals.

Checked over the source (ast), without a store: every private attribute a store class in `stodapp/store/` (or
the server store) defines is reached only through `self`/`cls` inside that class's own package, and no module
outside the store implementations reaches for an engine or a DB-API connection directly.
"""

from __future__ import annotations

import ast
from pathlib import Path

from stodapp.store.database import Database
from stodapp.store.interface import LocalStore, Store

ROOT = Path(__file__).resolve().parents[3]
#: Modules that implement a store (they own its internals).
STORE_IMPLEMENTATIONS = ("stodapp/store/", "stodapp/server/")
#: Attributes that are a store's internals even though they carry no underscore.
INTERNALS = frozenset({"engine", "raw_connection", "dbapi_connection"})


def _sources(*roots: str) -> list[Path]:
    return sorted(p for r in roots for p in (ROOT / r).rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _private_store_attributes() -> set[str]:
    """Every `self._x` a class in the store implementations assigns, and every `_method` they define."""
    names: set[str] = set()
    for path in _sources(*STORE_IMPLEMENTATIONS):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                for item in ast.walk(node):
                    if isinstance(item, ast.Attribute) and isinstance(item.value, ast.Name) and \
                            item.value.id == "self" and _private(item.attr):
                        names.add(item.attr)
                    elif isinstance(item, ast.FunctionDef) and _private(item.name):
                        names.add(item.name)
    return names


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _offences(path: Path, private: set[str], where: str) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute):
            receiver = node.value.id if isinstance(node.value, ast.Name) else ""
            if node.attr in private and receiver not in ("self", "cls"):
                found.append(f"{where}:{node.lineno} {ast.unparse(node)}")
            elif node.attr in INTERNALS and isinstance(node.ctx, ast.Load):
                found.append(f"{where}:{node.lineno} {ast.unparse(node)}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "setattr"):
            if len(node.args) > 1 and isinstance(node.args[1], ast.Constant) and node.args[1].value in private:
                found.append(f"{where}:{node.lineno} {ast.unparse(node)}")
    return found


def test_no_module_outside_the_store_touches_its_internals() -> None:
    private = _private_store_attributes()
    assert {"_lock", "_dek", "_factory", "_outer"} <= private  # the scan sees the local store's internals
    offences = [o for path in _sources("stodapp", "ui")
                if not _relative(path).startswith(STORE_IMPLEMENTATIONS)
                for o in _offences(path, private, _relative(path))]  # fmt: skip
    assert offences == [], "reach the store through stodapp.store.interface, not its internals:\n" + "\n".join(
        offences)


def test_the_scan_catches_a_reach_into_the_store(tmp_path: Path) -> None:
    """The check can fail: the kinds of reach the issue found (`db._lock`, `db._dek`, `db.engine`) are caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("def f(db, core):\n    with db._lock:\n        return core.db._dek, db.engine.connect(), "
                   "getattr(db, '_factory')\n", encoding="utf-8")
    offences = _offences(bad, _private_store_attributes(), "ui/bad.py")
    assert len(offences) == 4


def test_the_local_store_is_a_local_store(tmp_path: Path) -> None:
    """Structural conformance at runtime (mypy --strict checks the signatures where a Database becomes a Store)."""
    db = Database(tmp_path / "plain.db", None, plain=True)
    try:
        assert isinstance(db, Store)
        assert isinstance(db, LocalStore)
        assert db.dialect == "sqlite"
    finally:
        db.close()


def test_services_see_the_interface_not_the_local_store() -> None:
    """`ServiceContext.db` is typed as the interface, so a feature cannot grow a dependency on SQLCipher."""
    text = (ROOT / "stodapp" / "service.py").read_text(encoding="utf-8")
    assert "    db: Store" in text
    assert "stodapp.store.database" not in text
