"""From files to statistics: units from checklist definitions, checks across ratings files, JSON result.

Refused with a one-line message (UserInputError): no ratings file, the same file twice (same bytes) or
the same trainee twice for a vignette, ratings for a vignette without a reference, a checklist version
other than the reference's, a checklist the reference does not cover or that is not installed, and an
unknown item, facet, judgement or option code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from stodapp.checklists.index import DefinitionIndex
from stodapp.checklists.schema import ChecklistDefinition, ChoiceItem
from stodapp.errors import UserInputError
from stodapp.i18n import _
from stodapp.training.agreement import (
    GroupAgreement,
    Kind,
    Rater,
    SubjectKey,
    TraineeAgreement,
    UnitSpec,
    compare_group,
    compare_trainee,
)
from stodapp.training.ratings import AnswerValue, ChecklistRatings, LoadedRatings, RatingsFile
from stodapp.training.vignettes import Vignette

Definitions = Mapping[tuple[str, str], ChecklistDefinition]


def answer_key(checklist: str, item: str, facet: str | None = None) -> str:
    return f"{checklist}/{item}" + (f"@{facet}" if facet else "")


def judgement_key(checklist: str, judgement: str) -> str:
    return f"{checklist}/bedömning:{judgement}"


def units_for(definition: ChecklistDefinition, lang: str = "sv") -> list[UnitSpec]:
    """Comparable units of one checklist in document order: top-level choice items (per facet), judgements."""
    index = DefinitionIndex.build(definition)
    units: list[UnitSpec] = []
    for ref in index.iter_items():
        item = ref.item
        if not isinstance(item, ChoiceItem) or ref.group is not None:
            continue
        label = item.text.text(lang)
        facets: list[str | None] = [*item.facets] or [None]
        for facet in facets:
            scale = index.item_scale(item.id, facet)
            if scale is None:
                continue
            facet_label = ""
            if facet is not None:
                spec = definition.facets.get(facet)
                facet_label = f" ({spec.label.sv if spec and spec.label else facet})"
            units.append(_unit(answer_key(definition.id, item.id, facet), definition.id, item.id, facet,
                               "answer", label + facet_label, scale))  # fmt: skip
    for judgement in definition.judgements:
        scale = index.judgement_scale(judgement)
        if scale is None:
            continue
        label = judgement.label.text(lang)
        units.append(_unit(judgement_key(definition.id, judgement.id), definition.id, judgement.id, None,
                           "judgement", label, scale))  # fmt: skip
    return units


def _unit(key: str, checklist: str, item: str, facet: str | None, kind: Kind, label: str, scale: Any) -> UnitSpec:
    codes = tuple(o.code for o in scale.options)
    labels = tuple(o.label.sv if o.label else o.code for o in scale.options)
    ordinal = tuple(o.code for o in scale.options if not o.missing) if scale.ordered else None
    return UnitSpec(key=key, checklist=checklist, item=item, facet=facet, kind=kind, label=label, codes=codes,
                    labels=labels, ordinal=ordinal if ordinal and len(ordinal) > 1 else None)  # fmt: skip


def reference_from_vignette(vignette: Vignette) -> RatingsFile:
    """The vignette's reference answers as a ratings file (role "reference")."""
    return RatingsFile(
        format="stodapp-training-ratings",
        format_version=1,
        trainee="referens",
        role="reference",
        vignette=vignette.id,
        checklists=[
            ChecklistRatings(
                id=c.id,
                version=c.version,
                answers=_answers(c.answers),
                judgements=dict(c.judgements),
                rationale=dict(c.rationale),
            )  # fmt: skip
            for c in vignette.checklists
        ],
    )


def _answers(answers: Mapping[str, str | dict[str, str]]) -> dict[str, AnswerValue]:
    out: dict[str, AnswerValue] = {}
    for item, value in answers.items():
        out[item] = {f: c for f, c in value.items()} if isinstance(value, dict) else value
    return out


def _values(
    ratings: RatingsFile, units_by_checklist: Mapping[str, list[UnitSpec]], name: str
) -> dict[SubjectKey, str | None]:  # noqa: E501
    values: dict[SubjectKey, str | None] = {}
    for cl in ratings.checklists:
        units = {u.key: u for u in units_by_checklist.get(cl.id, [])}
        for (item, facet), code in cl.flat_answers().items():
            _store(
                values,
                units,
                ratings.vignette,
                answer_key(cl.id, item, facet),
                code,
                name,
                cl.id,
                item,
                facet,
            )
        for j_id, code in cl.judgements.items():
            _store(values, units, ratings.vignette, judgement_key(cl.id, j_id), code, name, cl.id, j_id, None)
    return values


def _store(values: dict[SubjectKey, str | None], units: Mapping[str, UnitSpec], vignette: str, key: str,
           code: str | None, name: str, checklist: str, item: str, facet: str | None) -> None:  # fmt: skip
    unit = units.get(key)
    what = item + (f"@{facet}" if facet else "")
    if unit is None:
        raise UserInputError(
            _("{name}: okänd fråga eller bedömning '{item}' i {checklist}").format(
                name=name, item=what, checklist=checklist
            )
        )
    if code is not None and code not in unit.codes:
        raise UserInputError(
            _("{name}: okänd svarskod '{code}' för '{item}' (tillåtna: {allowed})").format(
                name=name, code=code, item=what, allowed=", ".join(unit.codes)
            )
        )
    values[(vignette, key)] = code


