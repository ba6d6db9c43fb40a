"""The audit review as data: its events, its report, and the one layout (headings, sections, table cells) that the
in-app preview and the PDF both render, so the two can never list different things."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from stodapp.calendar_se import local_stamp
from stodapp.i18n import _
from stodapp.labels import action_label, person_label, record_label, role_label, time_zone_note


class ReviewEvent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: int
    at: str
    username: str
    display_name: str = ""  # the person's name from the user list, when set
    role: str
    action: str
    record_type: str
    record_id: str
    note: str = ""  # break-the-glass reason or why the event is listed


class AuditReviewReport(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    first_day: str
    last_day: str
    produced_at: str
    reviewer: str
    events_in_period: int
    sample: tuple[ReviewEvent, ...]
    protected: tuple[ReviewEvent, ...]
    break_glass: tuple[ReviewEvent, ...]
    outside_caseload: tuple[ReviewEvent, ...]
    chain_ok: bool
    chain_count: int
    chain_head: str
    first_bad_index: int | None = None


class ReviewSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    heading: str
    events: tuple[ReviewEvent, ...]
    with_note: bool


def title() -> str:
    return _("Loggkontroll")


def period_line(report: AuditReviewReport) -> str:
    return _("Period: {a} – {b}. Granskad av {who}, {when}.").format(
        a=report.first_day, b=report.last_day, who=report.reviewer, when=report.produced_at) + " " + time_zone_note()


def anchor_heading() -> str:
    return _("Förankring av granskningsloggen")


def chain_status(report: AuditReviewReport) -> str:
    if report.chain_ok:
        return _("Kedjan är hel.")
    return _("Kedjan är BRUTEN vid händelse nr {n}.").format(n=report.first_bad_index)


def chain_line(report: AuditReviewReport) -> str:
    return chain_status(report) + " " + _("Antal händelser: {n}.").format(n=report.chain_count)


def anchor_advice() -> str:
    return _("Skriv av eller spara huvudsumman och antalet utanför datorn (t.ex. i protokollet). "
             "Vid nästa kontroll ska loggen innehålla minst lika många händelser och denna summa "
             "ska finnas i kedjan; annars har händelser tagits bort.")


def sections(report: AuditReviewReport) -> tuple[ReviewSection, ...]:
    """The four lists, in the order a supervisor reads them."""
    sample = _("Slumpmässigt stickprov av händelser ({n} av {total})").format(
        n=len(report.sample), total=report.events_in_period)
    return (
        ReviewSection(heading=_("Öppnat med nödåtkomst, med angivet skäl"), events=report.break_glass,
                      with_note=True),
        ReviewSection(heading=_("Åtkomst till personer med skyddad identitet"), events=report.protected,
                      with_note=False),
        ReviewSection(heading=_("Åtkomst utanför egen ärendelista"), events=report.outside_caseload,
                      with_note=False),
        ReviewSection(heading=sample, events=report.sample, with_note=False),
    )


def table_header(with_note: bool) -> list[str]:
    head = [_("Nr"), _("Tid"), _("Användare"), _("Roll"), _("Händelse"), _("Post")]
    return head + [_("Skäl / anmärkning")] if with_note else head


def event_cells(event: ReviewEvent, with_note: bool) -> list[str]:
    """One table row; the time in Swedish time like the page header (stored instants are UTC)."""
    try:
        when = local_stamp(datetime.fromisoformat(event.at.replace("Z", "+00:00")))
    except ValueError:
        when = event.at[:16].replace("T", " ")
    cells = [str(event.id), when, person_label(event.display_name, event.username), role_label(event.role),
             action_label(event.action), record_label(event.record_type, event.record_id)]
    return cells + [event.note] if with_note else cells
