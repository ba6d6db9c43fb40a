"""Loading definition files and folders: the shipped files, the documented example, broken files listed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stodapp.checklists.loader import load_folder
from stodapp.checklists.validate import load_definition_file, parse_definition_text
from stodapp.errors import ValidationFailed

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ROOT / "checklists"


def doc_example() -> str:
    text = (ROOT / "docs" / "checklist-format.md").read_text(encoding="utf-8")
    match = re.search(r"## Complete example.*?```yaml\n(.*?)```", text, re.S)
    assert match is not None
    return match.group(1)


def test_documented_example_validates() -> None:
    definition = parse_definition_text(doc_example(), "doc.yaml")
    kinds = set()
    for section in definition.sections:
        for item in section.items:
            kinds.add(item.kind)
    assert kinds == {"choice", "multi_choice", "text", "date", "number", "repeat_group"}
    assert {s.type for s in definition.scores} == {"count", "weighted_sum", "sum_values", "bins", "rule"}
    assert {j.override.allowed for j in definition.judgements if j.override} == {"any", "raise_only", "none"}


def test_screening_validates() -> None:
    definition = load_definition_file(SHIPPED / "01_screening.yaml")
    assert definition.id == "se.stodapp.vinr.screening"
    assert definition.provenance.validated is False
    assert "en" in definition.locales


@pytest.mark.parametrize("path", sorted(SHIPPED.glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_checklist_validates(path: Path) -> None:
    load_definition_file(path)


def test_one_broken_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "01_ok.yaml").write_text((SHIPPED / "01_screening.yaml").read_text("utf-8"), "utf-8")
    (tmp_path / "02_bad.yaml").write_text("id: x\n", "utf-8")
    (tmp_path / "03_latin1.yaml").write_bytes("title: {sv: 'våld'}\n".encode("latin-1"))
    (tmp_path / "notes.txt").write_text("ignored", "utf-8")
    result = load_folder(tmp_path)
    assert [e.path.name for e in result.loaded] == ["01_ok.yaml"]
    assert [b.path.name for b in result.broken] == ["02_bad.yaml", "03_latin1.yaml"]
    assert any("version: fältet saknas" in line for line in result.broken[0].errors)
    assert "UTF-8" in result.broken[1].errors[0]


def test_duplicate_id_and_version_in_folder(tmp_path: Path) -> None:
    text = (SHIPPED / "01_screening.yaml").read_text("utf-8")
    (tmp_path / "a.yaml").write_text(text, "utf-8")
    (tmp_path / "b.yaml").write_text(text, "utf-8")
    result = load_folder(tmp_path)
    assert len(result.loaded) == 1 and len(result.broken) == 1
    assert "finns redan" in result.broken[0].errors[0]


def test_error_lines_name_file_line_and_path(tmp_path: Path) -> None:
    text = (SHIPPED / "01_screening.yaml").read_text("utf-8").replace("scale: kanal\n", "scale: kanalx\n", 1)
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, "utf-8")
    with pytest.raises(ValidationFailed) as info:
        load_definition_file(bad)
    (line,) = info.value.lines
    expected_line = text.splitlines().index("        scale: kanalx") + 1
    assert line == f"{bad}:{expected_line}: sections[0].items[0].scale: okänd skala 'kanalx'"
