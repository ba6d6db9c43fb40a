"""Registers the summary area: statistics for supervisors, the audit review for supervisors and administrators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from stodapp.i18n import N_
from stodapp.roles import Role
from ui.areas import AreaSpec

if TYPE_CHECKING:
    from stodapp.core import Core


def _make(core: Core, parent: QWidget) -> QWidget:
    from ui.summary.summary_area import SummaryAreaWidget

    return SummaryAreaWidget(core, parent)


def area() -> AreaSpec:
    return AreaSpec("summary", N_("Sammanställning"), frozenset({Role.SUPERVISOR, Role.ADMIN}), _make,
                    icon="summary")
