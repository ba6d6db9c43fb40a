"""The report's PDF job for `ui.widgets.paper_actions`: a draft is saved first, in the same background job, so
paper shows what the form shows; a signed report is printed as stored."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stodapp.concerns.service import ConcernService
    from ui.widgets.paper_actions import PdfJob


def pdf_job(svc: ConcernService, report_id: int, draft: Mapping[str, Any] | None, saved: list[int]) -> PdfJob:
    """Renders the PDF on the worker; with `draft` (the form's changes) the draft is saved first and its id
    appended to `saved` (the editor then refreshes the list). A rerun, after the passphrase was asked for again,
    saves nothing twice."""
    if draft is None:
        return lambda: svc.pdf(report_id)
    written = False

    def work() -> bytes:
        nonlocal written
        if not written:
            svc.edit_draft(report_id, draft)
            written = True
            saved.append(report_id)
        return svc.pdf(report_id)

    return work
