"""Shared fixtures for training tests: shipped checklists, shipped vignettes, ratings-file builders."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from stodapp.checklists.loader import load_folder
from stodapp.checklists.schema import ChecklistDefinition
from stodapp.paths import checklist_dir, resource_dir
from stodapp.training.agreement_io import reference_from_vignette
from stodapp.training.ratings import dump_ratings
from stodapp.training.vignettes import Vignette, load_vignettes


@pytest.fixture(scope="session")
def definitions() -> dict[tuple[str, str], ChecklistDefinition]:
    loaded = load_folder(checklist_dir()).loaded
    return {(e.definition.id, e.definition.version): e.definition for e in loaded}


@pytest.fixture(scope="session")
def vignettes(definitions: dict[tuple[str, str], ChecklistDefinition]) -> list[Vignette]:
    return load_vignettes(resource_dir() / "training", list(definitions.values()))


@pytest.fixture
def vignette(vignettes: list[Vignette]) -> Vignette:
    return next(v for v in vignettes if v.id == "barn-berattar")


@pytest.fixture
def reference_data(vignette: Vignette) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(dump_ratings(reference_from_vignette(vignette)))
    return data


MakeTrainee = Callable[..., dict[str, Any]]


@pytest.fixture
def make_trainee(reference_data: dict[str, Any]) -> MakeTrainee:
    """A trainee file: the reference with changes = {(checklist index, kind, item): code}."""

    def make(name: str, changes: dict[tuple[int, str, str], Any] | None = None) -> dict[str, Any]:
        data = copy.deepcopy(reference_data)
        data["role"] = "trainee"
        data["trainee"] = name
        for cl in data["checklists"]:
            cl.pop("rationale", None)
        for (idx, kind, item), code in (changes or {}).items():
            data["checklists"][idx][kind][item] = code
        return data

    return make


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
