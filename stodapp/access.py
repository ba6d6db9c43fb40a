"""Deny-by-default access policy, enforced in the service layer (never in the UI).

POLICY maps each action to the roles that may perform it. Case-level rules (assignment, protected identity,
break-the-glass) are applied by the case service on top of this table.
"""

from __future__ import annotations

from stodapp.auth import Principal, Role
from stodapp.errors import AccessDenied
from stodapp.i18n import _

A, C, T, S = Role.ADMIN, Role.CASEWORKER, Role.TRAINER, Role.SUPERVISOR

POLICY: dict[str, frozenset[Role]] = {
    # cases and everything inside them: caseworkers only, and only their assigned cases
    "case.create": frozenset({C}),
    "case.read": frozenset({C}),
    "case.write": frozenset({C}),
    "case.break_glass": frozenset({C}),
    "person.reveal_protected": frozenset({C}),
    "assessment.read": frozenset({C, T}),
    "assessment.write": frozenset({C, T}),
    "assessment.sign": frozenset({C, T}),
    # second signature on a lowered judgement (local routine): the supervisor sees the judgement, not the case
    "assessment.cosign": frozenset({S}),
    "concern.read": frozenset({C}),
    "concern.write": frozenset({C}),
    "concern.finalise": frozenset({C}),
    "referral.search": frozenset({A, C, T, S}),
    "referral.record": frozenset({C}),
    "referral.local_edit": frozenset({A}),
    "checklist.list": frozenset({A, C, T, S}),
    "checklist.pack_import": frozenset({A}),
    "training.manage": frozenset({T}),
    "training.participate": frozenset({T, C}),
    "summary.read": frozenset({S}),
    "org_assessment.write": frozenset({S}),
    "audit.review": frozenset({S, A}),
    "audit.verify": frozenset({S, A}),
    "users.manage": frozenset({A}),
    "keys.manage": frozenset({A}),
    "backup.manage": frozenset({A}),
    "retention.manage": frozenset({A}),
    "settings.admin": frozenset({A}),
    "settings.own": frozenset({A, C, T, S}),
}


def allowed(principal: Principal, action: str) -> bool:
    return principal.role in POLICY.get(action, frozenset())


def require(principal: Principal, action: str) -> None:
    """Raise AccessDenied unless the principal's role may perform `action` (unknown actions are denied)."""
    if not allowed(principal, action):
        raise AccessDenied(_("Din roll har inte behörighet till detta ({action}).").format(action=action))
