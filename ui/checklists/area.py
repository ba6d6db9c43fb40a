"""Registers the Checklistor area (caseworkers: case assessments; supervisors: organisation self-assessment)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from stodapp.i18n import N_
from stodapp.roles import Role
from ui.areas import AreaSpec

if TYPE_CHECKING:
    from stodapp.core import Core


def _make(core: Core, parent: QWidget) -> QWidget:
    from ui.checklists.checklist_page import ChecklistPage

    return ChecklistPage(core, parent)


def area() -> AreaSpec:
    return AreaSpec("checklists", N_("Checklistor"), frozenset({Role.CASEWORKER, Role.SUPERVISOR}), _make,
                    icon="checklists")
