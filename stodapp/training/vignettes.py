"""Vignettes (fiktiva fallbeskrivningar) as YAML data: schema, safe loading and validation against checklists.

A vignette file (resources/training/*.yaml) holds a fictional story, facts a trainee can ask about, the
checklists to run with the author's reference answers and judgements (with a short rationale per item),
learning points and tags. Every problem is reported as "file:line: field.path: message", like checklists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from yaml.nodes import Node

from stodapp.checklists.index import DefinitionIndex
from stodapp.checklists.safe_yaml import YamlRefused, load_yaml, read_text
from stodapp.checklists.schema import (
    ChecklistDefinition,
    ChoiceItem,
    CondAll,
    CondAny,
    CondItem,
    ConditionT,
    CondNot,
    Scale,
)
from stodapp.checklists.validate import issue_lines
from stodapp.errors import ValidationFailed
from stodapp.i18n import _
from stodapp.localized_text import LocalizedText

ID_RE = r"^[a-z][a-z0-9-]{1,62}$"
FORMS = (
    "fysiskt", "psykiskt", "sexuellt", "ekonomiskt", "materiellt", "digitalt", "latent", "forsummelse",
    "hedersrelaterat", "sexuell_exploatering", "manniskohandel", "funktionsrelaterat", "barn_upplever",
)  # fmt: skip
GROUPS = (
    "kvinnor", "man", "barn", "unga", "aldre", "funktionsnedsattning", "hbtqi", "heder", "missbruk",
    "hemloshet", "prostitution", "utrikes_fodda", "valdsutovare",
)  # fmt: skip
RARITY = ("vanlig", "ovanlig", "sallsynt")


AnswerValue = str | dict[str, str]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fact(_Model):
    """Something the trainee can "ask" about; revealed only on request."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,40}$")]
    question: LocalizedText
    answer: LocalizedText


class ChecklistReference(_Model):
    """The author's reference for one checklist: answers (item -> code or facet -> code), judgements, why."""

    id: str
    version: str
    answers: dict[str, AnswerValue] = {}
    judgements: dict[str, str] = {}
    rationale: dict[str, str] = {}

    @model_validator(mode="after")
    def _something(self) -> ChecklistReference:
        if not self.answers and not self.judgements:
            raise ValueError("referenssvar saknas (answers/judgements)")
        return self


class Tags(_Model):
    forms: Annotated[list[Literal[FORMS]], Field(min_length=1)]  # type: ignore[valid-type]
    groups: Annotated[list[Literal[GROUPS]], Field(min_length=1)]  # type: ignore[valid-type]
    rarity: Literal["vanlig", "ovanlig", "sallsynt"]
    difficulty: Literal[1, 2, 3]


class Vignette(_Model):
    id: Annotated[str, Field(pattern=ID_RE)]
    version: int = Field(ge=1)
    fictional: Literal[True]
    title: LocalizedText
    summary: LocalizedText
    story: LocalizedText
    facts: list[Fact] = []
    checklists: Annotated[list[ChecklistReference], Field(min_length=1)]
    learning_points: Annotated[list[LocalizedText], Field(min_length=1)]
    tags: Tags
    author: str = Field(min_length=1, max_length=200)

    @model_validator(mode="after")
    def _unique(self) -> Vignette:
        facts = [f.id for f in self.facts]
        if len(set(facts)) != len(facts):
            raise ValueError("två fakta har samma id")
        ids = [c.id for c in self.checklists]
        if len(set(ids)) != len(ids):
            raise ValueError("samma checklista förekommer två gånger")
        return self


class LoadedVignette(_Model):
    path: str
    vignette: Vignette


Issue = tuple[Sequence[str | int], str]


def parse_vignette(text: str, source: str) -> tuple[Vignette, Any, Node | None]:
    """Structure only: (vignette, raw data, YAML node tree). Raises ValidationFailed with every error line."""
    try:
        data, node = load_yaml(text)
    except YamlRefused as err:
        where = f"{source}:{err.line}" if err.line else source
        raise ValidationFailed(_("{source}: kan inte läsas").format(source=source), [f"{where}: {err}"]) from None
    if not isinstance(data, dict):
        raise ValidationFailed(
            _("{source}: inte en fallbeskrivning").format(source=source),
            [f"{source}:1: (dokument): ska vara en mappning (nyckel: värde)"],
        )
    try:
        vignette = Vignette.model_validate(data)
    except ValidationError as err:
        issues: list[Issue] = [(e["loc"], _pyd_message(e["type"], e["msg"])) for e in err.errors()]
        lines = list(dict.fromkeys(issue_lines(source, data, node, issues)))
        raise ValidationFailed(_("{source}: {n} fel").format(source=source, n=len(lines)), lines) from None
    return vignette, data, node


def _pyd_message(kind: str, msg: str) -> str:
    return {
        "missing": "fältet saknas",
        "extra_forbidden": "okänt fält",
        "literal_error": "ogiltigt värde",
        "string_pattern_mismatch": "ogiltigt id (små bokstäver, siffror, bindestreck)",
    }.get(kind, msg.removeprefix("Value error, "))


