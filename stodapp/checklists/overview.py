"""The reference overview of shipped checklists (docs/checklists-overview.md), written from the definitions.

Generated rather than hand-kept so the document can never disagree with the files: `stodapp checklists overview`
prints it, and a test fails when the committed document differs from what the definitions give.
"""

from __future__ import annotations

from collections.abc import Iterable

from stodapp.checklists.schema import (
    BinsScore,
    ChecklistDefinition,
    ChoiceItem,
    CondAll,
    CondAny,
    CondItem,
    CondNot,
    CountScore,
    Item,
    MultiChoiceItem,
    NumberItem,
    RepeatGroup,
    RuleScore,
    Scale,
    Score,
    SumValuesScore,
    WeightedSumScore,
)

HEADER_END = "<!-- generated below: stodapp checklists overview -->"


def _cond(c: object) -> str:
    if isinstance(c, CondItem):
        facet = f".{c.facet}" if c.facet else ""
        return f"`{c.item}{facet}` ∈ {{{', '.join(c.in_)}}}"
    if isinstance(c, CondAll):
        return "(" + " och ".join(_cond(x) for x in c.all) + ")"
    if isinstance(c, CondAny):
        return "(" + " eller ".join(_cond(x) for x in c.any) + ")"
    if isinstance(c, CondNot):
        return f"inte {_cond(c.not_)}"
    return "?"


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _kind(item: object) -> str:
    if isinstance(item, ChoiceItem | MultiChoiceItem):
        scale = item.scale
        shown = f"`{scale}`" if isinstance(scale, str) else "inline: " + " / ".join(o.code for o in scale.options)
        facets = f" × {' / '.join(item.facets)}" if isinstance(item, ChoiceItem) and item.facets else ""
        return f"{item.kind} {shown}{facets}"
    if isinstance(item, NumberItem):
        span = f" {_num(item.min)}–{_num(item.max)}" if item.min is not None or item.max is not None else ""
        return f"number{span}"
    if isinstance(item, RepeatGroup):
        return f"repeat_group ({item.min}–{item.max} rader)"
    return str(getattr(item, "kind", "?"))


def _flags(item: object) -> str:
    out: list[str] = []
    if getattr(item, "required", False):
        out.append("obligatorisk")
    if getattr(item, "critical", False):
        out.append("**kritisk**")
    critical_if = getattr(item, "critical_if", None)
    if critical_if is not None:
        out.append(f"kritisk om {_cond(critical_if)}")
    show_if = getattr(item, "show_if", None)
    if show_if is not None:
        out.append(f"visas om {_cond(show_if)}")
    return "; ".join(out)


def _row(item: Item, prefix: str = "") -> Iterable[str]:
    text = item.text.sv.replace("|", "\\|")
    yield f"| {prefix}`{item.id}` | {_kind(item)} | {text} | {_flags(item)} |"
    if isinstance(item, RepeatGroup):
        for child in item.items:
            yield from _row(child, "↳ ")


def _scale_line(name: str, scale: Scale) -> str:
    codes = " / ".join(o.code + ("*" if o.missing else "") for o in scale.options)
    return f"`{name}` ({codes})"


def _score_line(score: Score) -> str:
    sid = score.id
    missing = getattr(getattr(score, "missing", None), "max_missing", None)
    tail = f", max_missing {missing}" if missing is not None else ""
    if isinstance(score, CountScore):
        return f"- `{sid}`: count of {{{', '.join(score.match)}}} over {len(score.items)} items{tail}"
    if isinstance(score, WeightedSumScore):
        return f"- `{sid}`: weighted sum over {len(score.weights)} items{tail}"
    if isinstance(score, SumValuesScore):
        return f"- `{sid}`: sum of option values over {len(score.items)} items{tail}"
    if isinstance(score, BinsScore):
        return f"- `{sid}`: bins of `{score.source}`: " + ", ".join(b.code for b in score.bins)
    if isinstance(score, RuleScore):
        parts = []
        for clause in score.any:
            if hasattr(clause, "any_of"):
                parts.append(f"any of {', '.join(f'`{i}`' for i in clause.any_of)} ∈ {{{', '.join(clause.in_)}}}")
            else:
                parts.append(f"at least {clause.at_least} of {len(clause.of)} ∈ {{{', '.join(clause.in_)}}}")
        return f"- `{sid}`: rule — " + " or ".join(parts)
    return f"- `{sid}`"


def render_definition(file_name: str, d: ChecklistDefinition) -> str:
    en = d.title.translated("en")
    title = d.title.sv + (f" / {en}" if en else "")
    lines = [f"## {file_name}: {title}", ""]
    style = "; ".join(d.provenance.modelled_on) if d.provenance.modelled_on else "—"
    lines.append(f"- id: `{d.id}` · version {d.version} · audience: {d.audience} · style of: {style}")
    if d.reassessment is not None:
        every = f"every {d.reassessment.interval_days} days" if d.reassessment.interval_days else "no interval"
        on = f", or on {', '.join(d.reassessment.triggers)}" if d.reassessment.triggers else ""
        lines.append(f"- reassessment: {every}{on}")
    if d.scales:
        lines.append("- scales (\\* = counts as missing): " + "; ".join(_scale_line(n, s) for n, s in d.scales.items()))
    if d.facets:
        facets = ", ".join(
            f"`{n}` ({f.label.sv}{'; scale `' + f.scale + '`' if f.scale else ''}"
            f"{'; frivillig' if getattr(f, 'optional', False) else ''})"
            for n, f in d.facets.items()
        )
        lines.append(f"- facets: {facets}")
    for section in d.sections:
        shown = f" — visas om {_cond(section.show_if)}" if section.show_if is not None else ""
        lines += ["", f"### Section `{section.id}`: {section.title.sv}{shown}", ""]
        lines += ["| item | kind / scale | text (sv) | flags |", "|---|---|---|---|"]
        for item in section.items:
            lines += list(_row(item))
    lines += ["", "**Scores** (stöd för bedömning): " + ("" if d.scores else "none")]
    lines += [_score_line(s) for s in d.scores]
    lines += ["", "**Judgements**: " + ("" if d.judgements else "none")]
    for j in d.judgements:
        scale = j.scale if isinstance(j.scale, str) else "inline"
        if j.mode == "spj":
            how = "SPJ, never prefilled"
        else:
            advice = ", ".join(f"{k} → {v}" for k, v in (j.advice or {}).items())
            policy = j.override.allowed if j.override else "any"
            how = f"advised by `{j.source}`: {advice}; override {policy}"
        lines.append(f"- `{j.id}` ({scale}, {how}): {j.label.sv}")
    return "\n".join(lines) + "\n"


def render_overview(header: str, definitions: Iterable[tuple[str, ChecklistDefinition]]) -> str:
    """The whole document: the hand-written header (kept as is) and one generated part per checklist."""
    parts = [header.rstrip() + "\n\n" + HEADER_END + "\n"]
    parts += [render_definition(name, d) for name, d in definitions]
    return "\n".join(parts)
