"""Every user-visible string of the concerns UI has an English translation in some catalog part."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CATALOGS = ROOT / "resources" / "translations" / "en" / "LC_MESSAGES"


def _translated(path: Path) -> set[str]:
    """msgids with a non-empty msgstr (single and plural forms)."""
    done: set[str] = set()
    msgid: list[str] = []
    state = ""
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if line.startswith("msgid "):
            msgid, state = [ast.literal_eval(line[6:])], "id"
        elif line.startswith("msgstr") and state == "id":
            value = ast.literal_eval(line.split(" ", 1)[1])
            if value:
                done.add("".join(msgid))
            state = "str"
        elif line.startswith('"') and state == "id":
            msgid.append(ast.literal_eval(line))
        elif line.startswith('"') and state == "str" and ast.literal_eval(line):
            done.add("".join(msgid))
    return done


def _ui_strings() -> set[str]:
    found: set[str] = set()
    for source in (ROOT / "ui" / "concerns").glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_"):
                if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    found.add(node.args[0].value)
    return found


def test_every_concerns_ui_string_is_translated() -> None:
    translated: set[str] = set()
    for po in [CATALOGS / "stodapp.po"]:
        if po.exists():
            translated |= _translated(po)
    strings = _ui_strings()
    assert len(strings) > 100
    assert sorted(strings - translated) == []
