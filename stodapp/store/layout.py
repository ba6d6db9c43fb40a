"""The files of a store in its data dir, and the single-instance lock."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from stodapp.errors import StoreLocked
from stodapp.i18n import _
from stodapp.store.files import disk_error

DB_NAME = "stodapp.db"
KEYSLOTS_NAME = "keyslots.json"
LOCK_NAME = "stodapp.lock"


def _private_opener(path: str, flags: int) -> int:
    return os.open(path, flags, 0o600)


@dataclass(frozen=True)
class StoreFiles:
    data_dir: Path

    @property
    def db(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def keyslots(self) -> Path:
        return self.data_dir / KEYSLOTS_NAME

    @property
    def pending_keyslots(self) -> Path:
        return self.data_dir / (KEYSLOTS_NAME + ".new")

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"

    def exists(self) -> bool:
        return self.db.exists() or self.keyslots.exists()


# Locks this process holds: path -> (file handle, holders). Several Cores in one process (e.g. a test or a
# supervisor view beside a caseworker view) share the OS lock; another process is refused.
_HELD: dict[str, tuple[IO[str], int]] = {}


class InstanceLock:
    """An OS file lock: a second stodapp process on the same store gets StoreLocked instead of corrupting it."""

    def __init__(self, data_dir: Path) -> None:
        self._path = data_dir / LOCK_NAME
        self._fh: IO[str] | None = None
        self._key = str(self._path.resolve())

    def acquire(self) -> None:
        if self._key in _HELD:
            fh, holders = _HELD[self._key]
            _HELD[self._key] = (fh, holders + 1)
            self._fh = fh
            return
        try:
            fh = open(self._path, "a+", encoding="ascii", opener=_private_opener)  # noqa: SIM115 - held for the session
        except OSError as err:
            raise disk_error(err, LOCK_NAME) from None
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise StoreLocked(_("stodapp är redan öppet mot den här datamappen (en annan instans)")) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh
        _HELD[self._key] = (fh, 1)

    def release(self) -> None:
        if self._fh is None:
            return
        fh, holders = _HELD.get(self._key, (self._fh, 1))
        self._fh = None
        if holders > 1:
            _HELD[self._key] = (fh, holders - 1)
            return
        _HELD.pop(self._key, None)
        fh.close()
