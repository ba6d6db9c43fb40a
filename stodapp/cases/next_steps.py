"""Next-step rules kept as data (resources/next_steps.yaml): load, validate, evaluate and order against case facts.

`guidance(facts)` is the one answer to "which steps, in which order": the asking service stores what it returns,
the panel lists stored steps by `sort_key`, and `stodapp guidance next-steps` prints it headless.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from stodapp.errors import ValidationFailed
from stodapp.i18n import N_, _
from stodapp.localized_text import LocalizedText

Priority = Literal["akut", "skydd", "utredning", "anpassning", "stod"]
#: Display order of the priorities: acute danger first, then protection, assessment, group adaptations, support.
PRIORITIES: dict[str, str] = {
    "akut": N_("Akut – först"),
    "skydd": N_("Skydd"),
    "utredning": N_("Bedömning"),
    "anpassning": N_("Anpassa efter personens situation"),
    "stod": N_("Stöd och hänvisning"),
}
SourceKind = Literal["seed", "public", "statute", "practice"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class When(_Frozen):
    answer: tuple[Literal["ja", "nej", "avbojt", "ej_fragat"], ...] = ()
    subject: tuple[Literal["utsatt", "utovande"], ...] = ()
    children: bool | None = None
    # Signals: when any_group and/or any_screening are given, at least ONE of them must hold (group tag OR answer).
    any_group: tuple[str, ...] = ()
    any_screening: dict[str, tuple[str, ...]] = {}


class Source(_Frozen):
    """Where one fact in a rule's text comes from, and when it was last checked."""

    fact: str = Field(min_length=3)
    source: str = Field(min_length=3)
    kind: SourceKind
    checked: date
    verified: bool  # False: stated by a seed or a secondary source only; say so where it is shown


class Rule(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9_]{2,60}$")
    priority: Priority = "stod"
    when: When
    # The words a caseworker reads, in Swedish and English ({sv: …, en: …}); shown in the UI's language.
    title: LocalizedText
    detail: LocalizedText | None = None
    warning: LocalizedText | None = None
    checklist: str = ""
    target: str = ""
    requires_legal_basis: bool = False
    replaces: tuple[str, ...] = ()  # rule ids this rule stands in for when both match
    sources: tuple[Source, ...] = ()


    @field_validator("title")
    @classmethod
    def _title_long_enough(cls, value: LocalizedText) -> LocalizedText:
        if len(value.sv.strip()) < 3:
            raise ValueError("titeln är för kort (minst 3 tecken)")
        return value

    def texts(self) -> dict[str, LocalizedText]:
        """The rule's user-facing texts by field name (title, detail, warning), those it has."""
        found = {"title": self.title, "detail": self.detail, "warning": self.warning}
        return {name: text for name, text in found.items() if text is not None}


class RuleFile(_Frozen):
    version: int
    rules: tuple[Rule, ...]


class Facts(_Frozen):
    answer: str
    subject: str
    children: bool
    groups: frozenset[str]
    screening: dict[str, tuple[str, ...]] = {}  # item id -> answer codes (the case's latest screening)

    @field_validator("screening", mode="before")
    @classmethod
    def _as_tuples(cls, value: object) -> object:
        if isinstance(value, Mapping):
            return {str(k): screening_codes(v) for k, v in value.items()}
        return value


def screening_codes(value: object) -> tuple[str, ...]:
    """A stored checklist answer as answer codes: "ja" -> ("ja",), ["partner", "slakt"] -> both, else ()."""
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if isinstance(v, str))
    return ()


def _screening_hit(wanted: Mapping[str, tuple[str, ...]], facts: Facts) -> bool:
    return any(set(codes) & set(facts.screening.get(item, ())) for item, codes in wanted.items())


def matches(rule: Rule, facts: Facts) -> bool:
    w = rule.when
    if w.answer and facts.answer not in w.answer:
        return False
    if w.subject and facts.subject not in w.subject:
        return False
    if w.children is not None and w.children != facts.children:
        return False
    if w.any_group or w.any_screening:
        return bool(facts.groups.intersection(w.any_group)) or _screening_hit(w.any_screening, facts)
    return True


