"""One way to hold a text in several languages: no module in stodapp/ defines its own sv/en text fields.

Texts written in code are gettext messages; texts from data are `stodapp.localized_text.LocalizedText`. This
test reads every module's AST and fails on a class field named `…_sv` / `…_en` / `…_sv_easy` (a second
localized-text mechanism) and on a `Literal[...]` type that lists both "sv" and "en" (a home-made locale map),
anywhere but in stodapp/localized_text.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from stodapp.i18n_extract import root_dir

ROOT = root_dir()
HOME = "stodapp/localized_text.py"
FIELD = re.compile(r"^\w+_(sv|en|sv_easy)$")


def _literal_members(node: ast.Subscript) -> set[str]:
    inner = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    return {e.value for e in inner if isinstance(e, ast.Constant) and isinstance(e.value, str)}


def offenders(root: Path) -> list[str]:
    found: list[str] = []
    for path in sorted((root / "stodapp").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel == HOME:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
                            and FIELD.match(stmt.target.id)):
                        found.append(f"{rel}:{stmt.lineno}: field {node.name}.{stmt.target.id}")
            if isinstance(node, ast.Subscript):
                name = node.value.id if isinstance(node.value, ast.Name) else getattr(node.value, "attr", "")
                if name == "Literal" and {"sv", "en"} <= _literal_members(node):
                    found.append(f"{rel}:{node.lineno}: Literal with sv and en")
    return found


def test_no_module_defines_its_own_localized_text() -> None:
    assert offenders(ROOT) == []


def test_the_check_finds_both_kinds(tmp_path: Path) -> None:
    (tmp_path / "stodapp").mkdir()
    (tmp_path / "stodapp" / "bad.py").write_text(
        "from typing import Literal\n"
        "class Rule:\n    title_sv: str\n    title_en: str = ''\n    title: str\n"
        "Texts = dict[Literal['sv', 'en'], str]\n"
        "Other = Literal['a', 'b']\n",
        encoding="utf-8",
    )
    assert offenders(tmp_path) == [
        "stodapp/bad.py:3: field Rule.title_sv",
        "stodapp/bad.py:4: field Rule.title_en",
        "stodapp/bad.py:6: Literal with sv and en",
    ]
