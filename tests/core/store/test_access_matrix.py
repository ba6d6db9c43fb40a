"""D1: deny by default; every role × action cell matches the policy, through the services where they exist."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from stodapp.access import POLICY, allowed
from stodapp.auth import Principal, Role
from stodapp.errors import AccessDenied

A, C, T, S = "A", "C", "T", "S"
# Written out independently of stodapp/access.py: who may do what (the product's access matrix).
EXPECTED: dict[str, str] = {
    "case.create": C,
    "case.read": C,
    "case.write": C,
    "case.break_glass": C,
    "person.reveal_protected": C,
    "assessment.read": C + T,
    "assessment.write": C + T,
    "assessment.sign": C + T,
    "assessment.cosign": S,
    "concern.read": C,
    "concern.write": C,
    "concern.finalise": C,
    "referral.search": A + C + T + S,
    "referral.record": C,
    "referral.local_edit": A,
    "checklist.list": A + C + T + S,
    "checklist.pack_import": A,
    "training.manage": T,
    "training.participate": T + C,
    "summary.read": S,
    "org_assessment.write": S,
    "audit.review": S + A,
    "audit.verify": S + A,
    "users.manage": A,
    "keys.manage": A,
    "backup.manage": A,
    "retention.manage": A,
    "settings.admin": A,
    "settings.own": A + C + T + S,
}
LETTER = {Role.ADMIN: A, Role.CASEWORKER: C, Role.TRAINER: T, Role.SUPERVISOR: S}


def _p(role: Role) -> Principal:
    return Principal(user_id=1, username="x", role=role)


@pytest.mark.parametrize("action", sorted(set(EXPECTED) | set(POLICY)))
@pytest.mark.parametrize("role", list(Role))
def test_policy_cell(role: Role, action: str) -> None:
    expected = action in EXPECTED and LETTER[role] in EXPECTED[action]
    assert allowed(_p(role), action) is expected


def test_unknown_action_is_denied() -> None:
    for role in Role:
        assert not allowed(_p(role), "case.delete_everything")


SERVICE_CALLS: dict[str, Callable[..., object]] = {
    "users.manage": lambda core: core.users.list(),
    "audit.verify": lambda core: core.verify_audit(),
    "settings.admin": lambda core: core.set_idle_lock_minutes(7),
    "keys.manage": lambda core: core.new_recovery_key(),
}
USERS = {Role.ADMIN: "admin", Role.CASEWORKER: "anna", Role.SUPERVISOR: "sara", Role.TRAINER: "tove"}


@pytest.mark.parametrize("action", sorted(SERVICE_CALLS))
def test_services_enforce_policy(open_core, action: str) -> None:  # type: ignore[no-untyped-def]
    for role, name in USERS.items():
        core = open_core(name)
        if LETTER[role] in EXPECTED[action]:
            SERVICE_CALLS[action](core)
        else:
            with pytest.raises(AccessDenied):
                SERVICE_CALLS[action](core)
        core.close()
