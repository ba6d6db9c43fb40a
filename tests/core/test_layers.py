"""The layers as the imports draw them (see docs/DEVELOPING.md, "Layers").

Every import counts: top-level, function-level and `if TYPE_CHECKING:` ones, because each is a dependency a reader
must follow. The checks are over the source (ast), so they need neither Qt nor a store.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("stodapp", "ui")
#: The facade and what stands on it: may import stodapp.core. Everything else in stodapp/ is below the facade.
ABOVE_FACADE = ("stodapp.core", "stodapp.cli", "stodapp.bench", "stodapp.training_store", "stodapp.__main__")
#: What ui/ must not reach for: the database, its tables and its keys live behind the facade.
BEHIND_FACADE = ("sqlalchemy", "sqlcipher3", "stodapp.store.database", "stodapp.store.keyslots",
                 "stodapp.store.keyring", "stodapp.store.migrations", "stodapp.service")  # fmt: skip


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}


def _imported(name: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """(imported module, line) for every import in the file; `from pkg import mod` counts as pkg.mod."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                full = f"{module}.{alias.name}"
                yield (full if full in known else module), node.lineno


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {name: {m for m, _line in _imported(name, path, known) if m in known and m != name}
            for name, path in known.items()}  # fmt: skip


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_circle_finder_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _circles(graph) == [["a", "b", "c"]]


def test_no_import_circle_spans_more_than_one_module() -> None:
    assert _circles(_graph()) == []


def test_feature_packages_never_import_the_facade() -> None:
    offenders = sorted(f"{name} imports {target}" for name, targets in _graph().items() for target in targets
                       if name.startswith("stodapp.") and not _under(name, ABOVE_FACADE)
                       and _under(target, ABOVE_FACADE))  # fmt: skip
    assert offenders == []


def _sources(*folders: str) -> Iterator[tuple[Path, ast.AST]]:
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_ui_and_cli_never_mention_the_service_context() -> None:
    offenders = [f"{path.relative_to(ROOT)}:{node.lineno}"
                 for path, tree in _sources("ui", "stodapp/cli") for node in ast.walk(tree)
                 if (isinstance(node, ast.Attribute) and node.attr == "ctx")
                 or (isinstance(node, ast.Name) and node.id == "ctx")]  # fmt: skip
    assert offenders == []


def test_ui_and_cli_never_build_a_service() -> None:
    def called(node: ast.Call) -> str:
        func = node.func
        return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""

    offenders = [f"{path.relative_to(ROOT)}:{node.lineno} {called(node)}"
                 for path, tree in _sources("ui", "stodapp/cli") for node in ast.walk(tree)
                 if isinstance(node, ast.Call) and called(node).endswith("Service")]  # fmt: skip
    assert offenders == []


def test_ui_never_reaches_behind_the_facade() -> None:
    known = _modules()
    offenders = [f"{name}:{line} {target}" for name, path in sorted(known.items()) if name.startswith("ui.")
                 for target, line in _imported(name, path, known) if _under(target, BEHIND_FACADE)]  # fmt: skip
    assert offenders == []


def test_roles_reach_ui_and_cli_as_the_enum_not_as_strings() -> None:
    from stodapp.roles import Role

    values = {r.value for r in Role}
    found = [f"{path.relative_to(ROOT)}:{node.lineno}"
             for path, tree in _sources("ui", "stodapp/cli") for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and node.value in values]
    assert not found, "use stodapp.roles.Role instead of its string values: " + ", ".join(found)
