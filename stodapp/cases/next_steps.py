"""Next-step rules kept as data (resources/next_steps.yaml): load, validate, evaluate against case facts."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stodapp.errors import ValidationFailed
from stodapp.i18n import _


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class When(_Frozen):
    answer: tuple[Literal["ja", "nej", "avbojt", "ej_fragat"], ...] = ()
    subject: tuple[Literal["utsatt", "utovande"], ...] = ()
    children: bool | None = None
    any_group: tuple[str, ...] = ()


class Rule(_Frozen):
    id: str = Field(pattern=r"^[a-z0-9_]{2,60}$")
    when: When
    title: str = Field(min_length=3)
    detail: str = ""
    warning: str = ""
    checklist: str = ""
    target: str = ""
    requires_legal_basis: bool = False


class RuleFile(_Frozen):
    version: int
    rules: tuple[Rule, ...]


class Facts(_Frozen):
    answer: str
    subject: str
    children: bool
    groups: frozenset[str]


def matches(rule: Rule, facts: Facts) -> bool:
    w = rule.when
    if w.answer and facts.answer not in w.answer:
        return False
    if w.subject and facts.subject not in w.subject:
        return False
    if w.children is not None and w.children != facts.children:
        return False
    return not (w.any_group and not facts.groups.intersection(w.any_group))


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
    return parsed


@lru_cache(maxsize=4)
def default_rules() -> RuleFile:
    from stodapp.paths import resource_dir

    return load_rules(resource_dir() / "next_steps.yaml")


def suggest(facts: Facts, rules: RuleFile | None = None) -> list[Rule]:
    return [r for r in (rules or default_rules()).rules if matches(r, facts)]


def rule_by_id(rule_id: str) -> Rule | None:
    return next((r for r in default_rules().rules if r.id == rule_id), None)
