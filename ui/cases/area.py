"""Registers the cases area (role: caseworker)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from stodapp.i18n import N_
from stodapp.roles import Role
from ui.areas import AreaSpec

if TYPE_CHECKING:
    from stodapp.core import Core


def _make(core: Core, parent: QWidget) -> QWidget:
    from ui.cases.cases_area import CasesArea

    return CasesArea(core.cases, parent, referrals=core.referrals)


def area() -> AreaSpec:
    return AreaSpec("cases", N_("Ärenden"), frozenset({Role.CASEWORKER}), _make, icon="cases")
