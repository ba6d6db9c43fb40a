"""Small file helpers: atomic writes and clear errors for read-only or full disks."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from stodapp.errors import DiskError


def disk_error(err: OSError, what: str) -> DiskError:
    if err.errno == errno.ENOSPC:
        return DiskError(f"disken är full: {what} sparades inte, inget har ändrats")
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DiskError(f"mappen är skrivskyddad: {what} sparades inte, inget har ändrats")
    return DiskError(f"{what} kunde inte skrivas ({err.strerror}); inget har ändrats")


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
