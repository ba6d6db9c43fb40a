"""Registers the reports-of-concern area (orosanmälan) for caseworkers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from stodapp.i18n import N_
from stodapp.roles import Role
from ui.areas import AreaSpec

if TYPE_CHECKING:
    from stodapp.core import Core


def _make(core: Core, parent: QWidget) -> QWidget:
    from ui.concerns.panel import ConcernsPanel

    return ConcernsPanel(core, parent)


def area() -> AreaSpec:
    return AreaSpec("concerns", N_("Orosanmälningar"), frozenset({Role.CASEWORKER}), _make, icon="concerns")
