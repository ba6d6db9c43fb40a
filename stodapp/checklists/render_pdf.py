"""PDF of an assessment, rendered only from the record (its definition snapshot and stored scores)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from stodapp.calendar_se import local_date, local_stamp
from stodapp.cases.document_subject import DocumentSubject
from stodapp.checklists.judgements import deviation
from stodapp.checklists.record import AssessmentRecord, definition_of
from stodapp.checklists.runtime import critical_items, effective_answers, visible_items, visible_sections
from stodapp.checklists.schema import (
    BinsScore,
    ChecklistDefinition,
    ChoiceItem,
    ItemT,
    MultiChoiceItem,
    RepeatGroup,
    Scale,
)
from stodapp.i18n import _
from stodapp.localized_text import LocalizedText
from stodapp.pdf.base import build_pdf, escape, secrecy_header, styles


def _t(text: LocalizedText | None, lang: str) -> str:
    return text.text(lang) if text is not None else ""


def _scale(definition: ChecklistDefinition, scale: str | Scale) -> Scale | None:
    return scale if isinstance(scale, Scale) else definition.scales.get(scale)


def _label(scale: Scale | None, code: Any, lang: str) -> str:
    if scale is not None:
        for option in scale.options:
            if option.code == code:
                return _t(option.label, lang) or option.code
    return str(code)


def provenance_line(definition: ChecklistDefinition, lang: str = "sv") -> str:
    """The copyright/provenance line shown on screen and in every print."""
    p = definition.provenance
    # Some files write the sign themselves ("© Förlaget"); never print it twice.
    owner = p.copyright if p.copyright.lstrip().startswith("©") else f"© {p.copyright}"
    if p.origin == "licensed_local":
        head = _t(p.label, lang) or _("Licensierat innehåll")
        return f"{head}. {owner}. {_('Licens')}: {p.licence} ({p.licensee})"
    head = _t(p.label, lang) or _("Egen checklista, ej validerad")
    style = f" – {_('i stil med')} {', '.join(p.modelled_on)}" if p.modelled_on else ""
    return f"{head}{style}. {owner}. {_('Licens')}: {p.licence}"


def _answer_text(definition: ChecklistDefinition, item: ItemT, value: Any, lang: str) -> str:
    if value is None or value == [] or value == {}:
        return _("(ej besvarad)")
    if isinstance(item, ChoiceItem):
        if item.facets and isinstance(value, dict):
            parts = []
            for facet in item.facets:
                spec = definition.facets.get(facet)
                scale = (
                    _scale(definition, spec.scale) if spec and spec.scale else _scale(definition, item.scale)
                )
                shown = _label(scale, value[facet], lang) if facet in value else _("(ej besvarad)")
                parts.append(f"{_t(spec.label, lang) if spec else facet}: {shown}")
            return "; ".join(parts)
        return _label(_scale(definition, item.scale), value, lang)
    if isinstance(item, MultiChoiceItem):
        scale = _scale(definition, item.scale)
        return ", ".join(_label(scale, v, lang) for v in value)
    return str(value)


def _story(record: AssessmentRecord, lang: str, cosigned_by: str | None = None,
           subject: DocumentSubject | None = None, names: Mapping[str, str] | None = None) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    st = styles()
    definition = definition_of(record)
    story: list[Any] = [Paragraph(escape(_t(definition.title, lang)), st["h1"])]
    story.append(Paragraph(escape(provenance_line(definition, lang)), st["small"]))
    who = names or {}
    meta: list[list[str]] = []
    if subject is not None:
        meta += [[_("Ärende"), subject.case_no], [_("Person"), subject.person]]
        if subject.number:
            meta.append([subject.number_label, subject.number])
    meta += [
        [_("Checklista"), f"{definition.id} {definition.version}"],
        [_("Kontrollsumma"), record.definition_digest[:23] + "…"],
        [_("Upprättad"), f"{who.get(record.created_by, record.created_by)}, {local_stamp(record.created_at)}"],
    ]
    if record.status == "signed" and record.signed_at is not None:
        signer = who.get(record.signed_by or "", record.signed_by or "")
        meta.append([_("Signerad"), f"{signer}, {local_stamp(record.signed_at)}"])
    else:
        meta.append([_("Status"), _("Utkast, ej signerad")])
    if record.supersedes:
        meta.append([_("Ersätter"), record.supersedes])
    table = Table(
        [[Paragraph(escape(a), st["cell"]), Paragraph(escape(b), st["cell"])] for a, b in meta],
        colWidths=[110, 360],
    )
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, -1), (-1, -1), 0.5, colors.grey)])
    )
    story += [Spacer(1, 4), table]

    effective = effective_answers(definition, record.answers)  # once; the rest is derived from it
    visible = visible_items(definition, record.answers, effective=effective)
    shown = set(visible)
    critical = set(critical_items(definition, record.answers, effective=effective, visible=visible))
    sections = set(visible_sections(definition, record.answers, effective=effective))
    for section in definition.sections:
        if section.id not in sections:
            continue
        story.append(Paragraph(escape(_t(section.title, lang)), st["h2"]))
        for item in section.items:
            if item.id not in shown:
                continue
            mark = "<b>[" + escape(_("kritisk")) + "]</b> " if item.id in critical else ""
            question = f"{mark}<b>{escape(_t(item.text, lang))}</b>"
            if isinstance(item, RepeatGroup):
                story.append(Paragraph(question, st["body"]))
                story += _rows(definition, item, effective.get(item.id) or [], lang)
                continue
            answer = escape(_answer_text(definition, item, effective.get(item.id), lang))
            story.append(Paragraph(f"{question}<br/>{answer}", st["body"]))
    story += _scores(definition, record, lang)
    story += _judgements(definition, record, lang, cosigned_by, who)
    return story


def _rows(definition: ChecklistDefinition, group: RepeatGroup, rows: list[Any], lang: str) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    st = styles()
    if not rows:
        return [Paragraph(escape(_("(inga rader)")), st["body"])]
    head = [Paragraph(f"<b>{escape(_t(c.text, lang))}</b>", st["cell"]) for c in group.items]
    body = [
        [Paragraph(escape(_answer_text(definition, c, row.get(c.id), lang)), st["cell"]) for c in group.items]
        for row in rows
    ]
    table = Table([head, *body], repeatRows=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return [table]


def _scores(definition: ChecklistDefinition, record: AssessmentRecord, lang: str) -> list[Any]:
    from reportlab.platypus import Paragraph

    st = styles()
    if not definition.scores:
        return []
    out: list[Any] = [Paragraph(escape(_("Poäng – stöd för bedömning, inte ett resultat")), st["h2"])]
    for score in definition.scores:
        result = record.scores.get(score.id)
        if result is None or result.status != "ok":
            value = _("ej bedömbar (för många obesvarade eller 'vet ej')")
        elif isinstance(score, BinsScore):
            value = next((_t(b.label, lang) for b in score.bins if b.code == result.value), str(result.value))
        elif isinstance(result.value, bool):
            value = _("ja") if result.value else _("nej")
        elif isinstance(result.value, float) and result.value.is_integer():
            value = str(int(result.value))
        else:
            value = str(result.value)
        counts = ""
        if result is not None and score.type != "bins":
            counts = " " + _("(besvarade {a}, saknas {m})").format(a=result.answered, m=result.missing)
        out.append(
            Paragraph(f"{escape(_t(score.label, lang))}: <b>{escape(value)}</b>{escape(counts)}", st["body"])
        )
    return out


def _judgements(
    definition: ChecklistDefinition, record: AssessmentRecord, lang: str, cosigned_by: str | None = None,
    names: Mapping[str, str] | None = None,
) -> list[Any]:
    from reportlab.platypus import Paragraph

    st = styles()
    if not definition.judgements:
        return []
    out: list[Any] = [Paragraph(escape(_("Professionella bedömningar")), st["h2"])]
    for j in definition.judgements:
        entry = record.judgements.get(j.id)
        scale = _scale(definition, j.scale)
        value = _label(scale, entry.value, lang) if entry and entry.value else _("(ej gjord)")
        lines = [f"{escape(_t(j.label, lang))}: <b>{escape(value)}</b>"]
        if j.mode == "spj":
            lines.append(escape(_("Strukturerad professionell bedömning (inget förslag beräknat)")))
        elif entry is not None and entry.advised is not None:
            lines.append(escape(_("Förslag från poängen: {v}").format(v=_label(scale, entry.advised, lang))))
        if entry is not None and entry.overridden:
            when = local_stamp(entry.at) if entry.at else ""
            kind = entry.deviation or deviation(definition, j, entry)
            if kind == "lower":
                head = _("AVVIKELSE: lägre nivå än förslaget (den professionella bedömningen gäller).")
            elif kind == "higher":
                head = _("Avvikelse: högre nivå än förslaget.")
            else:
                head = _("Avviker från förslaget.")
            text = _("{head} Motivering: {r} ({by}, {at})").format(
                head=head, r=entry.reason, by=(names or {}).get(entry.by or "", entry.by or ""), at=when
            )
            lines.append(f"<b>{escape(text)}</b>" if kind == "lower" else escape(text))
        out.append(Paragraph("<br/>".join(lines), st["body"]))
    if record.cosign_required:
        if cosigned_by:
            note = _("Lägre nivå än förslaget: medsignerad av arbetsledare {who} enligt lokal rutin.").format(
                who=cosigned_by
            )
        else:
            note = _("Lägre nivå än förslaget: enligt lokal rutin ska en arbetsledare medsignera. "
                     "Inte medsignerad ännu.")
        out.append(Paragraph(f"<b>{escape(note)}</b>", st["body"]))
    return out


def render_assessment_pdf(record: AssessmentRecord, lang: str = "sv", cosigned_by: str | None = None,
                          subject: DocumentSubject | None = None, names: Mapping[str, str] | None = None) -> bytes:
    """PDF bytes; a draft gets an UTKAST watermark. The header date is the signing date, so reprints match.
    `cosigned_by`: the supervisor who co-signed a lowered level (a row of its own, not in the record);
    `subject`: the case and person the paper belongs to (so it can go into the file); `names`: login name ->
    the person's display name for the signatures (the record keeps the login name)."""
    definition = definition_of(record)
    when = local_date(record.signed_at or record.created_at)
    footer = f"{definition.id} {definition.version} · {definition.provenance.copyright}"
    return build_pdf(
        _story(record, lang, cosigned_by, subject, names),
        title=_t(definition.title, lang),
        header=secrecy_header(when),
        footer=footer[:110],
        watermark=None if record.status == "signed" else _("UTKAST"),
    )
