"""Registers the administration area (role: administrator)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from stodapp.i18n import N_
from ui.areas import AreaSpec


def _make(core: Any, parent: QWidget) -> QWidget:
    from ui.admin.admin_area import AdminArea

    return AdminArea(core, parent)


def area() -> AreaSpec:
    return AreaSpec("admin", N_("Administration"), frozenset({"administrator"}), _make, icon="admin")
