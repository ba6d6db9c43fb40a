"""The registry of main-window areas: which exist, in which order, for which roles.

A feature adds its area by creating `ui/<feature>/area.py` with a function `area() -> AreaSpec`
(listed in AREA_MODULES below, discovered like the CLI groups). A module that does not exist yet means
the area is simply absent: there are no dead navigation buttons.

    # ui/cases/area.py
    from stodapp.i18n import N_
    from ui.areas import AreaSpec

    def area() -> AreaSpec:
        from ui.cases.case_list import CaseListWidget   # import the heavy widget only when used
        return AreaSpec("cases", N_("Ärenden"), frozenset({Role.CASEWORKER}),
                        lambda core, parent: CaseListWidget(core, parent), icon="cases")

The factory receives the signed-in core and the parent widget. The main window destroys the widget on
lock, sign-out and language switch and calls the factory again afterwards, so a widget must load its
data from the core in its constructor and keep no case data anywhere else. A widget may define a
`sig_settings_changed` signal; the main window re-reads session settings (idle-lock time) when it fires.

To bring the user back to where she was after a lock or a language switch, a widget may define
`view_state(keep_text: bool) -> dict` (plain ids, codes and choices; typed text only when `keep_text`,
i.e. a language switch; never names or note text) and `restore_view_state(state)`, called right after
the factory built it again. The host also keeps the current page of each QTabWidget in the area.
Each area id has a page in the user guide, resources/guide/<lang>/<id>.html (tests/ui/test_guide.py).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from stodapp.roles import Role

#: Navigation order. Role values are stodapp.auth.Role values (plain strings so this stays import-light).
AREA_MODULES: tuple[str, ...] = (
    "ui.cases.area",
    "ui.checklists.area",
    "ui.concerns.area",
    "ui.referrals.area",
    "ui.training.area",
    "ui.summary.area",
    "ui.admin.area",
)


@dataclass(frozen=True)
class AreaSpec:
    id: str
    label: str  # Swedish source string marked with N_; translated when shown
    roles: frozenset[Role]
    factory: Callable[[Any, QWidget], QWidget]
    icon: str = ""  # name of resources/icons/<icon>.svg, or ""

    def visible_for(self, role: str) -> bool:
        return str(role) in self.roles


def discover(modules: Iterable[str] = AREA_MODULES) -> list[AreaSpec]:
    """The areas that exist, in navigation order. A missing module is skipped; a broken one is an error."""
    specs: list[AreaSpec] = []
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name is not None and name.startswith(err.name):
                continue  # the feature has not landed yet
            raise
        spec = module.area()
        if not isinstance(spec, AreaSpec):
            raise TypeError(f"{name}.area() must return an AreaSpec")
        specs.append(spec)
    return specs


def for_role(specs: Iterable[AreaSpec], role: str) -> list[AreaSpec]:
    return [s for s in specs if s.visible_for(role)]
