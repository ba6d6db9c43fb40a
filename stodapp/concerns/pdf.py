"""The report of concern as a PDF (bytes only): secrecy header, page numbers, DejaVu for å/ä/ö.

Safety: in an honour context no line about guardians having been informed is printed at all; the recipient
note (do not contact guardians) is. Before rendering, every printed string is checked against the report's
protected fingerprints once more, so protected data cannot reach the PDF even through a future layout change.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from stodapp.calendar_se import local_stamp, local_today
from stodapp.concerns.model import SOURCE_LABELS, URGENCY_LABELS, ConcernReport, Urgency
from stodapp.concerns.notices import notices
from stodapp.concerns.rules import explain_duty
from stodapp.concerns.safety import contains_protected
from stodapp.errors import UserInputError
from stodapp.i18n import _


class PdfMeta(BaseModel):
    """Tracking facts printed on the report (from the store); defaults describe an unsaved draft."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    report_id: int | None = None
    status: str = "draft"
    finalised_at: datetime | None = None
    finalised_by: str = ""
    content_hash: str = ""
    supersedes_id: int | None = None


def _yes_no(value: bool | None) -> str:
    return _("Ja") if value else (_("Nej") if value is False else _("Ej angivet"))


def render_pdf(report: ConcernReport, meta: PdfMeta | None = None) -> bytes:
    """PDF bytes for `report`; drafts carry an UTKAST watermark. Nothing is written to disk here."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    from stodapp import municipalities
    from stodapp.pdf.base import build_pdf, escape, secrecy_header, styles

    meta = meta or PdfMeta()
    st = styles()
    printed: list[str] = []
    story: list[Any] = []

    def para(text: str, style: str = "body") -> None:
        printed.append(text)
        story.append(Paragraph(escape(text), st[style]))

    def table(rows: list[tuple[str, str]]) -> None:
        data = []
        for label, value in rows:
            printed.extend((label, value))
            data.append([Paragraph(escape(label), st["cell"]), Paragraph(escape(value or "–"), st["cell"])])
        t = Table(data, colWidths=[52 * mm, 122 * mm])
        t.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.75, 0.75, 0.75)),
                    ("BACKGROUND", (0, 0), (0, -1), colors.Color(0.95, 0.95, 0.95)),
                ]
            )
        )
        story.append(t)

    def boxed(lines: list[str], rgb: tuple[float, float, float]) -> None:
        printed.extend(lines)
        t = Table([[Paragraph(escape(line), st["body"])] for line in lines], colWidths=[174 * mm])
        t.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 1.0, colors.Color(*rgb)),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.Color(1, 0.97, 0.93)),
                ]
            )
        )
        story.extend([t, Spacer(1, 4)])

    child = report.child
    assert child is not None  # the model refuses a report without a child
    label = ""
    if report.home_municipality_code:
        m = municipalities.by_code(report.home_municipality_code)
        label = f"{m.name} ({m.code}), {m.county}"
    duty = explain_duty(report.reporter.kind, report.report_date, label) if report.reporter else None

    para(_("Anmälan om oro för barn (orosanmälan)"), "h1")
    head = [
        (_("Till"), _("Socialtjänsten, {target}").format(target=label) if label else _("Ej vald hemkommun")),
        (_("Datum"), report.report_date.isoformat()),
        (_("Brådskandegrad"), _(URGENCY_LABELS[report.urgency])),
    ]
    if meta.report_id is not None:
        head.insert(0, (_("Anmälan nr"), str(meta.report_id)))
    if meta.supersedes_id is not None:
        head.append((_("Rättelse"), _("Ersätter anmälan nr {id}").format(id=meta.supersedes_id)))
    table(head)
    story.append(Spacer(1, 4))
    if report.urgency is Urgency.ACUTE:
        boxed([_("AKUT: anmälaren bedömer att barnet kan behöva skydd omedelbart.")], (0.7, 0.1, 0.1))
    recipient_notes = [n.pdf_text for n in notices(report) if n.pdf_text]
    if recipient_notes:
        boxed(recipient_notes, (0.7, 0.1, 0.1))

    if duty is not None:
        para(_("Rättslig grund"), "h2")
        if duty.provision_confirmed:
            basis = _("Anmälaren {obligation} enligt {citation}.").format(
                obligation=duty.obligation, citation=duty.citation
            )
        else:
            # The receiving municipality reads this page: cite the act in force, not our open question about
            # its section number (the editor still shows that to the reporter).
            basis = _("Anmälaren {obligation} enligt {statute}, som gäller från {start}.").format(
                obligation=duty.obligation, statute=duty.statute, start=duty.rule_set_from.isoformat()
            )
        para(basis)
        para(_("Det krävs inga bevis; misstanke eller oro räcker."), "small")

    para(_("1. Barnet"), "h2")
    if child.protected_identity:
        address = _("Skyddade personuppgifter: adressen lämnas inte ut")
    else:
        address = child.address or _("Ej angiven")
    interpreter = (
        _("Ja, {language}").format(language=report.interpreter_language)
        if report.interpreter_needed
        else _("Nej")
    )
    table(
        [
            (_("Namn"), child.name),
            (_("Personnummer"), child.personnummer),
            (_("Adress"), address),
            (_("Funktionsnedsättning"), _("Ja") if child.has_disability else _("Ej angivet")),
            (_("Behov av tolk"), interpreter),
        ]
    )

    para(_("2. Vårdnadshavare"), "h2")
    if not report.guardians:
        para(_("Inga vårdnadshavare angivna."))
    for g in report.guardians:
        hidden = _("Skyddade personuppgifter: lämnas inte ut")
        table(
            [
                (_("Namn"), g.name),
                (_("Relation till barnet"), g.relation),
                (_("Bor med barnet"), _yes_no(g.lives_with_child)),
                (_("Telefon"), hidden if g.protected_identity else g.phone),
                (_("Adress"), hidden if g.protected_identity else g.address),
            ]
        )
        story.append(Spacer(1, 3))

    c = report.concern
    para(_("3. Oron för barnet"), "h2")
    table(
        [
            (_("När"), c.observed_on.isoformat() if c.observed_on else ""),
            (_("Vem såg eller hörde det"), c.observed_by),
            (_("Källa"), _(SOURCE_LABELS[c.source]) if c.source is not None else _("Ej angivet")),
            (_("Hur länge oron funnits"), c.concern_since),
        ]
    )
    # Long free text as paragraphs (they split across pages; a table cell cannot).
    para(_("Vad har iakttagits eller berättats"), "h3")
    for chunk in (c.description or "–").split("\n\n"):
        para(chunk)
    if c.child_own_words:
        para(_("Barnets egna ord"), "h3")
        for chunk in c.child_own_words.split("\n\n"):
            para(chunk)

    para(_("4. Information och polisanmälan"), "h2")
    info_rows: list[tuple[str, str]] = []
    if report.honour_context:
        info_rows.append((_("Vårdnadshavare"), _("Har inte kontaktats, se Viktigt ovan.")))
    else:
        informed = _yes_no(report.guardians_informed)
        if report.guardians_informed is False and report.guardians_not_informed_reason:
            informed += " – " + report.guardians_not_informed_reason
        info_rows.append((_("Vårdnadshavare informerade om anmälan"), informed))
    child_told = _yes_no(report.child_informed)
    if report.child_informed is False and report.child_not_informed_reason:
        child_told += " – " + report.child_not_informed_reason
    info_rows.append((_("Barnet informerat om anmälan"), child_told))
    police = _yes_no(report.police_report_made)
    if report.police_report_note:
        police += " – " + report.police_report_note
    info_rows.append((_("Polisanmälan gjord"), police))
    table(info_rows)

    para(_("5. Anmälaren"), "h2")
    rep = report.reporter
    if rep is None:
        para(_("Anmälaren saknas (utkast)."))
    else:
        table(
            [
                (_("Namn"), rep.name),
                (_("Befattning"), rep.title),
                (_("Arbetsplats/enhet"), rep.unit),
                (_("Telefon"), rep.phone),
                (_("E-post"), rep.email),
                (_("Anmälningsskyldig"), _yes_no(duty.mandatory if duty else None)),
                (_("Önskar återkoppling"), _yes_no(report.feedback_wanted)),
            ]
        )

    para(_("Underskrift"), "h2")
    if meta.finalised_at is not None:
        para(
            _("Slutförd och signerad {when} av {who}. Kontrollsumma: {digest}").format(
                when=local_stamp(meta.finalised_at),
                who=meta.finalised_by,
                digest=meta.content_hash[:16],
            )
        )
    else:
        para(_("Utkast – inte slutfört. Skicka inte utkast."))

    if report.protected_fingerprints and any(
        contains_protected(t, report.protected_fingerprints) for t in printed
    ):
        raise UserInputError(_("Utskriften stoppades: den skulle innehålla en skyddad uppgift."))
    watermark = None if meta.status != "draft" else _("UTKAST")
    return build_pdf(
        story,
        title=_("Orosanmälan"),
        header=secrecy_header(report.report_date if report.report_date <= local_today() else None),
        watermark=watermark,
        footer=_footer(report),
    )


def _footer(report: ConcernReport) -> str:
    """The reader warning on every page: in an honour context the guardians may be the danger, so the page must
    not suggest that they will be shown it. It states the caution (information to guardians can endanger the child)
    and what always happens before disclosure (a secrecy assessment), not a rule of its own."""
    if report.honour_context:
        return _("Orosanmälan – hederskontext: att vårdnadshavare får veta om anmälan kan utsätta barnet för fara")
    return _("Orosanmälan – kan läsas av vårdnadshavare och barnet")
