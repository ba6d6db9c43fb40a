"""Trainer report PDF per trainee and per group: summary, chart of agreement per item, disagreements.

Every page carries the header "ÖVNING – fiktiva uppgifter" and the FIKTIVT watermark. Bytes only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from stodapp.i18n import N_, _
from stodapp.pdf.base import FONT, build_pdf, escape, styles
from stodapp.training.agreement import (
    GroupAgreement,
    GroupItem,
    ItemComparison,
    KindSummary,
    TraineeAgreement,
)
from stodapp.training.display import distribution_text, kappa_text, pct
from stodapp.training.kappa import KappaResult

BANNER = "ÖVNING – fiktiva uppgifter"
WATERMARK = "FIKTIVT"


def _pct(x: float | None) -> str:
    return pct(x)


def _kappa(value: float | None, reason: str | None) -> str:
    return kappa_text(value, reason)


def _table(rows: list[list[Any]], widths: Sequence[float], header: bool = True) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    cell = styles()["cell"]
    rows = [[Paragraph(escape(c), cell) if isinstance(c, str) else c for c in row] for row in rows]
    t = Table(rows, colWidths=list(widths), repeatRows=1 if header else 0)
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9aa3ad")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4e8ee")))
    t.setStyle(TableStyle(style))
    return t


def agreement_chart(labels: Sequence[str], values: Sequence[float], width: float = 470.0) -> Any:
    """A horizontal bar chart of agreement (0–100 %) per item, one bar per label, top to bottom."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib import colors

    n = max(len(values), 1)
    bar = 11.0
    height = n * bar + 40
    d = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 170, 25
    chart.width, chart.height = width - 185, n * bar
    # reportlab draws the first category at the bottom: reverse so the first item is on top
    chart.data = [[round(100 * v, 1) for v in reversed(values)] or [0]]
    chart.categoryAxis.categoryNames = [lab[:38] for lab in reversed(labels)] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 25
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d %%"
    chart.bars[0].fillColor = colors.HexColor("#3b6ea5")
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    d.add(chart)
    d.add(String(170, 8, _("Överensstämmelse per fråga"), fontName=FONT, fontSize=7.5))
    return d


def _head(title: str, vignettes: Sequence[str]) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    st = styles()
    banner = ParagraphStyle("banner", parent=st["h2"], textColor=colors.HexColor("#a01818"))
    return [
        Paragraph(escape(BANNER), banner),
        Paragraph(escape(title), st["h1"]),
        Paragraph(escape(_("Fallbeskrivning: {ids}").format(ids=", ".join(vignettes))), st["body"]),
    ]


def _summary_rows(label: str, s: KindSummary) -> list[list[str]]:
    rows = [
        [label, _("Jämförda: {n}, obesvarade: {u}").format(n=s.compared, u=s.unanswered)],
        [_("  Överensstämmelse"), _pct(s.percent_agreement)],
        [_("  Cohens kappa (nominal)"), _kappa(s.cohen.kappa, s.cohen.reason)],
    ]
    for w in s.weighted:
        rows.append([_("  Kvadratiskt viktad kappa ({scale})").format(scale=" / ".join(w.scale_labels or w.scale)),
                     _kappa(w.result.kappa, w.result.reason)])  # fmt: skip
    return rows


def _disagreement_rows(items: Sequence[ItemComparison]) -> list[list[Any]]:
    rows: list[list[Any]] = [[_("Fråga"), _("Referens"), _("Svar"), _("Motivering i referensen")]]
    for i in items:
        rows.append([i.label, i.reference_label, i.trainee_label or "–", i.rationale])
    return rows


