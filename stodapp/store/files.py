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


def atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as err:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise disk_error(err, path.name) from None


MAX_JSON_FILE = 1_000_000


def load_json_model(path: Path, model: type[M], errors: JsonFileErrors) -> M:
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
    try:
        return model.model_validate(json.loads(raw.decode("utf-8")))
    except (ValueError, ValidationError, UnicodeDecodeError):
        raise errors.broken() from None
