"""Process hardening at start: no core dumps (a dump would hold the DEK and decrypted pages)."""

from __future__ import annotations

import sys


def disable_core_dumps() -> bool:
    """RLIMIT_CORE = 0 and, on Linux, PR_SET_DUMPABLE = 0. Returns True when applied."""
    if sys.platform == "win32":
        return False
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_dumpable = 4
        libc.prctl(pr_set_dumpable, 0, 0, 0, 0)
    return True
