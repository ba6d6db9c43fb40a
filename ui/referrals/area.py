"""Registers the referral directory area (all roles may search)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from stodapp.i18n import N_
from ui.areas import AreaSpec


def _make(core: Any, parent: QWidget) -> QWidget:
    from stodapp.referrals.service import ReferralService
    from ui.referrals.search_panel import ReferralSearchPanel

    directory = ReferralService(core.ctx).directory()
    return ReferralSearchPanel(directory, parent, now=core.clock.now)


def area() -> AreaSpec:
    roles = frozenset({"administrator", "handlaggare", "utbildare", "arbetsledare"})
    return AreaSpec("referrals", N_("Stödkatalog"), roles, _make, icon="referrals")
