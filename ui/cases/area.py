"""Registers the cases area (role: caseworker)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from stodapp.i18n import N_
from ui.areas import AreaSpec


def _make(core: Any, parent: QWidget) -> QWidget:
    from ui.cases.cases_area import CasesArea

    return CasesArea(core.cases, parent, referrals=core.referrals)


def area() -> AreaSpec:
    return AreaSpec("cases", N_("Ärenden"), frozenset({"handlaggare"}), _make, icon="cases")
