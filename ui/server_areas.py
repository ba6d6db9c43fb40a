"""Areas in server mode: the ones the server offers keep (or swap) their factory, the others show a placeholder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QWidget

from stodapp.roles import Role
from ui.areas import AreaSpec


def _cases(core: Any, parent: QWidget) -> QWidget:
    from ui.cases.server_cases_area import ServerCasesArea

    return ServerCasesArea(core.case_screens, parent)


def _checklists(core: Any, parent: QWidget) -> QWidget:
    """Caseworkers run checklists on their cases; the supervisor's organisation self-assessment is not on the
    server (yet), so a supervisor sees the placeholder."""
    if core.principal.role != Role.CASEWORKER:
        return _placeholder(core, parent)
    from ui.checklists.server_checklist_page import ServerChecklistPage

    return ServerChecklistPage(core.checklist_screens, parent)


def _summary(core: Any, parent: QWidget) -> QWidget:
    """The supervisor's statistics over the whole unit (the local summary panel on `core.summary`)."""
    from ui.summary.server_summary_area import ServerSummaryArea

    return ServerSummaryArea(core, parent)


def _admin(core: Any, parent: QWidget) -> QWidget:
    """The unit's users on its server (list, add, disable, reset a passphrase); the local store's other tabs
    (backups, gallring, content packs, …) are not on the server (yet)."""
    from ui.admin.server_users_panel import ServerUsersPanel

    return ServerUsersPanel(core, parent)


#: area id -> factory(server core, parent) of the areas that work on the server today
SERVER_FACTORIES: dict[str, Callable[[Any, QWidget], QWidget]] = {
    "cases": _cases, "checklists": _checklists, "summary": _summary, "admin": _admin}


def _placeholder(_core: Any, parent: QWidget) -> QWidget:
    from ui.server_placeholder import ServerPlaceholder

    return ServerPlaceholder(parent)


def for_server(specs: list[AreaSpec]) -> list[AreaSpec]:
    return [replace(spec, factory=SERVER_FACTORIES.get(spec.id, _placeholder)) for spec in specs]