def load_rules(path: Path) -> RuleFile:
    from stodapp.checklists.safe_yaml import YamlRefused, load_yaml, read_text

    try:
        data, _node = load_yaml(read_text(path))
        parsed = RuleFile.model_validate(data)
    except YamlRefused as err:
        raise ValidationFailed(_("{name}: {err}").format(name=path.name, err=err)) from None
    except ValidationError as err:
        lines = [f"{path}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors()]
        raise ValidationFailed(
            _("{name}: {n} fel i nästa-steg-reglerna").format(name=path.name, n=len(lines)), lines
        ) from None
    ids = [r.id for r in parsed.rules]
    if len(set(ids)) != len(ids):
        raise ValidationFailed(_("{name}: två regler har samma id").format(name=path.name))
    unknown = sorted({x for r in parsed.rules for x in r.replaces} - set(ids))
    if unknown:
        raise ValidationFailed(
            _("{name}: replaces pekar på okända regler: {rules}").format(name=path.name, rules=", ".join(unknown))
        )
    return parsed


@lru_cache(maxsize=4)
def default_rules() -> RuleFile:
    from stodapp.paths import resource_dir

    return load_rules(resource_dir() / "next_steps.yaml")


def sort_key(rule_id: str, rules: RuleFile | None = None) -> tuple[int, int]:
    """(priority rank, position in the file); unknown ids (rules removed since) sort last."""
    order = list(PRIORITIES)
    for index, rule in enumerate((rules or default_rules()).rules):
        if rule.id == rule_id:
            return order.index(rule.priority), index
    return len(order), 0


def suggest(facts: Facts, rules: RuleFile | None = None) -> list[Rule]:
    """The matching rules, with replaced ones dropped, ordered by priority then file position."""
    source = rules or default_rules()
    hits = [r for r in source.rules if matches(r, facts)]
    replaced = {x for r in hits for x in r.replaces}
    kept = [r for r in hits if r.id not in replaced]
    return sorted(kept, key=lambda r: sort_key(r.id, source))


def guidance(facts: Facts, rules: RuleFile | None = None) -> list[Rule]:
    """The steps the next-steps panel shows for these facts, in display order (acute danger first)."""
    return suggest(facts, rules)


def ordered(rule_ids: Iterable[str]) -> list[str]:
    return sorted(rule_ids, key=sort_key)


def rule_by_id(rule_id: str) -> Rule | None:
    return next((r for r in default_rules().rules if r.id == rule_id), None)


ANSWERS = ("ja", "nej", "avbojt", "ej_fragat")
SUBJECTS = ("utsatt", "utovande")


@lru_cache(maxsize=1)
def screening_vocabulary() -> dict[str, frozenset[str]]:
    """Item id -> answer codes of the shipped screening (choice items only): what `any_screening` may name."""
    from stodapp.checklists.schema import ChoiceItem, MultiChoiceItem, Scale
    from stodapp.checklists.validate import load_definition_file
    from stodapp.paths import checklist_dir

    definition = load_definition_file(checklist_dir() / "01_screening.yaml")
    out: dict[str, frozenset[str]] = {}
    for section in definition.sections:
        for item in section.items:
            if isinstance(item, ChoiceItem | MultiChoiceItem):
                scale = item.scale if isinstance(item.scale, Scale) else definition.scales[item.scale]
                out[item.id] = frozenset(o.code for o in scale.options)
    return out


def facts_from_input(
    *, answer: str | None, subject: str, children: bool, groups: Iterable[str], screening: Iterable[str]
) -> Facts:
    """Facts from headless input (the `stodapp guidance` command); UserInputError with one line on bad input."""
    from stodapp.cases.models import GROUPS
    from stodapp.errors import UserInputError

    if answer not in ANSWERS:
        raise UserInputError(_("--answer måste vara en av: {answers}").format(answers=', '.join(ANSWERS)))
    if subject not in SUBJECTS:
        raise UserInputError(_("--subject måste vara en av: {subjects}").format(subjects=', '.join(SUBJECTS)))
    group_set = frozenset(groups)
    unknown = sorted(group_set - set(GROUPS))
    if unknown:
        raise UserInputError(
            _("okänd målgrupp: {unknown} (tillåtna: {groups})").format(
                unknown=", ".join(unknown), groups=", ".join(GROUPS)
            )
        )
    vocabulary = screening_vocabulary()
    answers: dict[str, list[str]] = {}
    for pair in screening:
        item, sep, code = pair.partition("=")
        if not sep or item not in vocabulary or code not in vocabulary[item]:
            raise UserInputError(
                _("okänt screeningsvar {pair!r}: skriv FRÅGA=SVAR, t.ex. heder=ja eller nar=pagar").format(pair=pair)
            )
        answers.setdefault(item, []).append(code)
    return Facts(
        answer=answer, subject=subject, children=children, groups=group_set,
        screening={k: tuple(v) for k, v in answers.items()},
    )


def missing_english(rules: RuleFile) -> list[str]:
    """"rule id.field" for every user-facing text of the rules that is not written in English."""
    return [f"{r.id}.{name}" for r in rules.rules for name, text in r.texts().items() if not text.has("en")]


def step_json(rule: Rule, lang: str = "sv") -> dict[str, object]:
    """One step as the `--json` output shows it (the rule's text in `lang`, its order class and its sources)."""
    return {
        "rule_id": rule.id,
        "priority": rule.priority,
        "title": rule.title.text(lang),
        "detail": rule.detail.text(lang) if rule.detail else "",
        "warning": rule.warning.text(lang) if rule.warning else "",
        "checklist": rule.checklist,
        "target": rule.target,
        "requires_legal_basis": rule.requires_legal_basis,
        "sources": [s.model_dump(mode="json") for s in rule.sources],
    }
