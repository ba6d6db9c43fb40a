"""One professional judgement: advice (advised mode) or none (SPJ), the choice, and the override reason."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QWidget

from stodapp.calendar_se import local_stamp
from stodapp.checklists.judgements import JudgementEntry
from stodapp.checklists.schema import Judgement, OverridePolicy, Scale
from stodapp.i18n import _
from ui.checklists.text import loc, option_label


class JudgementBox(QGroupBox):
    sig_changed = Signal()

    def __init__(self, judgement: Judgement, scale: Scale, parent: QWidget | None = None) -> None:
        super().__init__(loc(judgement.label) + (" *" if judgement.required else ""), parent)
        self.judgement = judgement
        self.scale = scale
        self.setObjectName(f"judgement_{judgement.id}")
        self.setAccessibleName(loc(judgement.label))
        self._advised: str | None = None
        self._touched = False
        self._loading = False
        self._stored: tuple[str | None, str] = (None, "")
        form = QFormLayout(self)
        if judgement.help:
            help_label = QLabel(loc(judgement.help))
            help_label.setWordWrap(True)
            help_label.setStyleSheet("color: #444;")
            form.addRow(help_label)
        self.advice = QLabel()
        self.advice.setWordWrap(True)
        form.addRow(self.advice)
        self.value_combo = QComboBox()
        self.value_combo.addItem(_("– ej gjord –"), None)
        for option in scale.options:
            self.value_combo.addItem(loc(option.label) or option.code, option.code)
        self.value_combo.setAccessibleName(_("Bedömning: {label}").format(label=loc(judgement.label)))
        form.addRow(_("Din bedömning"), self.value_combo)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(60)
        self.reason.setAccessibleName(_("Motivering: {label}").format(label=loc(judgement.label)))
        self.reason.setPlaceholderText(self._reason_hint())
        form.addRow(_("Motivering"), self.reason)
        self.meta = QLabel()
        self.meta.setStyleSheet("color: #444;")
        form.addRow(self.meta)
        # A lower level than suggested: the professional's judgement stands, with a reason, shown as a deviation.
        self.deviation = QLabel()
        self.deviation.setObjectName(f"deviation_{judgement.id}")
        self.deviation.setWordWrap(True)
        self.deviation.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.deviation.setVisible(False)
        form.addRow(self.deviation)
        self.value_combo.currentIndexChanged.connect(self._show_deviation)
        self.reason.textChanged.connect(self._show_deviation)
        self.value_combo.currentIndexChanged.connect(self._user_changed)
        self.reason.textChanged.connect(self._user_changed)
        self._show_advice()

    def _policy(self) -> OverridePolicy:
        return self.judgement.override or OverridePolicy()

    def _reason_hint(self) -> str:
        if self.judgement.mode == "spj":
            return _("Vad bygger bedömningen på? (frivilligt)")
        n = self._policy().min_reason_chars
        return _("Krävs om du avviker från förslaget (minst {n} tecken).").format(n=n)

    def _show_advice(self) -> None:
        if self.judgement.mode == "spj":
            text = _("Strukturerad professionell bedömning: inget förslag. Gör din egen bedömning utifrån "
                     "hela underlaget.")
        elif self._advised is None:
            text = _("Förslag: inget (poängen är ej bedömbar ännu).")
        else:
            text = _("Förslag utifrån poängen: {value}.").format(value=option_label(self.scale, self._advised))
            allowed = self._policy().allowed
            if allowed == "raise_only":
                text += " " + _("Du kan höja nivån med motivering, inte sänka den.")
            elif allowed == "none":
                text += " " + _("Förslaget kan inte ändras.")
            else:
                text += " " + _("Du kan avvika med en skriftlig motivering.")
        self.advice.setText(text)

    def is_lower_than_advice(self) -> bool:
        codes = [o.code for o in self.scale.options]
        value, advised = self.value(), self._advised
        return (
            self.scale.ordered
            and value is not None
            and advised is not None
            and value in codes
            and advised in codes
            and codes.index(value) < codes.index(advised)
        )

    def _show_deviation(self) -> None:
        lower = self.judgement.mode == "advised" and self.is_lower_than_advice()
        self.deviation.setVisible(lower)
        if lower and len(self.reason.toPlainText().strip()) >= self._policy().min_reason_chars:
            self.deviation.setText(_("Avvikelse: lägre nivå än förslaget. Din bedömning gäller; motiveringen och "
                                     "avvikelsen syns i bedömningen och på utskriften."))
        elif lower:
            n = self._policy().min_reason_chars
            self.deviation.setText(
                _("Avvikelse: lägre nivå än förslaget. Din bedömning gäller – skriv en motivering (minst {n} "
                  "tecken). Avvikelsen syns i bedömningen och på utskriften.").format(n=n)
            )
        else:
            self.deviation.setText("")

    def _user_changed(self) -> None:
        if not self._loading:
            self._touched = True
            self.sig_changed.emit()

    def set_entry(self, entry: JudgementEntry | None) -> None:
        """Show the stored entry (after load or save)."""
        self._loading = True
        self._advised = entry.advised if entry else None
        value = entry.value if entry else None
        self.value_combo.setCurrentIndex(max(0, self.value_combo.findData(value)) if value else 0)
        self.reason.setPlainText(entry.reason if entry else "")
        self._stored = (value, entry.reason if entry else "")
        self._touched = False
        if entry is not None and entry.by and entry.at is not None and (entry.overridden or entry.reason):
            self.meta.setText(_("Beslutad av {user} {when}").format(
                user=entry.by, when=local_stamp(entry.at)))
        else:
            self.meta.setText("")
        self._loading = False
        self._show_advice()
        self._show_deviation()

    def set_advised(self, advised: str | None) -> None:
        """Live advice from unsaved answers: an untouched value that followed the advice follows it again."""
        if self.judgement.mode != "advised" or advised == self._advised:
            return
        follows = self.value() == self._advised and not self.reason.toPlainText().strip()
        self._advised = advised
        if follows and not self._touched:
            self._loading = True
            self.value_combo.setCurrentIndex(max(0, self.value_combo.findData(advised)) if advised else 0)
            self._loading = False
        self._show_advice()
        self._show_deviation()

    def value(self) -> str | None:
        data = self.value_combo.currentData()
        return None if data is None else str(data)

    def reason_text(self) -> str:
        return self.reason.toPlainText()

    def dirty(self) -> bool:
        return self._touched and (self.value(), self.reason_text()) != self._stored

    def set_read_only(self, read_only: bool) -> None:
        self.value_combo.setEnabled(not read_only)
        self.reason.setReadOnly(read_only)

    def focus_widget(self) -> QWidget:
        """Where signing sends the user when this judgement is missing."""
        return self.value_combo
