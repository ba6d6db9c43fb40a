"""The report's fields as a form: load a ConcernReport, give back the editor's changes as a dict."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from stodapp.concerns.model import (
    REPORTER_KIND_LABELS,
    SOURCE_LABELS,
    URGENCY_LABELS,
    ConcernReport,
    ReporterKind,
    Urgency,
)
from stodapp.errors import UserInputError
from stodapp.i18n import N_, _
from ui.concerns import form_fields as fields
from ui.concerns.guardians_table import GuardiansTable
from ui.concerns.municipality_combo import MunicipalityCombo

HONOUR_REASON = N_(
    "Hederskontext: vårdnadshavare ska inte kontaktas eller informeras (risk för barnets säkerhet)."
)


class ReportForm(QWidget):
    sig_context_changed = Signal()  # urgency, honour, disability, reporter kind, date or municipality changed

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._report: ConcernReport | None = None
        self.reporter_defaults: dict[str, str] = {}  # used while the draft has no reporter yet
        # -- the report
        self.report_date = fields.date_field(_("Anmälans datum"), today)
        self.urgency = fields.combo(_("Brådska"), [(_(URGENCY_LABELS[u]), u.value) for u in Urgency])
        self.feedback = fields.check(_("Anmälaren vill ha återkoppling"))
        self.honour = fields.check(_("Hederskontext"), _("Hederskontext (vårdnadshavare kontaktas inte)"))
        # -- the child
        self.child_name = fields.line(_("Barnets namn"))
        self.child_pnr = fields.line(_("Barnets personnummer"), _("ÅÅÅÅMMDD-NNNN"))
        self.child_address = fields.line(_("Barnets adress"))
        self.child_protected = fields.check(_("Barnet har skyddade personuppgifter"))
        self.child_protected.setEnabled(False)  # comes from the case, never edited here
        self.child_disability = fields.check(_("Barnet har en funktionsnedsättning"))
        self.municipality = MunicipalityCombo()
        self.interpreter = fields.check(_("Tolk behövs"))
        self.interpreter_language = fields.line(_("Tolkspråk"), _("t.ex. arabiska, somaliska, teckenspråk"))
        self.guardians = GuardiansTable()
        # -- the reporter
        self.reporter_name = fields.line(_("Anmälarens namn"))
        self.reporter_title = fields.line(_("Anmälarens befattning"), _("t.ex. socialsekreterare"))
        self.reporter_kind = fields.combo(_("Anmälarens verksamhet"),
                                          [(_(label), kind.value) for kind, label in REPORTER_KIND_LABELS.items()])
        # The longest kinds ("School, preschool or after-school centre") would set the form's minimum width; the
        # field keeps a sensible width, the list opens at full width and the tooltip says the whole choice.
        self.reporter_kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.reporter_kind.setMinimumContentsLength(26)
        self.reporter_kind.currentTextChanged.connect(self.reporter_kind.setToolTip)
        self.reporter_kind.setToolTip(self.reporter_kind.currentText())
        for index in range(self.reporter_kind.count()):
            self.reporter_kind.setItemData(index, self.reporter_kind.itemText(index), Qt.ItemDataRole.ToolTipRole)
        self.reporter_unit = fields.line(_("Anmälarens enhet"))
        self.reporter_phone = fields.line(_("Anmälarens telefon"))
        self.reporter_email = fields.line(_("Anmälarens e-post"))
        # -- the concern
        self.description = fields.text(_("Vad har iakttagits eller berättats"),
                                       _("Beskriv sakligt vad du har sett eller hört, och vad som oroar dig."))
        self.description.setMinimumHeight(120)
        self.observed_on = fields.date_field(_("När (datum för iakttagelsen)"), today, unknown_allowed=True)
        self.observed_by = fields.line(_("Vem har sett eller hört det"))
        sources = [(_(v), k.value) for k, v in SOURCE_LABELS.items()]
        self.source = fields.combo(_("Hur känner anmälaren till det"), [(_("Ej angivet"), None), *sources])
        self.concern_since = fields.line(_("Hur länge har oron funnits"), _("t.ex. sedan hösten 2025"))
        self.child_words = fields.text(_("Barnets egna ord"), _("Citera barnet ordagrant om du kan."))
        # -- informing, police
        self.guardians_informed = fields.tri(_("Vårdnadshavare informerade om anmälan"))
        self.guardians_reason = fields.line(_("Varför vårdnadshavare inte informerats"))
        self.child_informed = fields.tri(_("Barnet informerat om anmälan"))
        self.child_reason = fields.line(_("Varför barnet inte informerats"))
        self.police = fields.tri(_("Polisanmälan gjord"))
        self.police_note = fields.line(_("Polisanmälan, kommentar"), _("t.ex. diarienummer eller vem som anmält"))

        layout = QVBoxLayout(self)
        box, form = self._section(_("Anmälan"))
        form.addRow(_("Anmälans datum"), self.report_date)
        form.addRow(_("Brådska"), self.urgency)
        form.addRow("", self.feedback)
        form.addRow("", self.honour)
        layout.addWidget(box)
        box, form = self._section(_("Barnet"))
        form.addRow(_("Namn"), self.child_name)
        form.addRow(_("Personnummer"), self.child_pnr)
        form.addRow(_("Adress"), self.child_address)
        form.addRow("", self.child_protected)
        form.addRow("", self.child_disability)
        form.addRow(_("Hemkommun"), self.municipality)
        form.addRow("", self.interpreter)
        form.addRow(_("Tolkspråk"), self.interpreter_language)
        layout.addWidget(box)
        box, form = self._section(_("Vårdnadshavare"))
        form.addRow(self.guardians)
        layout.addWidget(box)
        box, form = self._section(_("Anmälaren (anmälningsskyldig, inte anonym)"))
        form.addRow(_("Namn"), self.reporter_name)
        form.addRow(_("Befattning"), self.reporter_title)
        form.addRow(_("Verksamhet"), self.reporter_kind)
        form.addRow(_("Enhet"), self.reporter_unit)
        form.addRow(_("Telefon"), self.reporter_phone)
        form.addRow(_("E-post"), self.reporter_email)
        layout.addWidget(box)
        box, form = self._section(_("Oron"))
        form.addRow(_("Vad har iakttagits eller berättats"), self.description)
        form.addRow(_("När"), self.observed_on)
        form.addRow(_("Av vem"), self.observed_by)
        form.addRow(_("Källa"), self.source)
        form.addRow(_("Hur länge"), self.concern_since)
        form.addRow(_("Barnets egna ord"), self.child_words)
        layout.addWidget(box)
        box, form = self._section(_("Information och polisanmälan"))
        self.honour_note = QLabel(
            _("Hederskontext: vårdnadshavare ska inte kontaktas eller informeras om anmälan. "
              "Uppgiften om att informera dem visas därför inte.")
        )
        self.honour_note.setWordWrap(True)
        self.honour_note.setStyleSheet("color:#5c0011; font-weight:bold;")
        form.addRow(self.honour_note)
        self.guardians_informed_label = QLabel(_("Vårdnadshavare informerade"))
        self.guardians_reason_label = QLabel(_("Varför inte"))
        form.addRow(self.guardians_informed_label, self.guardians_informed)
        form.addRow(self.guardians_reason_label, self.guardians_reason)
        form.addRow(_("Barnet informerat"), self.child_informed)
        form.addRow(_("Varför inte"), self.child_reason)
        form.addRow(_("Polisanmälan gjord"), self.police)
        form.addRow(_("Kommentar"), self.police_note)
        layout.addWidget(box)
        layout.addStretch(1)

        for signal in (self.urgency.currentIndexChanged, self.reporter_kind.currentIndexChanged,
                       self.municipality.currentIndexChanged, self.report_date.dateChanged):
            signal.connect(lambda *_args: self.sig_context_changed.emit())
        for box_ in (self.honour, self.child_disability):
            box_.toggled.connect(lambda *_args: self.sig_context_changed.emit())
        self.honour.toggled.connect(self._honour_toggled)
        self.interpreter.toggled.connect(self.interpreter_language.setEnabled)

    @staticmethod
    def _section(title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        box.setAccessibleName(title)
        return box, QFormLayout(box)

    # ---- loading -------------------------------------------------------------------------------------------
    def load(self, report: ConcernReport) -> None:
        self._report = report
        widgets = [self, self.municipality, self.honour, self.child_disability, self.urgency, self.reporter_kind,
                   self.report_date]
        for w in widgets:
            w.blockSignals(True)
        self.report_date.setDate(fields.qdate(report.report_date))
        self.urgency.setCurrentIndex(self.urgency.findData(report.urgency.value))
        self.feedback.setChecked(report.feedback_wanted)
        self.honour.setChecked(report.honour_context)
        child = report.child
        self.child_name.setText(child.name if child else "")
        self.child_pnr.setText(child.personnummer if child else "")
        self.child_address.setText(child.address if child else "")
        self.child_protected.setChecked(bool(child and child.protected_identity))
        self.child_disability.setChecked(bool(child and child.has_disability))
        self.municipality.set_code(report.home_municipality_code)
        self.interpreter.setChecked(report.interpreter_needed)
        self.interpreter_language.setText(report.interpreter_language)
        self.guardians.load(report.guardians)
        rep = report.reporter
        defaults = self.reporter_defaults if rep is None else {}
        self.reporter_name.setText(rep.name if rep else defaults.get("name", ""))
        self.reporter_title.setText(rep.title if rep else "")
        kind = rep.kind if rep else ReporterKind.SOCIAL_SERVICES
        self.reporter_kind.setCurrentIndex(self.reporter_kind.findData(kind.value))
        self.reporter_unit.setText(rep.unit if rep else defaults.get("unit", ""))
        self.reporter_phone.setText(rep.phone if rep else "")
        self.reporter_email.setText(rep.email if rep else "")
        c = report.concern
        self.description.setPlainText(c.description)
        self.observed_on.setDate(fields.qdate(c.observed_on))
        self.observed_by.setText(c.observed_by)
        self.source.setCurrentIndex(self.source.findData(c.source.value if c.source is not None else None))
        self.concern_since.setText(c.concern_since)
        self.child_words.setPlainText(c.child_own_words)
        self.guardians_informed.setCurrentIndex(self.guardians_informed.findData(report.guardians_informed))
        self.guardians_reason.setText(report.guardians_not_informed_reason)
        self.child_informed.setCurrentIndex(self.child_informed.findData(report.child_informed))
        self.child_reason.setText(report.child_not_informed_reason)
        self.police.setCurrentIndex(self.police.findData(report.police_report_made))
        self.police_note.setText(report.police_report_note)
        for w in widgets:
            w.blockSignals(False)
        self._apply_protection()
        self.interpreter_language.setEnabled(self.interpreter.isChecked())

    def _apply_protection(self) -> None:
        protected = self.child_protected.isChecked()
        self.child_address.setEnabled(not protected)
        self.child_address.setPlaceholderText(_("Skyddad – anges inte i anmälan") if protected else "")
        # Honour context: the guardians must not be told, so the control is hidden (and never sent as "yes").
        honour = self.honour.isChecked()
        for w in (self.guardians_informed_label, self.guardians_informed, self.guardians_reason_label,
                  self.guardians_reason):
            w.setVisible(not honour)
        self.honour_note.setVisible(honour)
        # Once the case or a saved draft says honour context, it cannot be switched off here.
        self.honour.setEnabled(not (self._report is not None and self._report.honour_context))

    def _honour_toggled(self, _checked: bool) -> None:
        self._apply_protection()

    # ---- reading -------------------------------------------------------------------------------------------
    def context_report(self) -> ConcernReport | None:
        """The loaded report with the form's safety-relevant flags (for notices; not validated)."""
        if self._report is None or self.urgency.currentData() is None:
            return None  # nothing loaded, or the form is being emptied (lock, sign-out)
        child = self._report.child
        updates: dict[str, Any] = {
            "urgency": Urgency(self.urgency.currentData()),
            "honour_context": self.honour.isChecked(),
        }
        if child is not None:
            updates["child"] = child.model_copy(update={"has_disability": self.child_disability.isChecked()})
        return self._report.model_copy(update=updates)

    def reporter_kind_value(self) -> ReporterKind:
        return ReporterKind(self.reporter_kind.currentData())

    def report_date_value(self) -> date:
        value = fields.pydate(self.report_date.date())
        assert value is not None
        return value

    def changes(self) -> dict[str, Any]:
        """Everything the caseworker can edit, for ConcernService.edit_draft (the model validates it)."""
        unmatched = self.municipality.unmatched_text()
        if unmatched:
            raise UserInputError(
                _("Okänd kommun: {name}. Välj en kommun i listan.").format(name=unmatched[:60])
            )
        honour = self.honour.isChecked()
        child: dict[str, Any] = {
            "name": self.child_name.text().strip(),
            "personnummer": self.child_pnr.text().strip(),
            "has_disability": self.child_disability.isChecked(),
        }
        if not self.child_protected.isChecked():
            child["address"] = self.child_address.text().strip()
        reporter_fields = {
            "name": self.reporter_name.text().strip(),
            "title": self.reporter_title.text().strip(),
            "unit": self.reporter_unit.text().strip(),
            "phone": self.reporter_phone.text().strip(),
            "email": self.reporter_email.text().strip(),
        }
        reporter = None
        # Only the suggested defaults (not typed by the caseworker) keep a draft without a reporter.
        typed = any(v and v != self.reporter_defaults.get(k) for k, v in reporter_fields.items())
        if typed:
            reporter = {**reporter_fields, "kind": self.reporter_kind.currentData()}
        out: dict[str, Any] = {
            "report_date": self.report_date_value(),
            "urgency": self.urgency.currentData(),
            "feedback_wanted": self.feedback.isChecked(),
            "honour_context": honour,
            "child": child,
            "home_municipality_code": self.municipality.code(),
            "interpreter_needed": self.interpreter.isChecked(),
            "interpreter_language": self.interpreter_language.text().strip() if self.interpreter.isChecked() else "",
            "guardians": self.guardians.values(),
            "reporter": reporter,
            "concern": {
                "description": self.description.toPlainText().strip(),
                "observed_on": fields.pydate(self.observed_on.date()),
                "observed_by": self.observed_by.text().strip(),
                "source": self.source.currentData(),
                "concern_since": self.concern_since.text().strip(),
                "child_own_words": self.child_words.toPlainText().strip(),
            },
            "child_informed": self.child_informed.currentData(),
            "child_not_informed_reason": self.child_reason.text().strip(),
            "police_report_made": self.police.currentData(),
            "police_report_note": self.police_note.text().strip(),
        }
        if honour:
            loaded = self._report.guardians_not_informed_reason if self._report else ""
            out["guardians_informed"] = False
            out["guardians_not_informed_reason"] = loaded or _(HONOUR_REASON)
        else:
            out["guardians_informed"] = self.guardians_informed.currentData()
            out["guardians_not_informed_reason"] = self.guardians_reason.text().strip()
        return out

    # ---- read-only after signing ---------------------------------------------------------------------------
    def set_read_only(self, read_only: bool) -> None:
        for w in self.findChildren(QLineEdit):
            if w.parent() is self.municipality:
                continue
            w.setReadOnly(read_only)
        for t in self.findChildren(QPlainTextEdit):
            t.setReadOnly(read_only)
        toggles: list[QWidget] = [*self.findChildren(QComboBox), *self.findChildren(QCheckBox),
                                  *self.findChildren(QDateEdit)]
        for toggle in toggles:
            if toggle is not self.child_protected:
                toggle.setEnabled(not read_only)
        if not read_only:
            self._apply_protection()
            self.interpreter_language.setEnabled(self.interpreter.isChecked())
        self.guardians.set_read_only(read_only)

    def focus_field(self, key: str) -> None:
        """Put the cursor in the field a finalise problem names (`finalise_problems` keys) and scroll to it."""
        targets: dict[str, QWidget] = {
            "home_municipality_code": self.municipality,
            "interpreter_language": self.interpreter_language,
            "reporter": self.reporter_name,
            "source": self.source,
            "description": self.description,
            "guardians_not_informed_reason": self.guardians_reason,
            "child_not_informed_reason": self.child_reason,
        }
        target = targets.get(key)
        if target is None:
            return
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(target)
        target.setFocus()
