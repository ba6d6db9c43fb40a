"""Fixtures for case tests: a CaseService per user on the shared test store."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from stodapp.cases.service import CaseService


@pytest.fixture
def cases_for(open_core: Callable[[str], Any]) -> Callable[[str], CaseService]:
    """cases_for("anna") -> CaseService for anna (with passphrase re-check wired)."""

    def make(name: str) -> CaseService:
        core = open_core(name)
        return CaseService(core.ctx, reauth=core.reauthenticate)

    return make
