"""Registers the reports-of-concern area (orosanmälan) for caseworkers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from stodapp.calendar_se import local_date
from stodapp.i18n import N_
from ui.areas import AreaSpec


def _make(core: Any, parent: QWidget) -> QWidget:
    from ui.concerns.case_source import CaseSource
    from ui.concerns.panel import ConcernsPanel

    service = getattr(core, "concerns", None)
    if service is None:
        from stodapp.concerns.service import ConcernService

        service = ConcernService(core.ctx)
    principal = core.principal
    return ConcernsPanel(service, CaseSource(core), lambda: local_date(core.clock.now()), parent,
                         reporter_name=principal.display_name or "")


def area() -> AreaSpec:
    return AreaSpec("concerns", N_("Orosanmälningar"), frozenset({"handlaggare"}), _make, icon="concerns")
