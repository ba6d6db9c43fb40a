"""A concern report's rows: the stored report read back, the row as a view with its history, a new draft, a status
event. The service (`stodapp.concerns.service`) checks access and rules first and calls these in its transaction."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from stodapp.concerns.model import ConcernReport
from stodapp.concerns.tables import ConcernReportRow, ConcernStatusEventRow
from stodapp.concerns.tracking import ConcernStatus, ConcernView, Outcome, SendMethod, StatusEvent
from stodapp.errors import StoreCorrupt
from stodapp.i18n import _
from stodapp.service import ServiceContext


def _aware(value: datetime | None) -> datetime | None:
    """A stored time as UTC-aware (the store may hand it back naive, in UTC)."""
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def load_report(row: ConcernReportRow) -> ConcernReport:
    """The stored report, validated again; a row that does not read back is refused as damaged."""
    import json

    from pydantic import ValidationError

    try:
        return ConcernReport.model_validate(json.loads(row.report_json), context={"today": date.max})
    except (ValueError, ValidationError):
        raise StoreCorrupt(_("Orosanmälan {id} kan inte läsas (skadad post).").format(id=row.id)) from None


def report_view(ctx: ServiceContext, s: Session, row: ConcernReportRow) -> ConcernView:
    """The row as a `ConcernView`: the report, whether it still matches its signature, its corrections and history."""
    report = load_report(row)
    events = s.scalars(
        select(ConcernStatusEventRow)
        .where(ConcernStatusEventRow.report_id == row.id)
        .order_by(ConcernStatusEventRow.id)
    ).all()
    later = s.scalars(select(ConcernReportRow.id).where(ConcernReportRow.supersedes_id == row.id)).all()
    signed = row.status != ConcernStatus.DRAFT.value
    return ConcernView(
        id=row.id,
        case_id=row.case_id,
        status=ConcernStatus(row.status),
        report=report,
        created_at=_aware(row.created_at) or ctx.clock.now(),
        created_by=row.created_by,
        finalised_at=_aware(row.finalised_at),
        finalised_by=row.finalised_by,
        content_sha256=row.content_sha256,
        signature_ok=(not signed) or report.content_hash() == row.content_sha256,
        sent_on=row.sent_on,
        sent_to_code=row.sent_to_code,
        sent_method=SendMethod(row.sent_method) if row.sent_method else None,
        acknowledged_on=row.acknowledged_on,
        feedback_on=row.feedback_on,
        outcome=Outcome(row.outcome) if row.outcome else None,
        outcome_on=row.outcome_on,
        supersedes_id=row.supersedes_id,
        superseded_by=tuple(later),
        history=tuple(
            StatusEvent(
                at=_aware(e.at) or e.at,
                status=ConcernStatus(e.status),
                user_id=e.user_id,
                detail=e.detail,
            )
            for e in events
        ),
    )


def insert_draft(
    ctx: ServiceContext, s: Session, case_id: int, report: ConcernReport, supersedes: int | None = None
) -> int:
    """A new draft row (a correction `supersedes` the signed report it corrects); returns its id."""
    now = ctx.clock.now()
    row = ConcernReportRow(
        case_id=case_id,
        status=ConcernStatus.DRAFT.value,
        report_json=report.model_dump_json(),
        report_date=report.report_date,
        home_municipality_code=report.home_municipality_code,
        created_at=now,
        created_by=ctx.principal.user_id,
        updated_at=now,
        supersedes_id=supersedes,
        acute=report.urgency.value == "acute",
    )
    s.add(row)
    s.flush()
    record_event(ctx, s, row, ConcernStatus.DRAFT, f"supersedes:{supersedes}" if supersedes else "")
    return row.id


def record_event(
    ctx: ServiceContext, s: Session, row: ConcernReportRow, status: ConcernStatus, detail: str = ""
) -> None:
    """Set the report's status and add it to its history (who, when, and a detail without content)."""
    now = ctx.clock.now()
    row.status = status.value
    row.updated_at = now
    s.add(
        ConcernStatusEventRow(
            report_id=row.id,
            at=now,
            status=status.value,
            user_id=ctx.principal.user_id,
            detail=detail,
        )
    )