def reference_issues(vignette: Vignette, definitions: Iterable[ChecklistDefinition]) -> list[Issue]:
    """Cross-check every reference answer with the shipped checklists: unknown checklist (or version),
    item, facet, judgement or option code; a non-choice item; a rationale for something not answered."""
    by_key = {(d.id, d.version): d for d in definitions}
    known_versions: dict[str, list[str]] = {}
    for cid, version in by_key:
        known_versions.setdefault(cid, []).append(version)
    issues: list[Issue] = []
    for c_i, ref in enumerate(vignette.checklists):
        base: tuple[str | int, ...] = ("checklists", c_i)
        definition = by_key.get((ref.id, ref.version))
        if definition is None:
            if ref.id in known_versions:
                versions = ", ".join(sorted(known_versions[ref.id]))
                issues.append(
                    (
                        (*base, "version"),
                        f"checklistan {ref.id} finns inte i version {ref.version} ({versions})",
                    )
                )
            else:
                issues.append(((*base, "id"), f"okänd checklista '{ref.id}'"))
            continue
        index = DefinitionIndex.build(definition)
        for item_id, value in ref.answers.items():
            loc = (*base, "answers", item_id)
            found = index.items.get(item_id)
            if found is None:
                issues.append((loc, f"okänd fråga '{item_id}' i {ref.id}"))
                continue
            if not isinstance(found.item, ChoiceItem) or found.group is not None:
                issues.append((loc, f"'{item_id}' är inte en envalsfråga och kan inte jämföras"))
                continue
            facets = list(found.item.facets)
            if isinstance(value, dict):
                if not facets:
                    issues.append((loc, f"'{item_id}' har inga dimensioner (facets)"))
                    continue
                for facet, code in value.items():
                    if facet not in facets:
                        issues.append(((*loc, facet), f"okänd dimension '{facet}' (finns: {', '.join(facets)})"))
                    elif code not in index.codes(item_id, facet):
                        issues.append(((*loc, facet), _code_msg(code, index.item_scale(item_id, facet))))
            elif facets:
                issues.append((loc, f"'{item_id}' besvaras per dimension: {', '.join(facets)}"))
            elif value not in index.codes(item_id):
                issues.append((loc, _code_msg(value, index.item_scale(item_id))))
        sections = {sec.id: sec for sec in definition.sections}
        for item_id in ref.answers:
            found = index.items.get(item_id)
            if found is None:
                continue
            for cond in (sections[found.section].show_if, found.item.show_if):
                if cond is not None and _holds(cond, ref.answers) is False:
                    issues.append(
                        (
                            (*base, "answers", item_id),
                            f"'{item_id}' visas inte med dessa referenssvar (show_if)",
                        )
                    )
                    break
        judgements = {j.id: j for j in definition.judgements}
        for j_id, code in ref.judgements.items():
            loc = (*base, "judgements", j_id)
            judgement = judgements.get(j_id)
            if judgement is None:
                issues.append((loc, f"okänd bedömning '{j_id}' i {ref.id}"))
                continue
            scale = index.judgement_scale(judgement)
            if scale is None or code not in {o.code for o in scale.options}:
                issues.append((loc, _code_msg(code, scale)))
        for key in ref.rationale:
            if key not in ref.answers and key not in ref.judgements:
                issues.append(((*base, "rationale", key), f"motivering till '{key}' som inte har något referenssvar"))
    return issues


def _holds(cond: ConditionT, answers: dict[str, AnswerValue]) -> bool | None:
    """Evaluate a show_if condition on reference answers: True, False, or None when it cannot be known
    (it refers to an item without a reference answer, e.g. a multi-choice item)."""
    if isinstance(cond, CondItem):
        value = answers.get(cond.item)
        if isinstance(value, dict):
            value = value.get(cond.facet or "")
        return None if value is None else value in cond.in_
    if isinstance(cond, CondNot):
        inner = _holds(cond.not_, answers)
        return None if inner is None else not inner
    results = [_holds(c, answers) for c in (cond.all if isinstance(cond, CondAll) else cond.any)]
    if isinstance(cond, CondAll):
        return False if False in results else (None if None in results else True)
    assert isinstance(cond, CondAny)
    return True if True in results else (None if None in results else False)


def _code_msg(code: str, scale: Scale | None) -> str:
    allowed = ", ".join(o.code for o in scale.options) if scale else "-"
    return f"okänd svarskod '{code}' (tillåtna: {allowed})"


def load_vignette_file(path: Path, definitions: Sequence[ChecklistDefinition]) -> Vignette:
    """Read, parse and cross-check one vignette. Raises ValidationFailed with all error lines."""
    source = str(path)
    try:
        text = read_text(path)
    except YamlRefused as err:
        raise ValidationFailed(_("{source}: kan inte läsas").format(source=source), [f"{source}: {err}"]) from None
    vignette, data, node = parse_vignette(text, source)
    problems = reference_issues(vignette, definitions)
    if problems:
        lines = list(dict.fromkeys(issue_lines(source, data, node, problems)))
        raise ValidationFailed(_("{source}: {n} fel").format(source=source, n=len(lines)), lines)
    return vignette


def vignette_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in (".yaml", ".yml"))


def validate_paths(
    paths: Sequence[Path], definitions: Sequence[ChecklistDefinition]
) -> tuple[list[Vignette], list[str]]:
    """Validate files (a folder means its *.yaml files): returns (valid vignettes, error lines)."""
    files: list[Path] = []
    for p in paths:
        files += vignette_files(p) if p.is_dir() else [p]
    ok: list[Vignette] = []
    errors: list[str] = []
    seen: dict[str, Path] = {}
    for path in files:
        try:
            vignette = load_vignette_file(path, definitions)
        except ValidationFailed as err:
            errors += list(err.lines) or [str(err)]
            continue
        if vignette.id in seen:
            errors.append(f"{path}:1: id: '{vignette.id}' finns redan i {seen[vignette.id].name}")
            continue
        seen[vignette.id] = path
        ok.append(vignette)
    return ok, errors


def load_vignettes(folder: Path, definitions: Sequence[ChecklistDefinition]) -> list[Vignette]:
    """All vignettes in `folder`; any broken file raises ValidationFailed listing every problem."""
    ok, errors = validate_paths([folder], definitions)
    if errors:
        raise ValidationFailed(_("{n} fel i fallbeskrivningarna").format(n=len(errors)), errors)
    return ok
