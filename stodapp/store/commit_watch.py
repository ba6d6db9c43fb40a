"""Counting committed transactions on an engine (the store interface's `watch_commits`, for benches)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def watch_engine_commits(engine: Engine, listener: Callable[[], None]) -> Callable[[], None]:
    """Call `listener` after every commit on `engine`; returns the function that stops it (harmless twice)."""
    from sqlalchemy import event

    def committed(_conn: Any) -> None:
        listener()

    event.listen(engine, "commit", committed)

    def stop() -> None:
        if event.contains(engine, "commit", committed):
            event.remove(engine, "commit", committed)

    return stop
