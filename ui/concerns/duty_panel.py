"""Side panel "Vilken regel gäller och varför": the duty to report on the report date (explain_duty)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from stodapp.concerns.model import ReporterKind
from stodapp.concerns.rules import DutyExplanation, explain_duty
from stodapp.errors import StodError
from stodapp.i18n import _


def _label(text: str = "", *, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setAccessibleName(name)
    return label


class DutyPanel(QFrame):
    """Shows which rule set and obligation apply, the reasons, principles and the jurist note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(_("Vilken regel gäller och varför"))
        self.title = _label(name=_("Rubrik regel"))
        self.title.setText("<b>" + _("Vilken regel gäller och varför") + "</b>")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.obligation = _label(name=_("Skyldighet"))
        self.confirm_note = _label(name=_("Juristens bekräftelse"))
        self.confirm_note.setStyleSheet("background:#fff4ce; color:#3b2f00; padding:6px; border-radius:4px;")
        self.reasons = _label(name=_("Skäl"))
        self.principles = _label(name=_("Principer"))
        self.rule_text = _label(name=_("Regeltext"))
        self.rule_text.setStyleSheet("color:#444;")
        layout = QVBoxLayout(self)
        for w in (self.title, self.obligation, self.confirm_note, self.reasons, self.principles, self.rule_text):
            layout.addWidget(w)
        layout.addStretch(1)
        self.explanation: DutyExplanation | None = None

    def show_for(self, kind: ReporterKind, on: date, municipality_label: str = "") -> None:
        try:
            exp = explain_duty(kind, on, municipality_label)
        except StodError as err:
            self.explanation = None
            self.obligation.setText(str(err).splitlines()[0])
            for w in (self.confirm_note, self.reasons, self.principles, self.rule_text):
                w.clear()
            self.confirm_note.setVisible(False)
            return
        self.explanation = exp
        head = _("{statute} gäller (från {start}). Anmälaren {obligation}.").format(
            statute=exp.statute, start=exp.rule_set_from.isoformat(), obligation=exp.obligation
        )
        if exp.mandatory and exp.immediately:
            head += " " + _("Anmäl genast – inga bevis behövs.")
        self.obligation.setText(head + "\n" + _("Hänvisning: {citation}").format(citation=exp.citation))
        self.confirm_note.setVisible(not exp.provision_confirmed)
        self.confirm_note.setText(
            _("Obs: paragrafen i {statute} är inte bekräftad och ska bekräftas av kommunens jurist.").format(
                statute=exp.statute
            )
        )
        reasons = _("Varför:") + "\n" + "\n".join(f"• {r}" for r in exp.reasons)
        if exp.proposals:
            reasons += "\n" + _("Förslag (inte lag):") + "\n" + "\n".join(f"• {p}" for p in exp.proposals)
        self.reasons.setText(reasons)
        self.principles.setText(_("Att tänka på:") + "\n" + "\n".join(f"• {p}" for p in exp.principles))
        self.rule_text.setText(exp.rule_text)
