"""Pydantic v2 models of a checklist definition file (structure; cross-references: semantics.py)."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from stodapp.localized_text import Locale, LocalizedText

ID_RE = r"^[a-z][a-z0-9_]{0,62}$"
DEF_ID_RE = r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$"
SEMVER_RE = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$"
CODE_RE = re.compile(r"^[\w?+.-]{1,40}$")


def _code(value: Any) -> Any:
    # Unquoted YAML numbers (1, 2) are accepted as codes "1", "2"; booleans (yes/no/on/off) are not.
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and not CODE_RE.match(value):
        raise ValueError("ogiltig kod (bokstäver, siffror, _ ? + . - högst 40 tecken)")
    return value


def _locales_have_sv(value: list[str]) -> list[str]:
    if "sv" not in value:
        raise ValueError("locales måste innehålla sv")
    if len(set(value)) != len(value):
        raise ValueError("dubblett i locales")
    return value


Code = Annotated[str, BeforeValidator(_code)]
Ident = Annotated[str, Field(pattern=ID_RE)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# ---------------------------------------------------------------- scales and facets
class Option(_Model):
    """One answer option. `missing: true` marks "vet ej"/omit: answered, but counted as missing in scores."""

    code: Code
    label: LocalizedText | None = None
    value: float | None = None
    missing: bool = False

    @model_validator(mode="after")
    def _missing_has_no_value(self) -> Option:
        if self.missing and self.value is not None:
            raise ValueError("ett saknat-svar (missing: true) kan inte ha ett värde")
        return self


class Scale(_Model):
    """An option list; `ordered: true` lets raise-only judgements compare options (first = lowest)."""

    options: Annotated[list[Option], Field(min_length=1, max_length=60)]
    ordered: bool = False
    label: LocalizedText | None = None


class Facet(_Model):
    """A second rating dimension of one item, e.g. "nu"/"tidigare" or "förekomst"/"relevans"."""

    label: LocalizedText
    scale: Ident | None = None  # overrides the item's scale for this facet (presence vs relevance)


def _scale_tag(value: Any) -> str:
    return "scale_ref" if isinstance(value, str) else "scale_inline"


ScaleRef = Annotated[
    Annotated[Ident, Tag("scale_ref")] | Annotated[Scale, Tag("scale_inline")],
    Discriminator(_scale_tag),
]


# ---------------------------------------------------------------- conditions
class CondItem(_Model):
    """True when the item (facet) is answered with one of the codes (for multi_choice: any of them chosen)."""

    item: Ident
    facet: Ident | None = None
    in_: Annotated[list[Code], Field(alias="in", min_length=1)]


class CondAll(_Model):
    all: Annotated[list[Condition], Field(min_length=1)]


class CondAny(_Model):
    any: Annotated[list[Condition], Field(min_length=1)]


class CondNot(_Model):
    not_: Condition = Field(alias="not")


def _cond_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return f"cond_{key}"
        return "cond_item"
    pairs = ((CondItem, "cond_item"), (CondAll, "cond_all"), (CondAny, "cond_any"), (CondNot, "cond_not"))
    for cls, tag in pairs:
        if isinstance(value, cls):
            return tag
    return None


Condition = Annotated[
    Annotated[CondItem, Tag("cond_item")]
    | Annotated[CondAll, Tag("cond_all")]
    | Annotated[CondAny, Tag("cond_any")]
    | Annotated[CondNot, Tag("cond_not")],
    Discriminator(_cond_tag),
]


# ---------------------------------------------------------------- items
class _ItemBase(_Model):
    id: Ident
    text: LocalizedText
    help: LocalizedText | None = None
    required: bool = False
    show_if: Condition | None = None
    critical: bool = False  # always highlighted (a "bold" high-risk factor)
    critical_if: Condition | None = None  # highlighted when the condition holds


class ChoiceItem(_ItemBase):
    """One option from a scale (yes/no/unknown, 0-1-2, J/?/N, frequency …), optionally per facet."""

    kind: Literal["choice"]
    scale: ScaleRef
    facets: Annotated[list[Ident], Field(max_length=6)] = []


class MultiChoiceItem(_ItemBase):
    kind: Literal["multi_choice"]
    scale: ScaleRef
    max_selected: int | None = Field(default=None, ge=1)


class TextItem(_ItemBase):
    kind: Literal["text"]
    max_len: int = Field(default=4000, ge=1, le=100_000)
    multiline: bool = True


class DateItem(_ItemBase):
    kind: Literal["date"]


class NumberItem(_ItemBase):
    kind: Literal["number"]
    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: LocalizedText | None = None


class RepeatGroup(_ItemBase):
    """Rows of sub-items: incident calendar, several perpetrators or victims, risk scenarios."""

    kind: Literal["repeat_group"]
    items: Annotated[list[Item], Field(min_length=1)]
    min: int = Field(default=0, ge=0)
    max: int = Field(default=100, ge=1, le=1000)
    row_label: LocalizedText | None = None


Item = Annotated[
    ChoiceItem | MultiChoiceItem | TextItem | DateItem | NumberItem | RepeatGroup,
    Field(discriminator="kind"),
]


class Section(_Model):
    id: Ident
    title: LocalizedText
    help: LocalizedText | None = None
    show_if: Condition | None = None
    items: Annotated[list[Item], Field(min_length=1)]


# ---------------------------------------------------------------- scores
class MissingPolicy(_Model):
    """Unanswered or "vet ej" items are excluded, never read as "nej"; too many -> "ej bedömbar"."""

    max_missing: int | None = Field(default=None, ge=0)
    on_exceed: Literal["not_scorable"] = "not_scorable"


class _ScoreBase(_Model):
    id: Ident
    label: LocalizedText
    help: LocalizedText | None = None
    missing: MissingPolicy = MissingPolicy()


class CountScore(_ScoreBase):
    """Number of `items` (facet) answered with one of the `match` codes."""

    type: Literal["count"]
    items: Annotated[list[Ident], Field(min_length=1)]
    match: Annotated[list[Code], Field(min_length=1)]
    facet: Ident | None = None


class WeightedSumScore(_ScoreBase):
    """Sum of weights[item][answered code]; codes without a weight add 0."""

    type: Literal["weighted_sum"]
    weights: Annotated[dict[Ident, dict[Code, float]], Field(min_length=1)]
    facet: Ident | None = None


class SumValuesScore(_ScoreBase):
    """Sum of the option `value`s of the answered codes."""

    type: Literal["sum_values"]
    items: Annotated[list[Ident], Field(min_length=1)]
    facet: Ident | None = None


class Bin(_Model):
    code: Code
    label: LocalizedText
    min: float | None = None  # inclusive; None = open below
    max: float | None = None  # inclusive; None = open above


class BinsScore(_ScoreBase):
    """Places the value of an earlier numeric score in a band; bands are sorted and do not overlap."""

    type: Literal["bins"]
    source: Ident
    bins: Annotated[list[Bin], Field(min_length=1)]


class AnyOfClause(_Model):
    any_of: Annotated[list[Ident], Field(min_length=1)]
    in_: Annotated[list[Code], Field(alias="in", min_length=1)]
    facet: Ident | None = None


class AtLeastClause(_Model):
    at_least: int = Field(ge=1)
    of: Annotated[list[Ident], Field(min_length=1)]
    in_: Annotated[list[Code], Field(alias="in", min_length=1)]
    facet: Ident | None = None


def _clause_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return "clause_at_least" if "at_least" in value else "clause_any_of"
    if isinstance(value, AtLeastClause):
        return "clause_at_least"
    return "clause_any_of" if isinstance(value, AnyOfClause) else None


Clause = Annotated[
    Annotated[AnyOfClause, Tag("clause_any_of")] | Annotated[AtLeastClause, Tag("clause_at_least")],
    Discriminator(_clause_tag),
]


class RuleScore(_ScoreBase):
    """True when any clause holds: "any of these" OR "at least k of those"."""

    type: Literal["rule"]
    any: Annotated[list[Clause], Field(min_length=1)]


Score = Annotated[
    CountScore | WeightedSumScore | SumValuesScore | BinsScore | RuleScore,
    Field(discriminator="type"),
]


# ---------------------------------------------------------------- judgements
class OverridePolicy(_Model):
    allowed: Literal["any", "raise_only", "none"] = "any"
    min_reason_chars: int = Field(default=20, ge=1, le=2000)


class Judgement(_Model):
    """A professional judgement. `spj`: never prefilled. `advised`: prefilled from a bins/rule score."""

    id: Ident
    label: LocalizedText
    help: LocalizedText | None = None
    scale: ScaleRef
    mode: Literal["spj", "advised"] = "spj"
    source: Ident | None = None
    advice: dict[Code, Code] | None = None  # source result ("true"/"false" or bin code) -> scale code
    override: OverridePolicy | None = None
    required: bool = True


# ---------------------------------------------------------------- definition
class Provenance(_Model):
    origin: Literal["original_in_style_of", "licensed_local"]
    modelled_on: list[str] = []
    copyright: str = Field(min_length=1, max_length=300)
    licence: str = Field(min_length=1, max_length=300)
    licensee: str | None = None
    validated: bool = False
    requires_training: list[str] = []
    label: LocalizedText | None = None  # e.g. "egen checklista, ej validerad"

    @model_validator(mode="after")
    def _origin_rules(self) -> Provenance:
        if self.origin == "original_in_style_of" and self.validated:
            raise ValueError("en egen checklista kan inte vara validerad (validated: false)")
        if self.origin == "licensed_local" and not (self.licensee or "").strip():
            raise ValueError("licensed_local kräver licensee (kommunen som har licensen)")
        return self


class Reassessment(_Model):
    triggers: list[Ident] = []
    interval_days: int | None = Field(default=None, ge=1, le=3650)


class ChecklistDefinition(_Model):
    id: Annotated[str, Field(pattern=DEF_ID_RE, max_length=120)]
    version: Annotated[str, Field(pattern=SEMVER_RE)]
    status: Literal["draft", "published", "retired"]
    audience: Literal["case", "organisation"] = "case"
    locales: Annotated[list[Locale], Field(min_length=1), AfterValidator(_locales_have_sv)]
    title: LocalizedText
    description: LocalizedText | None = None
    provenance: Provenance
    scales: dict[Ident, Scale] = {}
    facets: dict[Ident, Facet] = {}
    sections: Annotated[list[Section], Field(min_length=1)]
    scores: list[Score] = []
    judgements: list[Judgement] = []
    reassessment: Reassessment | None = None


for _m in (CondAll, CondAny, CondNot, RepeatGroup, Section, ChecklistDefinition):
    _m.model_rebuild()

ItemT = ChoiceItem | MultiChoiceItem | TextItem | DateItem | NumberItem | RepeatGroup
ScoreT = CountScore | WeightedSumScore | SumValuesScore | BinsScore | RuleScore
ConditionT = CondItem | CondAll | CondAny | CondNot
