"""ChangeBus: every committed write of the session as one Qt signal; each view subscribes to the areas it shows.

The core publishes a `Change` (area, action, ids) after each commit, from whatever thread wrote (the background
helper or the GUI thread). The bus re-emits it queued, so a view refreshes on the GUI thread, after the writer
has let go of the store, and only when an area it shows changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot

from stodapp.changes import Change

if TYPE_CHECKING:
    from stodapp.core import Core


class _Watch(QObject):
    """One subscription: lives as a child of the view, so it ends when the view is deleted."""

    def __init__(self, areas: frozenset[str], slot: Callable[[Change], None], owner: QObject) -> None:
        super().__init__(owner)
        self._areas = areas
        self._slot = slot

    @Slot(object)
    def deliver(self, change: object) -> None:
        if isinstance(change, Change) and change.area in self._areas:
            self._slot(change)


class ChangeBus(QObject):
    sig_change = Signal(object)
    """Emitted (queued, on the GUI thread) with each committed `Change` of the session."""

    _sig_published = Signal(object)  # emitted on the writer's thread; delivered queued as sig_change

    def __init__(self, core: Core, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sig_published.connect(self.sig_change.emit, Qt.ConnectionType.QueuedConnection)
        self._stop = core.subscribe(self._sig_published.emit)

    def watch(self, areas: Iterable[str], slot: Callable[[Change], None], owner: QObject) -> None:
        """Call `slot(change)` for each change in one of `areas` while `owner` lives."""
        watch = _Watch(frozenset(areas), slot, owner)
        self.sig_change.connect(watch.deliver)

    def close(self) -> None:
        """Stop listening to the core (at lock or close); views keep their last state."""
        self._stop()

