"""Cross-reference checks a schema cannot express: ids, references, condition order, bins, judgement rules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from stodapp.checklists.index import DefinitionIndex, ItemRef, Loc, facets_of
from stodapp.checklists.schema import (
    BinsScore,
    ChecklistDefinition,
    ChoiceItem,
    CondAll,
    CondAny,
    CondItem,
    ConditionT,
    CondNot,
    CountScore,
    MultiChoiceItem,
    RepeatGroup,
    RuleScore,
    Scale,
    SumValuesScore,
    WeightedSumScore,
)

Issue = tuple[Loc, str]
NUMERIC_SCORES = (CountScore, WeightedSumScore, SumValuesScore)


def semantic_issues(definition: ChecklistDefinition) -> list[Issue]:
    """Every cross-reference problem as (path, message); empty when the definition is consistent."""
    index = DefinitionIndex.build(definition)
    issues: list[Issue] = [(loc, f"dubblett-id '{item_id}'") for item_id, loc in index.duplicates]
    issues += _unique([s.id for s in definition.sections], ("sections",), "id")
    issues += _unique([s.id for s in definition.scores], ("scores",), "id")
    issues += _unique([j.id for j in definition.judgements], ("judgements",), "id")
    score_ids = {s.id for s in definition.scores}
    for j_i, judgement in enumerate(definition.judgements):
        if judgement.id in score_ids:
            issues.append((("judgements", j_i, "id"), f"id '{judgement.id}' används redan av en poäng"))
    issues += _scales(definition, index)
    issues += _items(definition, index)
    issues += _scores(definition, index)
    issues += _judgements(definition, index)
    issues += _english(definition)
    return issues


def _unique(ids: list[str], loc: Loc, field: str) -> list[Issue]:
    seen: set[str] = set()
    out: list[Issue] = []
    for i, value in enumerate(ids):
        if value in seen:
            out.append(((*loc, i, field), f"dubblett-id '{value}'"))
        seen.add(value)
    return out


def _scale_codes(scale: Scale, loc: Loc) -> list[Issue]:
    out: list[Issue] = []
    seen: set[str] = set()
    for o_i, option in enumerate(scale.options):
        if option.code in seen:
            out.append(((*loc, "options", o_i, "code"), f"dubblettkod '{option.code}'"))
        seen.add(option.code)
    return out


def _scale_ref(index: DefinitionIndex, scale: str | Scale, loc: Loc) -> list[Issue]:
    if isinstance(scale, Scale):
        return _scale_codes(scale, loc)
    if scale not in index.definition.scales:
        return [(loc, f"okänd skala '{scale}'")]
    return []


def _scales(definition: ChecklistDefinition, index: DefinitionIndex) -> list[Issue]:
    out: list[Issue] = []
    for name, scale in definition.scales.items():
        out += _scale_codes(scale, ("scales", name))
    for name, facet in definition.facets.items():
        if facet.scale is not None and facet.scale not in definition.scales:
            out.append((("facets", name, "scale"), f"okänd skala '{facet.scale}'"))
    return out


def _items(definition: ChecklistDefinition, index: DefinitionIndex) -> list[Issue]:
    out: list[Issue] = []
    for ref in index.iter_items():
        item = ref.item
        if ref.group is not None and isinstance(item, RepeatGroup):
            out.append((ref.loc, "en upprepad grupp kan inte ligga i en annan upprepad grupp"))
        if isinstance(item, ChoiceItem | MultiChoiceItem):
            out += _scale_ref(index, item.scale, (*ref.loc, "scale"))
        for f_i, facet in enumerate(facets_of(item)):
            if facet not in definition.facets:
                out.append(((*ref.loc, "facets", f_i), f"okänd facett '{facet}'"))
        if len(set(facets_of(item))) != len(facets_of(item)):
            out.append(((*ref.loc, "facets"), "dubblett i facets"))
        if item.show_if is not None:
            out += _condition(index, item.show_if, (*ref.loc, "show_if"), ref, allow_self=False)
        if item.critical_if is not None:
            out += _condition(index, item.critical_if, (*ref.loc, "critical_if"), ref, allow_self=True)
        lo, hi = getattr(item, "min", None), getattr(item, "max", None)
        if lo is not None and hi is not None and lo > hi:
            out.append(((*ref.loc, "min"), f"min ({lo}) är större än max ({hi})"))
    for s_i, section in enumerate(definition.sections):
        if section.show_if is not None:
            first = index.items.get(section.items[0].id)
            if first is not None:
                out += _condition(
                    index, section.show_if, ("sections", s_i, "show_if"), first, allow_self=False
                )
    return out


def _condition(
    index: DefinitionIndex, cond: ConditionT, loc: Loc, owner: ItemRef, allow_self: bool
) -> list[Issue]:
    if isinstance(cond, CondAll | CondAny):
        parts = cond.all if isinstance(cond, CondAll) else cond.any
        key = "all" if isinstance(cond, CondAll) else "any"
        return [
            i
            for c_i, c in enumerate(parts)
            for i in _condition(index, c, (*loc, key, c_i), owner, allow_self)
        ]
    if isinstance(cond, CondNot):
        return _condition(index, cond.not_, (*loc, "not"), owner, allow_self)
    assert isinstance(cond, CondItem)
    target = index.items.get(cond.item)
    if target is None:
        return [((*loc, "item"), f"okänt item '{cond.item}'")]
    if target.order > owner.order or (target.order == owner.order and not allow_self):
        return [
            (
                (*loc, "item"),
                f"villkoret pekar framåt eller på sig självt ('{cond.item}'); bara tidigare items",
            )
        ]
    if target.group is not None and target.group != owner.group:
        return [((*loc, "item"), f"'{cond.item}' ligger i en annan upprepad grupp")]
    if not isinstance(target.item, ChoiceItem | MultiChoiceItem):
        return [((*loc, "item"), f"'{cond.item}' är inte ett val-item (choice/multi_choice)")]
    return _facet_and_codes(index, target, cond.facet, cond.in_, loc)


def _facet_and_codes(
    index: DefinitionIndex, target: ItemRef, facet: str | None, codes: Iterable[str], loc: Loc
) -> list[Issue]:
    item_facets = facets_of(target.item)
    if item_facets and facet is None:
        return [((*loc, "facet"), f"'{target.item.id}' har facetter {item_facets}; ange facet")]
    if facet is not None and facet not in item_facets:
        return [((*loc, "facet"), f"'{target.item.id}' har ingen facett '{facet}'")]
    valid = index.codes(target.item.id, facet)
    return [((*loc, "in"), f"okänd svarskod '{c}' för '{target.item.id}'") for c in codes if c not in valid]


def _score_item(
    index: DefinitionIndex,
    item_id: str,
    facet: str | None,
    codes: Iterable[str],
    loc: Loc,
    code_loc: Loc | None = None,
) -> list[Issue]:
    target = index.items.get(item_id)
    if target is None:
        return [(loc, f"okänt item '{item_id}'")]
    if target.group is not None:
        return [(loc, f"'{item_id}' ligger i en upprepad grupp och kan inte poängsättas")]
    if not isinstance(target.item, ChoiceItem):
        return [(loc, f"'{item_id}' är inte ett choice-item")]
    found = _facet_and_codes(index, target, facet, codes, loc)
    return [((code_loc or loc) if where[-1] == "in" else loc, msg) for where, msg in found]


def _scores(definition: ChecklistDefinition, index: DefinitionIndex) -> list[Issue]:
    out: list[Issue] = []
    earlier: dict[str, Any] = {}
    for s_i, score in enumerate(definition.scores):
        loc: Loc = ("scores", s_i)
        n_items = 0
        if isinstance(score, CountScore | SumValuesScore):
            n_items = len(score.items)
            codes = score.match if isinstance(score, CountScore) else []
            for i_i, item_id in enumerate(score.items):
                out += _score_item(index, item_id, score.facet, codes, (*loc, "items", i_i), (*loc, "match"))
            if isinstance(score, SumValuesScore):
                for item_id in score.items:
                    scale = index.item_scale(item_id, score.facet)
                    if scale is not None and all(o.value is None for o in scale.options):
                        out.append(((*loc, "items"), f"skalan för '{item_id}' har inga värden (value)"))
        elif isinstance(score, WeightedSumScore):
            n_items = len(score.weights)
            for item_id, weights in score.weights.items():
                out += _score_item(index, item_id, score.facet, weights.keys(), (*loc, "weights", item_id))
        elif isinstance(score, RuleScore):
            for c_i, clause in enumerate(score.any):
                ids = clause.any_of if hasattr(clause, "any_of") else clause.of
                key = "any_of" if hasattr(clause, "any_of") else "of"
                n_items += len(ids)
                for i_i, item_id in enumerate(ids):
                    out += _score_item(
                        index,
                        item_id,
                        clause.facet,
                        clause.in_,
                        (*loc, "any", c_i, key, i_i),
                        (*loc, "any", c_i, "in"),
                    )
                k = getattr(clause, "at_least", None)
                if k is not None and k > len(ids):
                    out.append(
                        (
                            (*loc, "any", c_i, "at_least"),
                            f"at_least ({k}) är fler än antalet items ({len(ids)})",
                        )
                    )
        elif isinstance(score, BinsScore):
            out += _bins(score, loc, earlier)
        if score.missing.max_missing is not None and n_items and score.missing.max_missing > n_items:
            out.append(
                ((*loc, "missing", "max_missing"), f"max_missing ({score.missing.max_missing}) > antal items")
            )
        earlier[score.id] = score
    return out


def _bins(score: BinsScore, loc: Loc, earlier: dict[str, Any]) -> list[Issue]:
    out: list[Issue] = []
    source = earlier.get(score.source)
    if source is None:
        out.append(((*loc, "source"), f"okänd eller senare poäng '{score.source}' (källan ska stå före)"))
    elif not isinstance(source, NUMERIC_SCORES):
        out.append(
            ((*loc, "source"), f"'{score.source}' är inte en numerisk poäng (count/weighted_sum/sum_values)")
        )
    out += _unique([b.code for b in score.bins], (*loc, "bins"), "code")
    last = len(score.bins) - 1
    for b_i, b in enumerate(score.bins):
        bloc = (*loc, "bins", b_i)
        if b.min is not None and b.max is not None and b.min > b.max:
            out.append(((*bloc, "min"), f"min ({b.min}) är större än max ({b.max})"))
        if b.min is None and b_i != 0:
            out.append(((*bloc, "min"), "bara det första intervallet får sakna min"))
        if b.max is None and b_i != last:
            out.append(((*bloc, "max"), "bara det sista intervallet får sakna max"))
        if b_i > 0:
            prev = score.bins[b_i - 1]
            if prev.max is not None and b.min is not None and b.min <= prev.max:
                out.append(
                    ((*bloc, "min"), f"intervallen överlappar eller är osorterade ({b.min} <= {prev.max})")
                )
    return out


def _judgements(definition: ChecklistDefinition, index: DefinitionIndex) -> list[Issue]:
    out: list[Issue] = []
    scores = {s.id: s for s in definition.scores}
    for j_i, j in enumerate(definition.judgements):
        loc: Loc = ("judgements", j_i)
        out += _scale_ref(index, j.scale, (*loc, "scale"))
        scale = index.judgement_scale(j)
        codes = {o.code for o in scale.options} if scale else set()
        if j.mode == "spj":
            if j.source is not None:
                out.append(
                    (
                        (*loc, "source"),
                        "en SPJ-bedömning får inte ha en källpoäng (source); appen föreslår aldrig en nivå för den",
                    )
                )
            if j.advice is not None:
                out.append(((*loc, "advice"), "en SPJ-bedömning får inte ha advice"))
            if j.override is not None:
                out.append(((*loc, "override"), "override gäller bara mode: advised"))
            continue
        if j.source is None:
            out.append(((*loc, "source"), "mode: advised kräver source (en bins- eller rule-poäng)"))
            continue
        source = scores.get(j.source)
        if source is None:
            out.append(((*loc, "source"), f"okänd poäng '{j.source}'"))
            continue
        if not isinstance(source, BinsScore | RuleScore):
            out.append(((*loc, "source"), f"'{j.source}' är inte en bins- eller rule-poäng"))
            continue
        results = {b.code for b in source.bins} if isinstance(source, BinsScore) else {"true", "false"}
        if j.advice is None:
            if isinstance(source, RuleScore):
                out.append(((*loc, "advice"), "en rule-källa kräver advice (true/false -> kod)"))
            out += [
                ((*loc, "source"), f"intervallkoden '{c}' finns inte i bedömningens skala")
                for c in sorted(results - codes)
                if isinstance(source, BinsScore)
            ]
        else:
            for key, value in j.advice.items():
                if key not in results:
                    out.append(((*loc, "advice", key), f"'{key}' är inget möjligt resultat av '{j.source}'"))
                if value not in codes:
                    out.append(((*loc, "advice", key), f"okänd kod '{value}' i bedömningens skala"))
        if (
            j.override is not None
            and j.override.allowed == "raise_only"
            and scale is not None
            and not scale.ordered
        ):
            out.append(((*loc, "override", "allowed"), "raise_only kräver en ordnad skala (ordered: true)"))
    return out


def _english(definition: ChecklistDefinition) -> list[Issue]:
    if "en" not in definition.locales:
        return []
    out: list[Issue] = []

    def walk(value: Any, loc: Loc) -> None:
        if isinstance(value, dict):
            if (
                value
                and "sv" in value
                and set(value) <= {"sv", "en", "sv_easy"}
                and all(isinstance(v, str) for v in value.values())
            ):
                if not str(value.get("en", "")).strip():
                    out.append((loc, "engelsk text saknas (en), locales innehåller en"))
                return
            for key, sub in value.items():
                walk(sub, (*loc, key))
        elif isinstance(value, list):
            for i, sub in enumerate(value):
                walk(sub, (*loc, i))

    walk(definition.model_dump(mode="json", by_alias=True, exclude_none=True), ())
    return out
