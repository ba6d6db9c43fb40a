"""The tracking steps of a signed report (sent, acknowledged, feedback, outcome): each asks its date (and what
it needs) in a dialog on the GUI thread and gives back the write to run on the background helper, with the line
the editor says once it is stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtWidgets import QDialog, QWidget

from stodapp.i18n import _
from ui.concerns.sent_dialog import SentDialog
from ui.concerns.track_dialog import TrackDialog

if TYPE_CHECKING:
    from stodapp.changes import Change
    from stodapp.concerns.service import ConcernService
    from stodapp.concerns.tracking import ConcernView


class Step(NamedTuple):
    op: Callable[[], Change]
    """The write (never touches widgets)."""
    done: str
    """What the editor says once it is stored."""


def ask_sent(parent: QWidget, svc: ConcernService, today: date, view: ConcernView) -> Step | None:
    """When and how the report was sent to the child's home municipality; None when cancelled."""
    dialog = SentDialog(today, view.report.home_municipality_code, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    on, code, method = dialog.values()
    rid = view.id
    return Step(lambda: svc.mark_sent(rid, on=on, municipality_code=code, method=method),
                _("Anmälan är markerad som skickad."))


def ask_step(parent: QWidget, svc: ConcernService, today: date, view: ConcernView, step: str) -> Step | None:
    """`step` is "ack", "feedback" or "outcome"; None when cancelled."""
    titles = {"ack": _("Anmälan mottagen"), "feedback": _("Återkoppling mottagen"), "outcome": _("Utfall")}
    dialog = TrackDialog(titles[step], today, with_outcome=step == "outcome", parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    on, rid = dialog.date_value(), view.id
    if step == "ack":
        return Step(lambda: svc.mark_acknowledged(rid, on=on), _("Mottagandet är registrerat."))
    if step == "feedback":
        return Step(lambda: svc.mark_feedback(rid, on=on), _("Återkopplingen är registrerad."))
    outcome = dialog.outcome_value()
    return Step(lambda: svc.record_outcome(rid, outcome, on=on), _("Utfallet är registrerat."))