def trainee_report_pdf(result: TraineeAgreement, vignettes: Sequence[str]) -> bytes:
    """One trainee against the reference."""
    from reportlab.platypus import Paragraph, Spacer

    st = styles()
    story: list[Any] = _head(_("Utbildarrapport – deltagare {name}").format(name=result.trainee), vignettes)
    rows = _summary_rows(_("Svar"), result.answers) + _summary_rows(_("Bedömningar"), result.judgements)
    story += [_table(rows, [250, 220], header=False), Spacer(1, 8)]
    compared = [i for i in result.items if i.distance is not None]
    story.append(Paragraph(escape(_("Överensstämmelse med referensen per fråga")), st["h2"]))
    story.append(agreement_chart([i.label for i in compared], [1.0 - (i.distance or 0.0) for i in compared]))
    if result.largest_disagreements:
        story.append(Paragraph(escape(_("Största avvikelser från referensen")), st["h2"]))
        story.append(_table(_disagreement_rows(result.largest_disagreements), [150, 55, 55, 210]))
    unanswered = [i for i in result.items if i.trainee is None]
    if unanswered:
        story.append(Paragraph(escape(_("Obesvarade frågor: {n}").format(n=len(unanswered))), st["body"]))
    story.append(Spacer(1, 6))
    story.append(Paragraph(escape(_(_NOTE)), st["small"]))
    return build_pdf(story, title=_("Utbildarrapport (övning)"), header=BANNER, watermark=WATERMARK)


def _group_rows(items: Sequence[GroupItem], with_rationale: bool) -> list[list[Any]]:
    head = [_("Fråga"), _("Svarsfördelning"), _("Referens"), _("Som ref.")]
    rows: list[list[Any]] = [head + ([_("Motivering")] if with_rationale else [])]
    for i in items:
        row = [i.label, distribution_text(i.distribution_labels), ", ".join(i.reference_labels) or "–",
               _pct(i.reference_share)]
        if with_rationale:
            row.append(i.rationale)
        rows.append(row)
    return rows


def group_report_pdf(result: GroupAgreement, vignettes: Sequence[str]) -> bytes:
    """The group: Fleiss' kappa, chart, discussion list, largest disagreements, one line per trainee."""
    from reportlab.platypus import Paragraph, Spacer

    st = styles()
    story: list[Any] = _head(_("Utbildarrapport – grupp ({n} deltagare)").format(n=len(result.trainees)), vignettes)
    a, j = result.answers_fleiss, result.judgements_fleiss
    rows = [
        [_("Fleiss kappa, svar"), _kappa(a.kappa, a.reason)],
        [_("Parvis överensstämmelse, svar"), _pct(a.observed)],
        [_("Fleiss kappa, bedömningar"), _kappa(j.kappa, j.reason)],
        [_("Parvis överensstämmelse, bedömningar"), _pct(j.observed)],
    ]
    story += [_table(rows, [250, 220], header=False), Spacer(1, 8)]
    story.append(Paragraph(escape(_("Andel av gruppen som svarade som referensen, per fråga")), st["h2"]))
    with_ref = [i for i in result.items if i.reference_share is not None]
    story.append(agreement_chart([i.label for i in with_ref], [i.reference_share or 0.0 for i in with_ref]))
    if result.discussion:
        story.append(Paragraph(escape(_("Att diskutera: frågor där gruppen är oenig")), st["h2"]))
        story.append(_table(_group_rows(result.discussion, False), [200, 160, 60, 50]))
    if result.largest_disagreements:
        story.append(Paragraph(escape(_("Största avvikelser från referensen")), st["h2"]))
        story.append(_table(_group_rows(result.largest_disagreements, True), [120, 95, 50, 40, 165]))
    story.append(Paragraph(escape(_("Deltagare")), st["h2"]))
    rows = [[_("Deltagare"), _("Svar lika ref."), _("Cohens kappa"), _("Bedömningar lika ref.")]]
    for t in result.per_trainee:
        rows.append([t.trainee, _pct(t.answers.percent_agreement), _kappa_short(t.answers.cohen),
                     _pct(t.judgements.percent_agreement)])  # fmt: skip
    story += [_table(rows, [150, 100, 100, 120]), Spacer(1, 6), Paragraph(escape(_(_NOTE)), st["small"])]
    return build_pdf(story, title=_("Utbildarrapport, grupp (övning)"), header=BANNER, watermark=WATERMARK)


def _kappa_short(k: KappaResult) -> str:
    return kappa_text(k.kappa, k.reason)


_NOTE = N_(
    "Kappa mäter överensstämmelse utöver slumpen: 1 är full överensstämmelse, 0 som slumpen. Med få frågor "
    "är kappa osäker; använd siffrorna som underlag för samtal, aldrig för att betygsätta medarbetare. "
    "Allt i rapporten är fiktivt övningsmaterial."
)
