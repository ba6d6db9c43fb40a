"""Small file helpers: atomic writes and clear errors for read-only or full disks."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from stodapp.i18n import _

if TYPE_CHECKING:  # pydantic stays off the start-up path (the unlock window imports this module before its paint)
    from pydantic import BaseModel

from stodapp.errors import DiskError

M = TypeVar("M", bound="BaseModel")


@dataclass(frozen=True)
class JsonFileErrors:
    """The error to raise for each way a JSON file can be unusable (each caller words its own)."""

    missing: Callable[[], Exception]
    unreadable: Callable[[str], Exception]
    too_big: Callable[[], Exception]
    broken: Callable[[], Exception]


def disk_error(err: OSError, what: str) -> DiskError:
    if err.errno == errno.ENOSPC:
        return DiskError(_("disken är full: {what} sparades inte, inget har ändrats").format(what=what))
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DiskError(_("mappen är skrivskyddad: {what} sparades inte, inget har ändrats").format(what=what))
    return DiskError(
        _("{what} kunde inte skrivas ({strerror}); inget har ändrats").format(what=what, strerror=err.strerror)
    )


PRIVATE_UMASK = 0o077
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def restrict_umask() -> None:
    """At process start (CLI and GUI): everything created afterwards is readable by the user only. POSIX only;
    on Windows files inherit the user profile's ACL (the data dir lives under the profile)."""
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)


def make_private(path: Path, *, directory: bool = False) -> None:
    """Explicit mode on something we created (0700 folder, 0600 file) whatever the umask was. No-op on Windows."""
    if os.name != "posix":
        return
    try:
        os.chmod(path, PRIVATE_DIR if directory else PRIVATE_FILE)
    except OSError:
        pass  # not ours to change (e.g. an existing folder the user chose); never fail a save over it


def private_dir(path: Path) -> None:
    """Create a folder (and missing parents) 0700; an existing one is left as it is unless it is empty and ours."""
    existed = path.exists()
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    if not existed:
        make_private(path, directory=True)


def precreate_private(path: Path) -> None:
    """Create an empty 0600 file so SQLite (which copies the main file's mode to -wal/-shm) never makes a 0644 one."""
    if path.exists():
        return
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return
    os.close(fd)
    make_private(path)


def write_private(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """The one way the app saves a file the user asked for (CLI --out, UI save dialogs, exports): atomic, 0600,
    and with `overwrite=False` an existing file is refused. Raises DiskError/FileExistsError, never half a file."""
    if not overwrite and path.exists():
        raise FileExistsError(str(path))
    atomic_write(path, data)


def save_private(path: Path, data: bytes) -> None:
    """Atomic 0600 write that raises the plain OSError (UI save dialogs word their own message)."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        make_private(tmp)  # O_CREAT keeps an old leftover's mode: make it 0600 before it takes the name
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise


def atomic_write(path: Path, data: bytes) -> None:
    try:
        save_private(path, data)
    except OSError as err:
        raise disk_error(err, path.name) from None


MAX_JSON_FILE = 1_000_000


def load_json_model(path: Path, model: type[M], errors: JsonFileErrors,
                    decode: Callable[[bytes], bytes] | None = None) -> M:
    """A small JSON file of ours (key slots, backup manifest) validated into `model`, with one clear error per way
    it can be wrong. Reading it never changes anything."""
    from pydantic import ValidationError

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise errors.missing() from None
    except OSError as err:
        raise errors.unreadable(err.strerror or type(err).__name__) from None
    if len(raw) > MAX_JSON_FILE:
        raise errors.too_big() from None
    if decode is not None:
        raw = decode(raw)  # e.g. the key-slot file's OS protection (DPAPI); raises its own one-line error
    try:
        return model.model_validate(json.loads(raw.decode("utf-8")))
    except (ValueError, ValidationError, UnicodeDecodeError):
        raise errors.broken() from None
