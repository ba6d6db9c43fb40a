"""Load every definition in a folder: broken files are listed with their errors and never stop the others."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from stodapp.checklists.schema import ChecklistDefinition
from stodapp.checklists.validate import load_definition_file
from stodapp.errors import ValidationFailed

SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class LoadedChecklist:
    path: Path
    definition: ChecklistDefinition


@dataclass(frozen=True)
class BrokenChecklist:
    path: Path
    summary: str
    errors: tuple[str, ...]


@dataclass(frozen=True)
class FolderResult:
    loaded: tuple[LoadedChecklist, ...]
    broken: tuple[BrokenChecklist, ...]

    def by_id(self, definition_id: str) -> ChecklistDefinition | None:
        for entry in self.loaded:
            if entry.definition.id == definition_id:
                return entry.definition
        return None


def definition_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def load_folder(folder: Path) -> FolderResult:
    """Every definition in `folder`, by name; a second file with the same id+version is broken."""
    loaded: list[LoadedChecklist] = []
    broken: list[BrokenChecklist] = []
    seen: dict[tuple[str, str], Path] = {}
    for path in definition_files(folder):
        try:
            definition = load_definition_file(path)
        except ValidationFailed as err:
            broken.append(BrokenChecklist(path, str(err), err.lines or (str(err),)))
            continue
        key = (definition.id, definition.version)
        if key in seen:
            line = f"{path}:1: id: {definition.id} {definition.version} finns redan i {seen[key].name}"
            broken.append(BrokenChecklist(path, f"{path}: dubblett", (line,)))
            continue
        seen[key] = path
        loaded.append(LoadedChecklist(path, definition))
    return FolderResult(tuple(loaded), tuple(broken))
