"""run_op: the one helper for background work (key derivation, long queries, PDFs, screen loads).

`run_op` shows a busy indicator for slow work; `ScreenLoader` uses it to load a screen's view model off the GUI
thread (the screen shows its own loading state) and drops results a newer load has overtaken."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QProgressDialog

from stodapp.i18n import _

T = TypeVar("T")

#: Show the busy indicator only when an operation takes longer than this (milliseconds).
SHOW_AFTER_MS = 350


class OpHandle(QObject):
    """One running operation; lives in the GUI thread, so its signals land there."""

    sig_finished = Signal(object)
    """Emitted (queued, GUI thread) with the operation's result."""
    sig_failed = Signal(object)
    """Emitted (queued, GUI thread) with the exception the operation raised."""

    _running: set[OpHandle] = set()

    def __init__(self, parent: QWidget | None, label: str,
                 indicator: Callable[[bool], Any] | None = None) -> None:
        super().__init__(None)
        self.done = False
        self._parent = parent
        self._label = label
        self._indicator = indicator
        self._indicating = False
        self._progress: QProgressDialog | None = None

    def show_progress(self) -> None:
        if self.done:
            return
        if self._indicator is not None:  # the caller shows its own busy indicator in place
            self._indicating = True
            self._indicator(True)
            return
        if self._parent is None:
            return
        try:
            window = self._parent.window()
        except RuntimeError:  # parent already deleted
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        dlg = QProgressDialog(self._label or _("Arbetar…"), "", 0, 0, window)
        dlg.setCancelButton(None)
        dlg.setWindowTitle(_("Vänta"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setAccessibleName(_("Pågående arbete"))
        dlg.setMinimumDuration(0)
        dlg.show()
        self._progress = dlg

    orphaned = False

    def orphan(self) -> None:
        """The widget that asked is gone: finish without calling back."""
        self.orphaned = True

    def finish(self) -> None:
        self.done = True
        if self._indicating and self._indicator is not None:
            self._indicating = False
            self._indicator(False)
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        OpHandle._running.discard(self)


def run_op(
    parent: QWidget | None,
    op: Callable[[], T],
    on_done: Callable[[T], Any],
    on_error: Callable[[BaseException], Any] | None = None,
    *,
    label: str = "",
    indicator: Callable[[bool], Any] | None = None,
) -> OpHandle:
    """Run `op()` on a worker thread; call `on_done(result)` or `on_error(exc)` back on the GUI thread.

    `op` must never touch widgets. A modal busy indicator appears if the work takes longer than
    SHOW_AFTER_MS; with `indicator`, that callback is called with True instead (the caller shows its own
    indicator in place, e.g. the unlock form) and with False when the work ends, before `on_done`/`on_error`.
    Without `on_error` the error is shown in a message box (its one-line message only). Once `parent` is
    deleted (a screen closed, the session locked), neither callback runs.
    """
    from PySide6.QtCore import Qt  # here, not at module level: the Qt namespace is slow to create

    handle = OpHandle(parent, label, indicator)
    OpHandle._running.add(handle)
    if parent is not None:
        parent.destroyed.connect(handle.orphan)

    def finished(result: object) -> None:
        handle.finish()
        if not handle.orphaned:
            on_done(result)  # type: ignore[arg-type]

    def failed(exc: object) -> None:
        handle.finish()
        assert isinstance(exc, BaseException)
        if handle.orphaned:
            return
        from ui import step_up

        if step_up.ask(parent, exc):  # an export or print that needs the passphrase again: confirmed, rerun
            run_op(parent, op, on_done, on_error, label=label)
            return
        if on_error is not None:
            on_error(exc)
        else:
            show_error(parent, exc)

    handle.sig_finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    handle.sig_failed.connect(failed, Qt.ConnectionType.QueuedConnection)

    def work() -> None:
        try:
            result = op()
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, never swallowed
            handle.sig_failed.emit(exc)
        else:
            handle.sig_finished.emit(result)
        finally:
            _workers.discard(threading.current_thread())

    worker = threading.Thread(target=work, name="stodapp-op", daemon=True)
    _workers.add(worker)
    worker.start()
    QTimer.singleShot(SHOW_AFTER_MS, handle.show_progress)
    return handle


#: Worker threads still running: the process waits for them before it ends (`wait_for_workers`).
_workers: set[threading.Thread] = set()


def wait_for_workers(timeout_s: float = 30.0) -> bool:
    """Block until every background operation has finished (at most `timeout_s`); True when none is left.

    Called when the application ends: a save still under way then commits (or rolls back) whole instead of being
    cut off, and no worker is torn down inside Qt's C++ code while Python shuts down, which aborts the process
    ("FATAL: exception not rethrown"). Their results are not delivered any more (the event loop has ended)."""
    import time

    deadline = time.monotonic() + timeout_s
    for worker in list(_workers):
        worker.join(max(0.0, deadline - time.monotonic()))
    return not any(w.is_alive() for w in list(_workers))


class ScreenLoader(QObject):
    """Loads one screen's view model at a time off the GUI thread, through `run_op`; the screen shows its own
    loading state (no modal indicator).

    Each `load` supersedes the ones before it: a result (or error) of an older load that arrives later is
    dropped, so a slow read of the case clicked first never replaces the case clicked last."""

    sig_idle = Signal()
    """Emitted (GUI thread) after the newest load's result or error has been handed over."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._owner = parent
        self._generation = 0
        self._pending = 0  # generation still loading, 0 when idle

    @property
    def loading(self) -> bool:
        return self._pending != 0

    def load(self, op: Callable[[], T], on_done: Callable[[T], Any],
             on_error: Callable[[BaseException], Any]) -> None:  # fmt: skip
        self._generation += 1
        generation = self._pending = self._generation

        def done(result: T) -> None:
            if generation == self._generation:
                self._pending = 0
                on_done(result)
                self.sig_idle.emit()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._pending = 0
                on_error(exc)
                self.sig_idle.emit()

        run_op(self._owner, op, done, failed, indicator=_shown_in_place)

    def cancel(self) -> None:
        """Drop whatever is still loading (the screen shows something else now)."""
        self._generation += 1
        self._pending = 0


def _shown_in_place(_on: bool) -> None:
    """A screen load's indicator: the screen already says it is loading, so no modal dialog."""


def error_text(exc: BaseException) -> str:
    """The one line a person sees: StodError messages are safe; anything else is named, never echoed."""
    from stodapp.errors import StodError

    if isinstance(exc, StodError):
        return str(exc)
    return _("Ett internt fel inträffade ({name}).").format(name=type(exc).__name__)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Warning, _("Fel"), error_text(exc), QMessageBox.StandardButton.Ok,
                      parent)
    box.setAccessibleName(_("Felmeddelande"))
    box.open()
