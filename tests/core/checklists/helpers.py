"""Shared test helpers: fixture definitions and a fixed time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from stodapp.checklists.schema import ChecklistDefinition
from stodapp.checklists.validate import load_definition_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parents[3]
AT = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


def fixture(name: str) -> ChecklistDefinition:
    return load_definition_file(FIXTURES / name)


def shipped(name: str) -> ChecklistDefinition:
    return load_definition_file(ROOT / "checklists" / name)
