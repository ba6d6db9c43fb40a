"""Areas in server mode: the ones the server offers keep (or swap) their factory, the others show a placeholder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QWidget

from ui.areas import AreaSpec


def _cases(core: Any, parent: QWidget) -> QWidget:
    from ui.cases.server_cases_area import ServerCasesArea

    return ServerCasesArea(core.case_screens, parent)


#: area id -> factory(server core, parent) of the areas that work on the server today
SERVER_FACTORIES: dict[str, Callable[[Any, QWidget], QWidget]] = {"cases": _cases}


def _placeholder(_core: Any, parent: QWidget) -> QWidget:
    from ui.server_placeholder import ServerPlaceholder

    return ServerPlaceholder(parent)


def for_server(specs: list[AreaSpec]) -> list[AreaSpec]:
    return [replace(spec, factory=SERVER_FACTORIES.get(spec.id, _placeholder)) for spec in specs]
