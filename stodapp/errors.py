"""Error hierarchy. Every message is one line, safe to show and log: never case content, keys or passphrases.

StodError
 ├── UserInputError          bad input from a person or a file (exit 2 in the CLI)
 │    ├── ValidationFailed   a data file or form failed validation (carries the error lines)
 │    └── PassphrasePolicyError
 ├── AuthError               wrong passphrase / recovery key, unknown or disabled user
 │    └── Throttled          too many failures: wait `retry_after` seconds
 ├── AccessDenied            the role or assignment does not allow the action
 ├── StoreError              the store cannot be used as asked
 │    ├── StoreMissing       no store in the data dir
 │    ├── StoreExists        refusing to overwrite an existing store
 │    ├── StoreCorrupt       integrity check failed / not an encrypted store (never opened writable)
 │    ├── StoreLocked        another stodapp process holds the store
 │    ├── KeySlotError       key-slot file missing, edited or unreadable
 │    ├── DiskError          read-only directory or disk full; nothing was changed
 │    ├── MigrationError     a migration failed; the old version is intact
 │    └── Conflict           someone else changed the record since it was read; nothing was written
 └── NotFound                a record that does not exist (or that the user may not know exists)
"""

from __future__ import annotations

from collections.abc import Sequence


class StodError(Exception):
    """Base class: `str(err)` is a single user-facing line."""

    exit_code = 1


class UserInputError(StodError):
    exit_code = 2


class ValidationFailed(UserInputError):
    """Validation errors with one line per problem (file:line: field.path: message)."""

    def __init__(self, summary: str, lines: Sequence[str] = ()) -> None:
        super().__init__(summary)
        self.lines: tuple[str, ...] = tuple(lines)


class PassphrasePolicyError(UserInputError):
    pass


class AuthError(StodError):
    exit_code = 3


class Throttled(AuthError):
    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ReauthRequired(AuthError):
    """An export or print needs the passphrase again: the last sign-in or confirmation is older than the step-up
    window (`SettingsService.step_up_minutes`). The caller asks for it, calls `Core.reauthenticate`, and retries."""


class AccessDenied(StodError):
    exit_code = 4


class StoreError(StodError):
    exit_code = 5


class StoreMissing(StoreError):
    pass


class StoreExists(StoreError):
    pass


class StoreCorrupt(StoreError):
    pass


class StoreLocked(StoreError):
    pass


class KeySlotError(StoreError):
    pass


class DiskError(StoreError):
    pass


class MigrationError(StoreError):
    pass


class Conflict(StoreError):
    """A stale write (the record's version moved on): refused whole, so neither writer's change is lost."""

    exit_code = 7


class NotFound(StodError):
    exit_code = 6
