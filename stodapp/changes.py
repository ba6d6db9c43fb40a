"""The small record every service write returns, so the UI redraws only what changed."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from pydantic import BaseModel, ConfigDict

_log = logging.getLogger(__name__)


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    area: str  # e.g. "cases", "assessments", "users"
    action: str  # e.g. "created", "updated", "signed"
    ids: tuple[str, ...] = ()


Listener = Callable[[Change], None]


class ChangeFeed:
    """Who hears about committed writes: the GUI's change bus subscribes once and turns each into a Qt signal.

    Services publish after their transaction committed; a listener that fails is logged by type only and never
    undoes the write (the change record carries ids, never case content, but nothing of it is logged either).
    """

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()  # writes may run on the background helper's thread

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add `listener`; the returned function removes it again."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def publish(self, change: Change) -> Change:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(change)
            except Exception as exc:  # noqa: BLE001 - the write is committed; a listener must not turn it into an error
                _log.warning("change listener failed: %s", type(exc).__name__)
        return change
