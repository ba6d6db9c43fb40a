"""ResultsDialog: the trainer's report preview: per trainee and group agreement, discussion list; the report for
the group or one trainee printed (QPrintDialog) or saved as PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from stodapp.i18n import _
from stodapp.training.agreement import GroupAgreement, KindSummary, TraineeAgreement
from stodapp.training.display import differed_text, distribution_text, kappa_text, pct
from stodapp.training.service import SessionResults
from ui.training.catalog import MARK_COLOUR, TRAINING_MARK
from ui.widgets.banner import Banner
from ui.widgets.paper_actions import PaperActions


def weighted_text(s: KindSummary) -> str:
    return "; ".join(
        f"{' / '.join(w.scale_labels or w.scale)}: {kappa_text(w.result.kappa, w.result.reason)}" for w in s.weighted
    ) or "–"


def _table(headers: list[str], rows: list[list[str]], name: str) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()
    for c in range(len(headers)):
        table.setColumnWidth(c, min(table.columnWidth(c), 360))
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ResultsDialog(QDialog):
    def __init__(self, results: SessionResults, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = results
        self.saved: Path | None = None
        self.setWindowTitle(f"{TRAINING_MARK} – {_('Resultat')}: {results.session.title}")
        self.setAccessibleName(_("Resultat för övningstillfället"))
        self.resize(1100, 740)
        lay = QVBoxLayout(self)
        lay.addWidget(Banner(TRAINING_MARK, self, background=MARK_COLOUR))
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Resultat"))
        lay.addWidget(self.tabs, 1)
        self._trainee_tab()
        self._group_tab(results.group)

        row = QHBoxLayout()
        self.report_choice = QComboBox(self)
        self.report_choice.setAccessibleName(_("Rapport för"))
        if results.group is not None:
            self.report_choice.addItem(_("Gruppen"), None)
        for t in results.per_trainee:
            self.report_choice.addItem(_("Deltagare: {name}").format(name=t.trainee), t.trainee)
        choice_label = QLabel(_("&Rapport för:"), self)
        choice_label.setBuddy(self.report_choice)
        self.status = QLabel(self)
        self.status.setAccessibleName(_("Status"))
        self.status.setWordWrap(True)
        # Fictional training data only (the FIKTIVT mark is on every page): no warning before saving.
        self.paper = PaperActions(self._report_job, self._report_name, what=_("utbildarrapporten"), parent=self)
        self.paper.sig_saved.connect(self._saved)
        self.paper.sig_printed.connect(
            lambda pages: self.status.setText(_("Skickade {n} sidor till skrivaren.").format(n=pages)))
        self.paper.sig_failed.connect(lambda message: self.status.setText(message))
        self.save_button = self.paper.buttons[1]
        close = QPushButton(_("Stäng"), self)
        close.clicked.connect(self.accept)
        row.addWidget(choice_label)
        row.addWidget(self.report_choice)
        row.addWidget(self.paper)
        row.addWidget(self.status, 1)
        row.addWidget(close)
        lay.addLayout(row)

    # ---- tabs ----------------------------------------------------------------------------------------------
    def _trainee_tab(self) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        rows = []
        for t in self.results.per_trainee:
            a, j = t.answers, t.judgements
            rows.append([t.trainee, str(a.compared), str(a.unanswered), pct(a.percent_agreement),
                         kappa_text(a.cohen.kappa, a.cohen.reason), weighted_text(a), pct(j.percent_agreement),
                         kappa_text(j.cohen.kappa, j.cohen.reason)])  # fmt: skip
        self.trainee_table = _table(
            [_("Deltagare"), _("Jämförda svar"), _("Obesvarade"), _("Lika referensen"), _("Cohens kappa"),
             _("Viktad kappa (ordnade skalor)"), _("Bedömningar lika ref."), _("Cohens kappa, bedömningar")],
            rows, _("Deltagarnas överensstämmelse med referensen"))  # fmt: skip
        self.trainee_table.currentCellChanged.connect(lambda row, *_a: self._show_trainee(row))
        lay.addWidget(self.trainee_table, 1)
        self.item_label = QLabel(page)
        lay.addWidget(self.item_label)
        self.item_table = _table([_("Fråga"), _("Referens"), _("Svar"), _("Lika"), _("Motivering i referensen")],
                                 [], _("Svar per fråga"))  # fmt: skip
        for column, chars in enumerate((48, 14, 14, 8)):
            self.item_table.setColumnWidth(column, self.fontMetrics().averageCharWidth() * chars)
        lay.addWidget(self.item_table, 2)
        self.tabs.addTab(page, _("&Deltagare"))
        if self.results.per_trainee:
            self.trainee_table.setCurrentCell(0, 0)
            self._show_trainee(0)

    def _show_trainee(self, row: int) -> None:
        if not 0 <= row < len(self.results.per_trainee):
            return
        t: TraineeAgreement = self.results.per_trainee[row]
        self.item_label.setText(_("Svar per fråga för {name} (största avvikelser först)").format(name=t.trainee))
        first = {i.key for i in t.largest_disagreements}
        items = [*t.largest_disagreements, *[i for i in t.items if i.key not in first]]
        marks = {True: _("ja"), False: _("nej"), None: _("obesvarad")}
        self.item_table.setRowCount(len(items))
        for r, i in enumerate(items):
            values = [i.label, i.reference_label, i.trainee_label or "–", marks[i.agree], i.rationale]
            for c, v in enumerate(values):
                self.item_table.setItem(r, c, QTableWidgetItem(v))
        self.item_table.resizeRowsToContents()

    def _group_tab(self, group: GroupAgreement | None) -> None:
        page = QWidget()
        lay = QVBoxLayout(page)
        if group is None:
            lay.addWidget(QLabel(_("Gruppresultat kräver minst två deltagare."), page))
            self.group_summary = QLabel("", page)
            self.discussion_table = _table([_("Fråga")], [], _("Att diskutera"))
        else:
            a, j = group.answers_fleiss, group.judgements_fleiss
            self.group_summary = QLabel(
                _("{n} deltagare. Fleiss kappa, svar: {ka} (parvis överensstämmelse {pa}). "
                  "Fleiss kappa, bedömningar: {kj} (parvis {pj}).").format(
                    n=len(group.trainees), ka=kappa_text(a.kappa, a.reason), pa=pct(a.observed),
                    kj=kappa_text(j.kappa, j.reason), pj=pct(j.observed)), page)  # fmt: skip
            self.group_summary.setWordWrap(True)
            self.group_summary.setAccessibleName(_("Gruppens överensstämmelse"))
            lay.addWidget(self.group_summary)
            self.scale_table = _table(
                [_("Skala"), _("Fleiss kappa"), _("Parvis överensstämmelse")],
                [[" / ".join(labels or codes), kappa_text(res.kappa, res.reason), pct(res.observed)]
                 for (codes, res), labels in zip(group.scales, group.scale_labels or [()] * len(group.scales),
                                                 strict=True)],
                _("Fleiss kappa per skala"))  # fmt: skip
            lay.addWidget(self.scale_table, 1)
            lay.addWidget(QLabel(_("Att diskutera: frågor där gruppen är oenig"), page))
            self.discussion_table = _table(
                [_("Fråga"), _("Fördelning"), _("Referens"), _("Andel lika ref."), _("Svarade annorlunda än ref."),
                 _("Motivering i referensen")],
                [[i.label, distribution_text(i.distribution_labels), ", ".join(i.reference_labels) or "–",
                  pct(i.reference_share), differed_text(i.differed), i.rationale] for i in group.discussion],
                _("Att diskutera"))  # fmt: skip
            lay.addWidget(self.discussion_table, 1)
            lay.addWidget(QLabel(_("Per fråga (andelar; kappa visas bara för helheten och per skala)"), page))
            self.group_items = _table(
                [_("Fråga"), _("Svar"), _("Fördelning"), _("Andel lika ref."), _("Parvis överensstämmelse"),
                 _("Svarade annorlunda än ref."), _("Oenig")],
                [[i.label, str(i.n_ratings), distribution_text(i.distribution_labels), pct(i.reference_share),
                  pct(i.agreement), differed_text(i.differed), _("ja") if i.split else _("nej")]
                 for i in group.items],
                _("Gruppen per fråga"))  # fmt: skip
            lay.addWidget(self.group_items, 2)
        self.tabs.addTab(page, _("&Grupp"))

    # ---- report (printed or saved through PaperActions) -------------------------------------------------
    def _report_name(self) -> str:
        return f"ovning-{self.results.session.id}-{self.report_choice.currentData() or 'grupp'}.pdf"

    def _report_job(self) -> Callable[[], bytes]:
        trainee = self.report_choice.currentData()
        results = self.results

        def work() -> bytes:
            from stodapp.training.report_pdf import group_report_pdf, trainee_report_pdf

            vignettes = [results.session.vignette_id]
            if trainee is None:
                assert results.group is not None
                return group_report_pdf(results.group, vignettes)
            match = next(t for t in results.per_trainee if t.trainee == trainee)
            return trainee_report_pdf(match, vignettes)

        return work

    def _saved(self, path: str) -> None:
        self.saved = Path(path)
        self.status.setText(_("Sparade {name}.").format(name=self.saved.name))
