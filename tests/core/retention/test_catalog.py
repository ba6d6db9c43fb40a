"""Every Swedish source string in the retention modules has an English translation in stodapp.po."""

from __future__ import annotations

import ast
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
FILES = ["stodapp/retention/service.py", "stodapp/retention/rules.py", "stodapp/retention/subject_access.py",
         "stodapp/cli/retention.py"]


def _msgids(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.add(node.args[0].value)
    return found


def test_all_retention_strings_are_translated() -> None:
    with (ROOT / "resources/translations/en/LC_MESSAGES/stodapp.po").open("rb") as fh:
        catalog = read_po(fh)
    translated = {m.id for m in catalog if m.id and m.string}
    wanted = set().union(*(_msgids(ROOT / f) for f in FILES))
    assert len(wanted) >= 15
    assert wanted - translated == set()
