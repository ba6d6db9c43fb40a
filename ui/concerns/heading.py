"""The editor's heading line: which report, its status, and the corrections it makes or that replace it."""

from __future__ import annotations

from stodapp.concerns.tracking import STATUS_LABELS, ConcernView
from stodapp.i18n import _


def heading_text(view: ConcernView | None) -> str:
    if view is None:
        return _("Ingen anmälan vald")
    head = _("Orosanmälan nr {id} – {status}").format(id=view.id, status=_(STATUS_LABELS[view.status]))
    if view.supersedes_id:
        head += " · " + _("rättar nr {id}").format(id=view.supersedes_id)
    if view.superseded_by:
        head += " · " + _("rättad i nr {ids}").format(ids=", ".join(str(i) for i in view.superseded_by))
    return head
