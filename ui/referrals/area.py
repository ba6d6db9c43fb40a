"""Registers the referral directory area (all roles may search)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from stodapp.i18n import N_
from stodapp.roles import Role
from ui.areas import AreaSpec

if TYPE_CHECKING:
    from stodapp.core import Core


def _make(core: Core, parent: QWidget) -> QWidget:
    from ui.referrals.search_panel import ReferralSearchPanel

    return ReferralSearchPanel(core.referrals, parent, now=core.clock.now)  # the directory loads off-thread


def area() -> AreaSpec:
    roles = frozenset(Role)
    return AreaSpec("referrals", N_("Stödkatalog"), roles, _make, icon="referrals")
