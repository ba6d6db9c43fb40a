"""What the server's user panel and its dialogs need of the server facade (`stodapp.server.gui_core.ServerCore`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from stodapp.auth import Principal
    from stodapp.changes import Change
    from stodapp.roles import Role
    from stodapp.server.provision import ServerUser


class ServerUsersAdmin(Protocol):
    """The unit's users on its server; every write runs as the owner role, whose password is typed each time. New key
    slots get the KDF measured on this machine, as `stodapp server users add` does."""

    @property
    def principal(self) -> Principal: ...

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]: ...

    def list_users(self) -> list[ServerUser]: ...

    def add_user(self, owner: str, owner_password: str | None, username: str, role: Role,
                 passphrase: str) -> ServerUser: ...

    def disable_user(self, owner: str, owner_password: str | None, username: str) -> ServerUser: ...

    def reset_passphrase(self, owner: str, owner_password: str | None, username: str, new: str) -> None: ...
