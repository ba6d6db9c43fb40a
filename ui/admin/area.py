"""Registers the administration area (role: administrator)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from stodapp.i18n import N_
from stodapp.roles import Role
from ui.areas import AreaSpec

if TYPE_CHECKING:
    from stodapp.core import Core


def _make(core: Core, parent: QWidget) -> QWidget:
    from ui.admin.admin_area import AdminArea

    return AdminArea(core, parent)


def area() -> AreaSpec:
    return AreaSpec("admin", N_("Administration"), frozenset({Role.ADMIN}), _make, icon="admin")
