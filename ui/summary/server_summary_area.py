"""ServerSummaryArea: the supervisor's "Sammanställning" in server mode — the local summary panel over the unit.

The panel is the local `SummaryPanel` fed by the server core's `summary` (a `SummarySource`: the same report and
PDF as the local service, counted over every case of the unit). Whatever the server does not offer yet is said
above it in plain words rather than left out: the municipality's settings (its name, its logo, raised
thresholds) and the audit review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from stodapp.access import allowed
from stodapp.i18n import _
from ui.summary.summary_panel import SummaryPanel

if TYPE_CHECKING:
    from stodapp.server.summary import ServerSummary
    from ui.summary.source import SummarySource


def server_note() -> str:
    return "\n".join((
        _("Sammanställningen räknar alla ärenden i enheten på servern, oavsett handläggare."),
        _("Kommunens inställningar finns inte på servern ännu: rapporten får enhetens namn om du inte skriver ett "
          "annat, ingen sparad logotyp och standardgränsvärdena. Du kan välja en logotyp och höja gränsvärdena för "
          "en rapport."),
        _("Uppgifter som servern inte har visas i rapporten som att de ännu inte registreras."),
    ))


def audit_note() -> str:
    return _("Loggkontrollen finns inte i serverläge ännu.")


def _note(text: str, *, boxed: bool = True) -> QLabel:
    """A plain-words note: boxed above the panel, or centred alone on a tab (as the server placeholder)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    if boxed:
        label.setStyleSheet("QLabel { background: #eef3f8; color: #1a1a1a; border: 1px solid #c5d3e0; "
                            "border-radius: 3px; padding: 6px 8px; }")
    else:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class ServerSummaryArea(QWidget):
    """Shows only what the signed-in role may use; the server checks the role again (`summary.read`)."""

    def __init__(self, core: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Sammanställning"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Sammanställning och loggkontroll"))
        self.summary_panel: SummaryPanel | None = None
        self.note: QLabel | None = None
        principal = core.principal
        if allowed(principal, "summary.read"):
            server_summary: ServerSummary = core.summary
            source: SummarySource = server_summary  # mypy checks that the server's summary is a SummarySource
            self.summary_panel = SummaryPanel(source, municipality_hint=_("Enhetens namn"))
            page = QWidget()
            page.setAccessibleName(_("Statistik"))
            box = QVBoxLayout(page)
            panel_layout = self.summary_panel.layout()
            if panel_layout is not None:  # the note lines up with the panel's form
                inner = panel_layout.contentsMargins()
                box.setContentsMargins(inner.left(), inner.top(), inner.right(), 0)
            box.setSpacing(0)
            self.note = _note(server_note())
            box.addWidget(self.note)
            box.addWidget(self.summary_panel, 1)
            self.tabs.addTab(page, _("Statistik"))
        if allowed(principal, "audit.review"):
            self.tabs.addTab(_note(audit_note(), boxed=False), _("Loggkontroll"))
        layout = QVBoxLayout(self)
        if self.tabs.count() == 0:
            layout.addWidget(QLabel(_("Din roll har inte tillgång till sammanställningar.")))
            self.tabs.hide()
        layout.addWidget(self.tabs)
