"""The report editor: form, safety notices, the legal rule side panel, review/sign, PDF and tracking.

Opening a report is one screen read (`ConcernService.editor_screen`: the report and its reminders, one transaction,
one `concern.view` audit row) off the GUI thread through `ui.tasks.ScreenLoader`; meanwhile the editor says it is
loading and takes no input, and a slower read of a report chosen earlier never replaces the one chosen last."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from stodapp import municipalities
from stodapp.concerns.model import check_ready_to_finalise, finalise_problems
from stodapp.concerns.notices import notices
from stodapp.concerns.tracking import STATUS_LABELS, ConcernStatus, ConcernView
from stodapp.errors import StodError, ValidationFailed
from stodapp.i18n import N_, _
from ui.concerns.duty_panel import DutyPanel
from ui.concerns.notices_box import NoticesBox
from ui.concerns.report_form import ReportForm
from ui.concerns.review_dialog import ReviewDialog
from ui.concerns.review_text import summary_text
from ui.concerns.sent_dialog import SentDialog
from ui.concerns.track_dialog import TrackDialog
from ui.tasks import ScreenLoader, error_text
from ui.widgets.paper_actions import PaperActions, PdfJob

if TYPE_CHECKING:
    from stodapp.concerns.screen import ConcernEditorScreen
    from stodapp.concerns.service import ConcernService

S = ConcernStatus
_AFTER_SENT = {S.SENT, S.ACKNOWLEDGED, S.FEEDBACK_RECEIVED}


CONCERN_WARNING = N_("PDF-filen innehåller sekretessbelagda uppgifter om ett barn. Spara den bara på en plats som "
                     "din organisation har godkänt, skicka den säkert och radera den när den har skickats.")


def _button(text: str, name: str) -> QPushButton:
    b = QPushButton(text)
    b.setAccessibleName(name)
    return b


class ConcernEditor(QWidget):
    sig_changed = Signal(int)  # a report was saved, signed, corrected or tracked (its id)

    def __init__(self, service: ConcernService, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._svc = service
        self._today = today
        self.view: ConcernView | None = None
        self._loader = ScreenLoader(self)
        self.setAccessibleName(_("Orosanmälan"))

        self.heading = QLabel(_("Ingen anmälan vald"))
        self.heading.setStyleSheet("font-size:14pt; font-weight:bold;")
        self.heading.setAccessibleName(_("Anmälans status"))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Meddelande"))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notices = NoticesBox()
        self.reminders = QLabel("")
        self.reminders.setWordWrap(True)
        self.reminders.setAccessibleName(_("Påminnelser"))
        self.reminders.setStyleSheet("background:#fff4ce; color:#3b2f00; padding:6px; border-radius:4px;")
        self.reminders.setVisible(False)

        self.form = ReportForm(today())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        scroll.setAccessibleName(_("Anmälans uppgifter"))
        # The form scrolls down, never sideways: the splitter cannot squeeze it below what its fields need.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.form.minimumSizeHint().width()
                               + scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth())
        self.duty = DutyPanel()
        duty_scroll = QScrollArea()
        duty_scroll.setWidgetResizable(True)
        duty_scroll.setWidget(self.duty)
        duty_scroll.setMinimumWidth(240)
        duty_scroll.setAccessibleName(_("Vilken regel gäller och varför"))
        split = QSplitter(Qt.Orientation.Horizontal)
        self._body = split
        self.empty_hint = QLabel(
            _("Välj en anmälan i listan, eller välj Ny orosanmälan för att skriva en från ärendet.")
        )
        self.empty_hint.setWordWrap(True)
        split.addWidget(scroll)
        split.addWidget(duty_scroll)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        self.save_button = _button(_("Spara utkast"), _("Spara utkastet"))
        self.finalise_button = _button(_("Granska och slutför…"), _("Granska och slutför anmälan"))
        self.pdf_button = PaperActions(self._pdf_job, self._pdf_name, what=_("anmälan"),
                                       warning=_(CONCERN_WARNING), menu_text=_("Utskrift…"))
        self.pdf_button.sig_failed.connect(self._error_line)
        self.pdf_button.sig_saved.connect(lambda path: self._info(_("PDF sparad: {name}").format(name=Path(path).name)))
        self.pdf_button.sig_printed.connect(
            lambda n: self._info(_("Skickad till skrivaren ({n} sidor).").format(n=n)))
        self.correct_button = _button(_("Gör rättelse"), _("Gör en rättelse som ny anmälan"))
        self.sent_button = _button(_("Markera skickad…"), _("Markera anmälan som skickad"))
        self.ack_button = _button(_("Mottagen…"), _("Markera anmälan som mottagen"))
        self.feedback_button = _button(_("Återkoppling…"), _("Registrera återkoppling"))
        self.outcome_button = _button(_("Utfall…"), _("Registrera utfall"))
        actions = QHBoxLayout()
        for b in (self.save_button, self.finalise_button, self.pdf_button, self.correct_button):
            actions.addWidget(b)
        actions.addStretch(1)
        for b in (self.sent_button, self.ack_button, self.feedback_button, self.outcome_button):
            actions.addWidget(b)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.notices)
        layout.addWidget(self.reminders)
        layout.addWidget(self.message)
        layout.addWidget(self.empty_hint)
        layout.addWidget(split, 1)
        layout.addLayout(actions)

        save_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_key.activated.connect(self.save)
        self.save_button.setToolTip(_("Spara utkastet (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.finalise_button.clicked.connect(self.finalise)
        self.correct_button.clicked.connect(self.correct)
        self.sent_button.clicked.connect(self.mark_sent)
        self.ack_button.clicked.connect(lambda: self._track("ack"))
        self.feedback_button.clicked.connect(lambda: self._track("feedback"))
        self.outcome_button.clicked.connect(lambda: self._track("outcome"))
        self.form.sig_context_changed.connect(self._context_changed)
        self._show_buttons()
        self._set_empty(True)

    def _set_empty(self, empty: bool) -> None:
        """With no report chosen, show a hint instead of a greyed-out form with placeholder values."""
        self.form.setEnabled(not empty)
        self._body.setVisible(not empty)
        self.empty_hint.setVisible(empty)

    # ---- showing -------------------------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        """True while a report is being read (tests wait for it: tests.ui.helpers.settled)."""
        return self._loader.loading

    def open_report(self, report_id: int, message: str = "") -> None:
        """Read the report and its reminders off the GUI thread, then show them with `message`."""
        svc = self._svc
        self._loader.load(lambda: svc.editor_screen(report_id), lambda screen: self._show(screen, message),
                          self._load_failed)  # fmt: skip
        self._set_busy(True)
        self.heading.setText(_("Läser in orosanmälan…"))

    def _set_busy(self, busy: bool) -> None:
        """While a report is read nothing acts on the one shown before."""
        self.form.setEnabled(not busy and self.view is not None)
        for b in (self.save_button, self.finalise_button, self.pdf_button, self.correct_button, self.sent_button,
                  self.ack_button, self.feedback_button, self.outcome_button):
            b.setEnabled(not busy)

    def _load_failed(self, err: BaseException) -> None:
        self._set_busy(False)
        self._show_heading()
        self._error(err)

    def _show(self, screen: ConcernEditorScreen, message: str) -> None:
        view, found = screen.view, screen.reminders
        self.view = view
        self._set_empty(False)
        self._set_busy(False)
        self.form.load(view.report)
        self.form.set_read_only(view.read_only)
        self._show_heading()
        self.reminders.setText("\n".join(r.text for r in found))
        self.reminders.setVisible(bool(found))
        self._info(message)
        self._context_changed()
        self._show_buttons()

    def _show_heading(self) -> None:
        view = self.view
        if view is None:
            self.heading.setText(_("Ingen anmälan vald"))
            return
        head = _("Orosanmälan nr {id} – {status}").format(id=view.id, status=_(STATUS_LABELS[view.status]))
        if view.supersedes_id:
            head += " · " + _("rättar nr {id}").format(id=view.supersedes_id)
        if view.superseded_by:
            head += " · " + _("rättad i nr {ids}").format(ids=", ".join(str(i) for i in view.superseded_by))
        self.heading.setText(head)

    def _context_changed(self) -> None:
        report = self.form.context_report()
        if report is None:
            return
        code = self.form.municipality.code()
        label = municipalities.by_code(code).label() if code else ""
        self.duty.show_for(self.form.reporter_kind_value(), self.form.report_date_value(), label)
        self.notices.show_notices(notices(report))

    def _show_buttons(self) -> None:
        status = self.view.status if self.view else None
        self.save_button.setVisible(status is S.DRAFT)
        self.finalise_button.setVisible(status is S.DRAFT)
        self.pdf_button.setVisible(status is not None)
        self.correct_button.setVisible(status is not None and status is not S.DRAFT)
        self.sent_button.setVisible(status is S.FINAL)
        self.ack_button.setVisible(status is S.SENT)
        self.feedback_button.setVisible(status in {S.SENT, S.ACKNOWLEDGED})
        self.outcome_button.setVisible(status in _AFTER_SENT)

    def _info(self, text: str) -> None:
        self.message.setStyleSheet("color:#0b5d1e;")
        self.message.setText(text)

    def _error(self, err: BaseException) -> None:
        self._error_line(error_text(err))

    def _error_line(self, text: str) -> None:
        self.message.setStyleSheet("color:#b00020; font-weight:bold;")
        self.message.setText(text)

    # ---- drafts --------------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the form to the draft; on a refused input the message says why and nothing is stored."""
        if self.view is None or self.view.read_only or self.loading:
            return False
        try:
            self._svc.edit_draft(self.view.id, self.form.changes())
        except StodError as err:
            self._error(err)
            return False
        rid = self.view.id
        self.view = self._svc.get(rid)
        self._info(_("Utkastet sparades."))
        self.sig_changed.emit(rid)
        return True

    def finalise(self) -> None:
        if self.view is None or self.view.read_only or not self.save():
            return
        view = self.view
        problems = finalise_problems(view.report)  # say everything missing before the review, not after it
        if problems:
            try:
                check_ready_to_finalise(view.report)
            except ValidationFailed as err:
                lines = [str(err)] + ([f"• {line}" for line in err.lines] if len(err.lines) > 1 else [])
                self.message.setStyleSheet("color:#b00020; font-weight:bold;")
                self.message.setText("\n".join(lines))
            self.form.focus_field(problems[0][0])
            return
        warnings = [n.text for n in notices(view.report) if n.level == "warning"]
        dialog = ReviewDialog(summary_text(view.report, self.duty.explanation), warnings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self._info(_("Anmälan är inte slutförd."))
            return
        try:
            self._svc.finalise(view.id)
        except StodError as err:
            self._error(err)
            return
        self.sig_changed.emit(view.id)
        self.open_report(view.id, _("Anmälan är slutförd och signerad. Skicka den genast till barnets hemkommun."))

    def correct(self) -> None:
        if self.view is None:
            return
        try:
            change = self._svc.correct(self.view.id)
        except StodError as err:
            self._error(err)
            return
        new_id = int(change.ids[0])
        self.sig_changed.emit(new_id)
        self.open_report(new_id, _("En rättelse har skapats som nytt utkast, länkad till den signerade anmälan."))

    # ---- PDF -----------------------------------------------------------------------------------------------
    def _pdf_job(self) -> PdfJob | None:
        """The draft is saved first, so paper shows what the form shows."""
        if self.view is None:
            return None
        if not self.view.read_only and not self.save():
            return None
        rid, svc = self.view.id, self._svc
        return lambda: svc.pdf(rid)

    def _pdf_name(self) -> str:
        return f"orosanmalan-{self.view.id}.pdf" if self.view is not None else "orosanmalan.pdf"

    def export_pdf(self) -> None:
        self.pdf_button.save_document()

    # ---- tracking ------------------------------------------------------------------------------------------
    def mark_sent(self) -> None:
        if self.view is None:
            return
        dialog = SentDialog(self._today(), self.view.report.home_municipality_code, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        on, code, method = dialog.values()
        self._run(lambda rid: self._svc.mark_sent(rid, on=on, municipality_code=code, method=method),
                  _("Anmälan är markerad som skickad."))

    def _track(self, step: str) -> None:
        if self.view is None:
            return
        titles = {"ack": _("Anmälan mottagen"), "feedback": _("Återkoppling mottagen"), "outcome": _("Utfall")}
        dialog = TrackDialog(titles[step], self._today(), with_outcome=step == "outcome", parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        on = dialog.date_value()
        if step == "ack":
            self._run(lambda rid: self._svc.mark_acknowledged(rid, on=on), _("Mottagandet är registrerat."))
        elif step == "feedback":
            self._run(lambda rid: self._svc.mark_feedback(rid, on=on), _("Återkopplingen är registrerad."))
        else:
            outcome = dialog.outcome_value()
            self._run(lambda rid: self._svc.record_outcome(rid, outcome, on=on), _("Utfallet är registrerat."))

    def _run(self, op: Callable[[int], Any], done: str) -> None:
        assert self.view is not None
        rid = self.view.id
        try:
            op(rid)
        except StodError as err:
            self._error(err)
            return
        self.sig_changed.emit(rid)
        self.open_report(rid, done)

    def clear(self) -> None:
        self._loader.cancel()  # a report still being read is not shown once the editor shows none
        self.view = None
        self._set_busy(False)
        self.heading.setText(_("Ingen anmälan vald"))
        self.notices.show_notices(())
        self.reminders.setVisible(False)
        self._set_empty(True)
        self._show_buttons()
