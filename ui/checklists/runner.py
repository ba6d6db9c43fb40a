"""The generic checklist runner: renders any definition, live scores and visibility, drafts, signing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stodapp.calendar_se import local_stamp
from stodapp.checklists.index import DefinitionIndex
from stodapp.checklists.record import definition_of, missing_summary, sign_problems
from stodapp.checklists.runner_api import RunnerService
from stodapp.checklists.runtime import visible_answers
from stodapp.checklists.schema import RepeatGroup
from stodapp.checklists.store_views import AssessmentView
from stodapp.checklists.view import RunnerState, runner_state
from stodapp.errors import StodError, ValidationFailed
from stodapp.i18n import _
from ui.checklists.item_row import ItemRow
from ui.checklists.judgement_box import JudgementBox
from ui.checklists.repeat_group_box import RepeatGroupBox
from ui.checklists.score_panel import ScorePanel
from ui.checklists.text import loc
from ui.confirm import confirm
from ui.tasks import error_text, run_op

MAX_ERROR_LINES = 40  # everything missing at once; the cap only guards a pathological definition


def _ask(parent: QWidget, text: str) -> bool:
    return confirm(parent, _("Signera bedömningen"), text, _("Signera"), warning=True)


class ChecklistRunner(QWidget):
    """Takes a RunnerService (the local ChecklistService, or server mode's) and an AssessmentView; read-only once
    signed."""

    sig_saved = Signal(object)  # AssessmentView
    sig_signed = Signal(object)  # AssessmentView
    sig_failed = Signal(object)  # the StodError a save or signature was refused with (shown in `message`)

    def __init__(self, service: RunnerService, view: AssessmentView, parent: QWidget | None = None,
                 confirm: Callable[[QWidget, str], bool] = _ask, *, background: bool = False) -> None:
        super().__init__(parent)
        self.service = service
        self._background = background  # writes on run_op (server mode: each is a round trip)
        self._writing = False
        self.view = view
        self.confirm = confirm
        self.definition = definition_of(view.record)
        self.index = DefinitionIndex.build(self.definition)
        self.state: RunnerState | None = None
        self._loading = False
        self.setAccessibleName(_("Checklista: {title}").format(title=loc(self.definition.title)))

        outer = QVBoxLayout(self)
        self.title = QLabel(f"{loc(self.definition.title)} ({self.definition.version})")
        self.title.setStyleSheet("font-size: 130%; font-weight: 700;")
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        self.provenance = QLabel(view.copyright_line)
        self.provenance.setWordWrap(True)
        self.provenance.setAccessibleName(_("Ursprung och upphovsrätt"))
        self.provenance.setStyleSheet("color: #444; font-style: italic;")
        outer.addWidget(self.provenance)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(_("Status för bedömningen"))
        outer.addWidget(self.status)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAccessibleName(_("Frågor"))
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        if self.definition.description:
            intro = QLabel(loc(self.definition.description))
            intro.setWordWrap(True)
            self.body_layout.addWidget(intro)
        self.sections: dict[str, QGroupBox] = {}
        self.items: dict[str, ItemRow | RepeatGroupBox] = {}
        self._build_sections()
        self.scores = ScorePanel(self.definition)
        self.scores.setVisible(bool(self.definition.scores))  # SPJ lists compute nothing: no empty score box
        self.body_layout.addWidget(self.scores)
        self.judgements: dict[str, JudgementBox] = {}
        if self.definition.judgements:
            box = QGroupBox(_("Bedömning"))
            box.setAccessibleName(_("Bedömning"))
            lay = QVBoxLayout(box)
            for j in self.definition.judgements:
                scale = self.index.judgement_scale(j)
                assert scale is not None
                jb = JudgementBox(j, scale)
                jb.sig_changed.connect(self._judgement_changed)
                lay.addWidget(jb)
                self.judgements[j.id] = jb
            self.body_layout.addWidget(box)
        self.body_layout.addStretch(1)
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area, 1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Meddelande"))
        outer.addWidget(self.message)
        bar = QHBoxLayout()
        self.save_button = QPushButton(_("Spara utkast"))
        self.save_button.setAccessibleName(_("Spara utkast (Ctrl+S)"))
        self.sign_button = QPushButton(_("Signera…"))
        self.sign_button.setAccessibleName(_("Signera bedömningen"))
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.sign_button)
        outer.addLayout(bar)
        self.save_button.clicked.connect(lambda: self.save())
        self.sign_button.clicked.connect(self.sign)
        QShortcut(QKeySequence.StandardKey.Save, self, lambda: self.save())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)
        self.load(view)

    # ---- building ------------------------------------------------------------------------------------------
    def _build_sections(self) -> None:
        for section in self.definition.sections:
            box = QGroupBox(loc(section.title))
            box.setObjectName(f"section_{section.id}")
            box.setAccessibleName(loc(section.title))
            lay = QVBoxLayout(box)
            if section.help:
                help_label = QLabel(loc(section.help))
                help_label.setWordWrap(True)
                help_label.setStyleSheet("color: #444;")
                lay.addWidget(help_label)
            for item in section.items:
                widget: ItemRow | RepeatGroupBox = (
                    RepeatGroupBox(item, self.index) if isinstance(item, RepeatGroup) else ItemRow(item, self.index)
                )
                widget.sig_changed.connect(self._answers_changed)
                lay.addWidget(widget)
                self.items[item.id] = widget
            self.body_layout.addWidget(box)
            self.sections[section.id] = box

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        try:
            body = self.scroll_area.widget()
            if new is not None and body is not None and body.isAncestorOf(new):
                self.scroll_area.ensureWidgetVisible(new, 40, 60)
        except RuntimeError:  # this runner is being deleted
            pass

    # ---- state ---------------------------------------------------------------------------------------------
    def load(self, view: AssessmentView) -> None:
        self.view = view
        self._loading = True
        for item_id, widget in self.items.items():
            widget.set_value(view.record.answers.get(item_id))
        for jid, jb in self.judgements.items():
            jb.set_entry(view.record.judgements.get(jid))
        self._loading = False
        self.refresh()
        signed = view.status == "signed"
        for widget in self.items.values():
            widget.set_read_only(signed)
        for jb in self.judgements.values():
            jb.set_read_only(signed)
        self.save_button.setVisible(not signed)
        self.sign_button.setVisible(not signed)
        self._show_status()

    def _show_status(self) -> None:
        v = self.view
        if v.status == "signed" and v.signed_at is not None:
            text = _("Signerad av {user} {when}. Skrivskyddad: en rättelse görs som en ny bedömning som ersätter "
                     "denna.").format(user=v.signed_by or "", when=local_stamp(v.signed_at))
            if v.superseded_by:
                text += " " + _("Den är ersatt av en nyare bedömning.")
            if v.record.cosign_required:
                text += " " + (
                    _("Lägre nivå än förslaget: medsignerad av arbetsledare {who}.").format(who=v.cosigned_by)
                    if v.cosigned_by
                    else _("Lägre nivå än förslaget: enligt lokal rutin ska en arbetsledare medsignera. "
                           "Inte medsignerad ännu.")
                )
        else:
            text = _("Utkast (sparat). Dina ändringar sparas när du väljer Spara utkast eller Signera.")
            if v.supersedes_id:
                text += " " + _("Ersätter en tidigare signerad bedömning; svaren är hämtade från den.")
        self.status.setText(text)

    def raw_answers(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for item_id, widget in self.items.items():
            value = widget.value()
            if value is not None:
                out[item_id] = value
        return out

    def answers(self) -> dict[str, Any]:
        """The answers to save: visible items only (a hidden item's answer is not kept)."""
        return visible_answers(self.definition, self.raw_answers())

    def _answers_changed(self) -> None:
        if not self._loading:
            self.refresh()

    def _judgement_changed(self) -> None:
        if not self._loading:
            self.message.setText("")

    def refresh(self) -> None:
        """Recompute visibility, critical marks, live scores and advice from the answers on screen."""
        raw = self.raw_answers()
        try:
            state = runner_state(self.definition, raw)
        except (StodError, ValueError, TypeError):
            return  # an unparsable value (e.g. a half-typed number) keeps the previous state
        self.state = state
        for sid, box in self.sections.items():
            box.setHidden(sid not in state.visible_sections)
        visible, critical = set(state.visible_items), set(state.critical_items)
        for item_id, widget in self.items.items():
            widget.setHidden(item_id not in visible)
            if isinstance(widget, ItemRow):
                widget.set_critical(item_id in critical)
            else:
                widget.update_visibility(raw, state.effective_answers)
        self.scores.update_scores(state.scores)
        for jid, advised in state.advised.items():
            if jid in self.judgements:
                self.judgements[jid].set_advised(advised)

    def is_visible_item(self, item_id: str) -> bool:
        return self.state is not None and item_id in self.state.visible_items

    # ---- actions -------------------------------------------------------------------------------------------
    def _readable(self, line: str) -> str:
        """'item_id[0].child: message' -> 'Question text (rad 1): message' for people."""
        head, sep, rest = line.partition(": ")
        if not sep:
            return line
        base, _b, tail = head.partition("[")
        ref = self.index.items.get(base)
        judgement = next((j for j in self.definition.judgements if j.id == base), None)
        if ref is not None:
            name = loc(ref.item.text)
        elif judgement is not None:
            name = loc(judgement.label)
        else:
            return line
        if tail:
            row, _dot, child = tail.partition("].")
            child_ref = self.index.items.get(child)
            name += " (" + _("rad {n}").format(n=int(row) + 1 if row.isdigit() else row)
            name += (": " + loc(child_ref.item.text)) if child_ref else ""
            name += ")"
        return f"{name}: {rest}"

    def first_problem_widget(self, err: ValidationFailed) -> QWidget | None:
        for line in err.lines:
            base = line.partition(": ")[0].partition("[")[0]
            if base in self.items:
                return self.items[base]
            if base in self.judgements:
                return self.judgements[base]
        return None

    def _fail(self, err: StodError) -> None:
        lines = [str(err)]
        if isinstance(err, ValidationFailed):
            lines += [f"• {self._readable(line)}" for line in err.lines[:MAX_ERROR_LINES]]
            target = self.first_problem_widget(err)
            if target is not None:
                self.scroll_area.ensureWidgetVisible(target)
                focus = getattr(target, "focus_widget", None)
                (focus() if callable(focus) else target).setFocus()
            if len(err.lines) > MAX_ERROR_LINES:
                lines.append(_("… och {n} till").format(n=len(err.lines) - MAX_ERROR_LINES))
        self.message.setText("\n".join(lines))
        self.message.setStyleSheet("color: #b00020;")
        self.sig_failed.emit(err)

    @property
    def writing(self) -> bool:
        """True while a save or a signature runs in the background (`background=True`; tests wait for it)."""
        return self._writing

    def _set_writing(self, on: bool) -> None:
        """While a write is away, nothing on the form changes (what comes back replaces what is shown)."""
        self._writing = on
        body = self.scroll_area.widget()
        if body is not None:
            body.setEnabled(not on)
        for button in (self.save_button, self.sign_button):
            button.setEnabled(not on)
        if on:
            self.message.setStyleSheet("")
            self.message.setText(_("Sparar…"))

    def _run(self, op: Callable[[], AssessmentView], done: Callable[[AssessmentView], object]) -> bool:
        """Run a write now (local store) or on `run_op` (`background`: a server round trip); False if refused now."""
        if not self._background:
            try:
                view = op()
            except StodError as err:
                self._fail(err)
                return False
            done(view)
            return True

        def finished(view: AssessmentView) -> None:
            self._set_writing(False)
            done(view)

        def failed(err: BaseException) -> None:
            self._set_writing(False)
            self._fail(err if isinstance(err, StodError) else StodError(error_text(err)))

        self._set_writing(True)
        run_op(self, op, finished, failed, indicator=lambda _on: None)  # the form says "Sparar…" meanwhile
        return True

    def save(self, then: Callable[[], object] | None = None) -> bool:
        """Save the answers and every judgement changed on screen, all or nothing; `then()` after it is saved.
        Shows a refusal (and returns False when it is known at once)."""
        if self.view.status != "draft" or self._writing:
            return False
        changed = {jid: (jb.value(), jb.reason_text()) for jid, jb in self.judgements.items() if jb.dirty()}
        service, assessment_id, answers = self.service, self.view.id, self.answers()

        def saved(view: AssessmentView) -> None:
            self.load(view)
            self.message.setStyleSheet("")
            self.message.setText(_("Utkastet sparades."))
            self.sig_saved.emit(view)
            if then is not None:
                then()

        return self._run(lambda: service.save_draft(assessment_id, answers, changed), saved)

    def sign(self) -> bool:
        """Save, then list everything missing at once (and go to the first); ask only when it can be signed."""
        if self.view.status != "draft" or self._writing:
            return False
        if self._background:
            return self.save(then=self._sign_saved)
        return self.save() and self._sign_saved()

    def _sign_saved(self) -> bool:
        problems = sign_problems(self.view.record)
        if problems:
            self._fail(ValidationFailed(_("Bedömningen är inte komplett: {missing}.").format(
                missing=missing_summary(len(problems))), problems))
            return False
        if not self.confirm(self, _("När bedömningen är signerad kan den inte ändras. Signera nu?")):
            return False
        service, assessment_id = self.service, self.view.id

        def signed(view: AssessmentView) -> None:
            self.load(view)
            self.message.setStyleSheet("")
            self.message.setText(_("Bedömningen är signerad."))
            self.sig_signed.emit(view)

        return self._run(lambda: service.sign(assessment_id), signed)
