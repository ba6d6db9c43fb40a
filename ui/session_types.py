"""The two kinds of signed-in session the window works with, as one type for annotations only (importing it at
run time costs nothing: the facades are imported for type checking alone, so the first paint stays light)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from stodapp.core import Core
    from stodapp.server.gui_core import ServerCore

    SessionCore: TypeAlias = Core | ServerCore
