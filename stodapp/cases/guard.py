"""Case-level access on top of the role policy: assignment or a recent break-the-glass grant."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from stodapp.cases.casework_tables import AccessGrantRow
from stodapp.cases.tables import CaseAssignmentRow, CaseRow
from stodapp.errors import AccessDenied, NotFound, UserInputError
from stodapp.i18n import _
from stodapp.service import ServiceContext

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


#: How long a break-the-glass opening lasts before the reason must be given again.
BREAK_GLASS_HOURS = 8
MIN_REASON = 10


def is_assigned(s: Session, case_id: int, user_id: int) -> bool:
    return s.get(CaseAssignmentRow, (case_id, user_id)) is not None


def has_glass(ctx: ServiceContext, s: Session, case_id: int) -> bool:
    since = ctx.clock.now() - timedelta(hours=BREAK_GLASS_HOURS)
    found = s.scalar(
        select(AccessGrantRow.id)
        .where(
            AccessGrantRow.kind == "break_glass",
            AccessGrantRow.case_id == case_id,
            AccessGrantRow.user_id == ctx.principal.user_id,
            AccessGrantRow.at >= since,
        )
        .limit(1)
    )
    return found is not None


def check_case(ctx: ServiceContext, s: Session, case_id: int) -> tuple[CaseRow, bool]:
    """(case row, via break-glass) or raise; the caller audits a refusal outside the rolled-back session."""
    row = s.get(CaseRow, case_id)
    if row is None:
        raise NotFound(_("Ärendet finns inte."))
    if is_assigned(s, case_id, ctx.principal.user_id):
        return row, False
    if has_glass(ctx, s, case_id):
        return row, True
    raise AccessDenied(
        _(
            'Du är inte tilldelad ärendet. Använd "bryt förseglingen" med en skriven anledning '
            "om du måste öppna det."
        )
    )


@contextmanager
def case_session(ctx: ServiceContext, case_id: int, action: str) -> Iterator[tuple[Session, CaseRow, bool]]:
    """One transaction inside a case the user may open: yields (session, case row, opened via break-the-glass).

    A refusal rolls the transaction back and is audited as `case.denied` (purpose = `action`) in its own
    transaction before the AccessDenied reaches the caller.
    """
    checked = ctx.screen_checks()  # one screen's reads of one case check its access once
    try:
        with ctx.session() as s:
            hit = checked.get(case_id) if checked is not None else None
            row, via_glass = hit if isinstance(hit, tuple) else check_case(ctx, s, case_id)
            if checked is not None:
                checked[case_id] = (row, via_glass)
            yield s, row, via_glass
    except AccessDenied as err:
        raise guarded(ctx, action, case_id)(err) from None


def require_visible(ctx: ServiceContext, s: Session, case_id: int) -> CaseRow:
    """For services working inside a case (concerns, referrals, assessments): a case the user may not open is
    reported as not found, so its existence is not revealed."""
    try:
        return check_case(ctx, s, case_id)[0]
    except AccessDenied:
        raise NotFound(_("Ärendet finns inte eller så har du inte tillgång till det.")) from None


def require_assigned(ctx: ServiceContext, s: Session, case_id: int) -> CaseRow:
    """The case row if the signed-in user is assigned to it. A break-the-glass grant is not enough: it opens a
    case for reading and writing for a while, never for handing out lasting access (assigning)."""
    row = s.get(CaseRow, case_id)
    if row is None:
        raise NotFound(_("Ärendet finns inte."))
    if not is_assigned(s, case_id, ctx.principal.user_id):
        raise AccessDenied(_("Bara den som är tilldelad ärendet kan tilldela det till fler."))
    return row


def deny_as_missing(ctx: ServiceContext, action: str, case_id: int, message: str) -> NotFound:
    """Audit a refused access to a record inside a case (own transaction) and return the very error a missing
    record gives, so a user without access cannot tell which record ids exist."""
    with ctx.session() as s:
        ctx.audit(s, "case.denied", "case", str(case_id), purpose=action)
    return NotFound(message)


def guarded(ctx: ServiceContext, action: str, case_id: int) -> Callable[[AccessDenied], AccessDenied]:
    """Audit a refused case access in its own transaction (the failing one rolls back)."""

    def audit(err: AccessDenied) -> AccessDenied:
        ctx.audit_refusal("case.denied", "case", str(case_id), purpose=action)
        return err

    return audit


def check_reason(reason: str) -> str:
    text = " ".join(reason.split())
    if len(text) < MIN_REASON:
        raise UserInputError(_("Skriv en anledning (minst {n} tecken).").format(n=MIN_REASON))
    return text
