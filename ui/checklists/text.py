"""Small helpers for showing definition texts and score values in the UI language."""

from __future__ import annotations

from stodapp.checklists.schema import BinsScore, ChecklistDefinition, Scale
from stodapp.checklists.scoring import ScoreResult
from stodapp.i18n import _
from stodapp.localized_text import LocalizedText


def loc(text: LocalizedText | None) -> str:
    """The text in the current UI language, falling back to Swedish (always present); "" for no text."""
    return text.current() if text is not None else ""


def option_label(scale: Scale | None, code: str) -> str:
    if scale is not None:
        for option in scale.options:
            if option.code == code:
                return loc(option.label) or option.code
    return code


def score_text(definition: ChecklistDefinition, result: ScoreResult) -> str:
    """A score value for people: "ej bedömbar" with the number missing, bin labels, rules as met/not met."""
    if result.status != "ok" or result.value is None:
        return _("ej bedömbar ({n} saknas)").format(n=result.missing)
    value = result.value
    if isinstance(value, bool):
        return _("uppfylld") if value else _("ej uppfylld")
    spec = next((s for s in definition.scores if s.id == result.id), None)
    if isinstance(spec, BinsScore):
        for b in spec.bins:
            if b.code == value:
                return loc(b.label)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)
