"""Throwaway stores for developer tools (the screen tour, screenshots): fictional data, fast key derivation.

The fast parameters make a store quick to open and therefore weak against guessing: only for stores that hold
demo data and are deleted afterwards, never for a real one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stodapp.store.keyslots import KdfParams


def fast_kdf() -> Any:
    """Key-derivation parameters for throwaway demo and test stores (milliseconds instead of seconds)."""
    return KdfParams.for_tests()


def make_demo_store(data: Path, passphrase: str, *, cases: int = 40, seed: int = 7) -> None:
    """A demo store in `data` with one user per role (all with `passphrase`) and `cases` fictional cases."""
    from stodapp.core import Core

    admin, _key = Core.initialize(data, "admin", passphrase, kdf=KdfParams.for_tests(), store_kind="demo")
    try:
        admin.fill_demo(cases=cases, seed=seed, passphrase=passphrase)
    finally:
        admin.close()
