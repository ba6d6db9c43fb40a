"""The report editor: form, safety notices, the legal rule side panel, review/sign, PDF and tracking.

Opening a report is one screen read (`ConcernService.editor_screen`: the report and its reminders, one transaction,
one `concern.view` audit row) off the GUI thread through `ui.tasks.ScreenLoader`; meanwhile the editor says it is
loading and takes no input, and a slower read of a report chosen earlier never replaces the one chosen last.

Each write (save, sign, correct, a tracking step) runs on the background helper (`ui.tasks.run_op`) together with
that same one read of the report it wrote, so the editor shows what is stored without a second read; meanwhile the
form takes no input and says in place what it is doing; a refused write is said and the form keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

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
from stodapp.concerns.tracking import ConcernStatus, ConcernView
from stodapp.errors import StodError, ValidationFailed
from stodapp.i18n import N_, _
from ui.concerns.duty_panel import DutyPanel
from ui.concerns.heading import heading_text
from ui.concerns.notices_box import NoticesBox
from ui.concerns.paper_job import pdf_job
from ui.concerns.report_form import ReportForm
from ui.concerns.review_dialog import ReviewDialog
from ui.concerns.review_text import summary_text
from ui.concerns.track_steps import ask_sent, ask_step
from ui.tasks import ScreenLoader, error_text, run_op
from ui.widgets.paper_actions import PaperActions, PdfJob

if TYPE_CHECKING:
    from stodapp.changes import Change
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
    sig_writing = Signal(bool)  # a write started (True) or ended: the page takes no other choice meanwhile

    def __init__(self, service: ConcernService, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._svc = service
        self._today = today
        self.view: ConcernView | None = None
        self._loader = ScreenLoader(self)
        self._writing = False
        self._opened = 0  # counts open_report and clear: a write's result is shown only on what it wrote
        self._refocus: QWidget | None = None  # where the cursor was when a write began
        self._paper_saved: list[int] = []  # drafts a PDF job saved (appended on the worker, read here)
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
        for paper_signal in (self.pdf_button.sig_failed, self.pdf_button.sig_saved, self.pdf_button.sig_printed):
            paper_signal.connect(self._paper_done)
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
        save_key.activated.connect(lambda: self.save())
        self.save_button.setToolTip(_("Spara utkastet (Ctrl+S)"))
        self.save_button.clicked.connect(lambda: self.save())
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
        """True while a report is being read or written (tests wait for it: tests.ui.helpers.settled)."""
        return self._loader.loading or self._writing

    def open_report(self, report_id: int, message: str = "") -> None:
        """Read the report and its reminders off the GUI thread, then show them with `message`."""
        svc = self._svc
        self._opened += 1
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
        self.heading.setText(heading_text(self.view))

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

    def _info(self, text: str, style: str = "color:#0b5d1e;") -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)

    def _error(self, err: BaseException) -> None:
        self._error_line(error_text(err))

    def _error_line(self, text: str) -> None:
        self.message.setStyleSheet("color:#b00020; font-weight:bold;")
        self.message.setText(text)

    # ---- writes --------------------------------------------------------------------------------------------
    def _write(self, op: Callable[[], Change], busy: str, message: str,
               then: Callable[[ConcernView], None] | None = None) -> None:  # fmt: skip
        """Run `op` and the one read of the report it wrote (`editor_screen`) on the background helper; meanwhile
        the form takes no input and says `busy` in place. Then the report is shown with `message` and `then(view)`
        runs, or the error is said and the form keeps what was typed."""
        svc, token = self._svc, self._opened

        def work() -> tuple[int, ConcernEditorScreen | None]:
            rid = int(op().ids[0])
            try:
                return rid, svc.editor_screen(rid)
            except StodError:  # written, but not read back: the editor reads it again (and says why not)
                return rid, None

        self._writing = True
        self._refocus = self.focusWidget()
        self._set_busy(True)
        self._info("")
        self.sig_writing.emit(True)
        run_op(self, work, lambda result: self._written(token, *result, message, then),
               self._write_failed, indicator=lambda on: self._info(busy if on else "", ""))  # fmt: skip

    def _end_write(self) -> None:
        self._writing = False
        self._set_busy(False)
        self.sig_writing.emit(False)

    def _written(self, token: int, rid: int, screen: ConcernEditorScreen | None, message: str,
                 then: Callable[[ConcernView], None] | None) -> None:  # fmt: skip
        self._end_write()
        if token == self._opened:  # nothing else was opened meanwhile
            if screen is None:
                self.open_report(rid, message)
            else:
                self._show(screen, message)
                self._restore_focus()
        self.sig_changed.emit(rid)
        if then is not None and screen is not None and token == self._opened:
            then(screen.view)

    def _write_failed(self, exc: BaseException) -> None:
        """Nothing was written (the write's transaction rolled back): the form keeps what was typed."""
        self._end_write()
        self._error_line(error_text(exc) + " " + _("Inget har ändrats."))
        self._restore_focus()

    def _restore_focus(self) -> None:
        widget, self._refocus = self._refocus, None
        if widget is not None and widget.isVisible() and widget.isEnabled():
            widget.setFocus()

    # ---- drafts --------------------------------------------------------------------------------------------
    def save(self, then: Callable[[ConcernView], None] | None = None) -> bool:
        """Save the form to the draft off the GUI thread (True when the write started; `then(view)` runs once it
        is stored and shown); on a refused input the message says why and nothing is stored."""
        if self.view is None or self.view.read_only or self.loading:
            return False
        try:
            changes = self.form.changes()
        except StodError as err:
            self._error(err)
            return False
        rid, svc = self.view.id, self._svc
        self._write(lambda: svc.edit_draft(rid, changes), _("Sparar utkastet…"), _("Utkastet sparades."), then)
        return True

    def finalise(self) -> None:
        """Save, say everything missing (before the review, not after it), review, then sign."""
        if self.view is None or self.view.read_only:
            return
        self.save(then=self._review)

    def _review(self, view: ConcernView) -> None:
        problems = finalise_problems(view.report)
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
        rid, svc = view.id, self._svc
        self._write(lambda: svc.finalise(rid), _("Signerar anmälan…"),
                    _("Anmälan är slutförd och signerad. Skicka den genast till barnets hemkommun."))

    def correct(self) -> None:
        if self.view is None or self.loading:
            return
        rid, svc = self.view.id, self._svc
        self._write(lambda: svc.correct(rid), _("Skapar rättelsen…"),
                    _("En rättelse har skapats som nytt utkast, länkad till den signerade anmälan."))

    # ---- PDF -----------------------------------------------------------------------------------------------
    def _pdf_job(self) -> PdfJob | None:
        """A draft is saved first, in the same background job, so paper shows what the form shows."""
        if self.view is None or self.loading:
            return None
        if self.view.read_only:
            return pdf_job(self._svc, self.view.id, None, self._paper_saved)
        try:
            changes = self.form.changes()
        except StodError as err:
            self._error(err)
            return None
        return pdf_job(self._svc, self.view.id, changes, self._paper_saved)

    def _paper_done(self) -> None:
        """A PDF job that saved the draft: the list shows the saved report."""
        while self._paper_saved:
            self.sig_changed.emit(self._paper_saved.pop())

    def _pdf_name(self) -> str:
        return f"orosanmalan-{self.view.id}.pdf" if self.view is not None else "orosanmalan.pdf"

    def export_pdf(self) -> None:
        self.pdf_button.save_document()

    # ---- tracking ------------------------------------------------------------------------------------------
    def mark_sent(self) -> None:
        if self.view is None or self.loading:
            return
        step = ask_sent(self, self._svc, self._today(), self.view)
        if step is not None:
            self._write(step.op, _("Sparar…"), step.done)

    def _track(self, step_name: str) -> None:
        if self.view is None or self.loading:
            return
        step = ask_step(self, self._svc, self._today(), self.view, step_name)
        if step is not None:
            self._write(step.op, _("Sparar…"), step.done)

    def clear(self) -> None:
        self._loader.cancel()  # a report still being read is not shown once the editor shows none
        self._opened += 1  # nor one still being written
        self.view = None
        self._set_busy(False)
        self.heading.setText(_("Ingen anmälan vald"))
        self.notices.show_notices(())
        self.reminders.setVisible(False)
        self._set_empty(True)
        self._show_buttons()
