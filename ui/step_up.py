"""Step-up before export and print in the GUI: when the core says the passphrase is needed again
(`ReauthRequired`), ask for it, confirm it with the signed-in core, and run the export once more.

The main window installs a `confirm` function for its core (and removes it when it locks); views call
`call(parent, op)` for work on the GUI thread, and `ui.tasks.run_op` retries worker jobs the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from stodapp.errors import ReauthRequired

if TYPE_CHECKING:
    from ui.session_types import SessionCore

T = TypeVar("T")

# (parent, message) -> True when the user gave the right passphrase (the core is confirmed again)
Confirm = Callable[[Any, str], bool]
_confirm: Confirm | None = None


def install(confirm: Confirm | None) -> None:
    global _confirm  # noqa: PLW0603 - one signed-in core per GUI process
    _confirm = confirm


def ask(parent: Any, exc: BaseException) -> bool:
    """True when `exc` asked for a step-up and the user confirmed: the caller runs the job again."""
    return isinstance(exc, ReauthRequired) and _confirm is not None and _confirm(parent, str(exc))


def confirm_now(parent: Any, message: str) -> bool:
    """Ask for the passphrase now, whatever the step-up window says (before an irreversible deletion).
    False when the user cancels, gives a wrong passphrase, or no signed-in window installed a confirm."""
    return _confirm is not None and _confirm(parent, message)


def call(parent: Any, op: Callable[[], T]) -> T:
    """`op()`, asking for the passphrase once if it needs a step-up; ReauthRequired again if the user cancels."""
    try:
        return op()
    except ReauthRequired as exc:
        if not ask(parent, exc):
            raise
        return op()


def passphrase_dialog(core: SessionCore) -> Confirm:
    """The main window's confirm: a password field; a wrong passphrase is said and counted (throttled)."""

    def confirm(parent: Any, message: str) -> bool:
        from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

        from stodapp.errors import AuthError
        from stodapp.i18n import _

        text, ok = QInputDialog.getText(parent, _("Bekräfta med lösenfras"), message,
                                        QLineEdit.EchoMode.Password)
        if not ok or not text:
            return False
        try:
            core.reauthenticate(text)
        except AuthError as err:
            QMessageBox.warning(parent, _("Bekräfta med lösenfras"), str(err))
            return False
        return True

    return confirm