class Prepared:
    """Checked inputs ready for the statistics: units, the reference rater, trainee raters, rationale."""

    def __init__(self, units: list[UnitSpec], reference: Rater, trainees: list[Rater],
                 rationale: dict[SubjectKey, str], vignettes: list[str]) -> None:  # fmt: skip
        self.units = units
        self.reference = reference
        self.trainees = trainees
        self.rationale = rationale
        self.vignettes = vignettes


def prepare(
    references: Sequence[LoadedRatings], trainees: Sequence[LoadedRatings], definitions: Definitions
) -> Prepared:
    """Check the files against each other and the installed checklists (see the module docstring)."""
    if not references:
        raise UserInputError(_("ingen referensfil"))
    if not trainees:
        raise UserInputError(_("inga bedömningsfiler att jämföra"))
    seen_digest: dict[str, str] = {}
    for f in [*references, *trainees]:
        if f.digest in seen_digest:
            raise UserInputError(
                _("{name}: samma fil som {other} (identiskt innehåll)").format(name=f.name, other=seen_digest[f.digest])
            )
        seen_digest[f.digest] = f.name
    by_vignette: dict[str, LoadedRatings] = {}
    for ref in references:
        if ref.ratings.vignette in by_vignette:
            raise UserInputError(_("{name}: två referensfiler för samma fallbeskrivning").format(name=ref.name))
        by_vignette[ref.ratings.vignette] = ref
    seen_trainee: dict[tuple[str, str], str] = {}
    for t in trainees:
        key = (t.ratings.trainee, t.ratings.vignette)
        if key in seen_trainee:
            raise UserInputError(
                _("{name}: deltagaren '{trainee}' finns redan i {other}").format(
                    name=t.name, trainee=t.ratings.trainee, other=seen_trainee[key]
                )
            )
        seen_trainee[key] = t.name
        expected = by_vignette.get(t.ratings.vignette)
        if expected is None:
            raise UserInputError(
                _("{name}: ingen referens för fallbeskrivningen '{vignette}'").format(
                    name=t.name, vignette=t.ratings.vignette
                )
            )
        for cl in t.ratings.checklists:
            ref_cl = expected.ratings.checklist(cl.id)
            if ref_cl is None:
                raise UserInputError(
                    _("{name}: checklistan {checklist} finns inte i referensen").format(name=t.name, checklist=cl.id)
                )
            if ref_cl.version != cl.version:
                raise UserInputError(
                    _("{name}: checklistan {checklist} har version {version}, referensen har {ref_version}").format(
                        name=t.name, checklist=cl.id, version=cl.version, ref_version=ref_cl.version
                    )
                )
    units_by_checklist: dict[str, list[UnitSpec]] = {}
    for ref in references:
        for cl in ref.ratings.checklists:
            definition = definitions.get((cl.id, cl.version))
            if definition is None:
                raise UserInputError(
                    _("{name}: checklistan {checklist} version {version} är inte installerad").format(
                        name=ref.name, checklist=cl.id, version=cl.version
                    )
                )
            units_by_checklist[cl.id] = units_for(definition)
    units = [u for cl_units in units_by_checklist.values() for u in cl_units]
    ref_values: dict[SubjectKey, str | None] = {}
    rationale: dict[SubjectKey, str] = {}
    for ref in references:
        ref_values.update(_values(ref.ratings, units_by_checklist, ref.name))
        for cl in ref.ratings.checklists:
            for item, why in cl.rationale.items():
                for u in units_by_checklist[cl.id]:
                    if u.item == item:
                        rationale[(ref.ratings.vignette, u.key)] = why
    raters = [Rater(name=t.ratings.trainee, values=_values(t.ratings, units_by_checklist, t.name)) for t in trainees]
    return Prepared(units, Rater(name="referens", values=ref_values), raters, rationale, sorted(by_vignette))


def analyse(prepared: Prepared, top: int = 5) -> tuple[list[TraineeAgreement], GroupAgreement | None]:
    """Per-trainee comparisons, and the group analysis when there are at least two trainees."""
    p = prepared
    per = [compare_trainee(p.units, p.reference, t, p.rationale, top) for t in p.trainees]
    names = {t.name for t in p.trainees}
    group = compare_group(p.units, p.reference, p.trainees, p.rationale, top=top) if len(names) >= 2 else None
    return per, group


def result_json(prepared: Prepared, top: int = 5) -> dict[str, Any]:
    per, group = analyse(prepared, top)
    return {
        "vignettes": prepared.vignettes,
        "trainees": [t.name for t in prepared.trainees],
        "per_trainee": [t.model_dump(mode="json") for t in per],
        "group": group.model_dump(mode="json", exclude={"per_trainee"}) if group else None,
    }
