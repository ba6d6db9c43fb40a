"""Agreement of trainees with the reference and within a group, per rated unit (item, facet, judgement).

A *unit* is one choice item (or one facet of it) or one judgement of a checklist; a *subject* is a unit on
one vignette. Only choice items and judgements are compared; free text, dates and numbers are not.

Definitions (where the issue was silent):
- Unanswered: a unit the trainee (or a group member) left empty is listed as unanswered and left out of
  every statistic for that unit; a unit without a reference answer is not compared with the reference.
- Nominal statistics (Cohen's kappa, Fleiss' kappa) pool all units of a kind (answers / judgements);
  codes are namespaced by their scale so that "ja" on two different scales does not collide in p_e.
- Ordinal statistics (quadratically weighted kappa) are computed per ordered scale (e.g. 0-1-2, L/M/H);
  options marked missing ("vet ej", "?"-as-omit) are not on the ordinal axis, so pairs with such a code
  are left out of the weighted kappa (they still count in percent agreement and the nominal kappa).
- Distance of one disagreement, used to rank "largest disagreement": 1 for nominal units and for a
  missing code; |i - j| / (k - 1) on an ordered scale.
- Per item (question) the group view reports shares, never a kappa: the mean pairwise agreement P-bar,
  the share of answers equal to the reference, and who answered differently from the reference. A
  per-item "kappa" (the item's P-bar against the pooled chance agreement) is a valid decomposition of
  the scale's Fleiss' kappa but can fall far below -1 on one item, which reads as a bug; kappa is
  reported for totals (answers, judgements) and per scale only.
- Codes are shown by their option labels (`UnitSpec.labels`); a code without a label shows as itself.
- The group "splits" on an item when the most common answer is chosen by fewer than `split_below`
  (default 70 %) of those who answered it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict

from stodapp.training import kappa as K

Kind = Literal["answer", "judgement"]
SubjectKey = tuple[str, str]  # (vignette id, unit key)


class UnitSpec(BaseModel):
    """One comparable unit. `codes` in scale order; `ordinal` = ordered non-missing codes, None if nominal."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    checklist: str
    item: str
    facet: str | None = None
    kind: Kind = "answer"
    label: str
    codes: tuple[str, ...]
    ordinal: tuple[str, ...] | None = None
    labels: tuple[str, ...] = ()  # option labels in the order of `codes` (empty: show the codes)

    def label_of(self, code: str | None) -> str:
        """The option label a person sees for `code` ("" for None)."""
        if code is None:
            return ""
        if code in self.codes and len(self.labels) == len(self.codes):
            return self.labels[self.codes.index(code)]
        return code

    @property
    def scale_key(self) -> str:
        return ("o:" if self.ordinal else "n:") + "|".join(self.codes)


class Rater(BaseModel):
    """One rater's codes per subject (None = left unanswered)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    values: dict[SubjectKey, str | None]


class ItemComparison(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    label: str
    kind: Kind
    vignette: str
    reference: str
    trainee: str | None
    reference_label: str = ""
    trainee_label: str = ""
    agree: bool | None  # None: unanswered by the trainee
    distance: float | None
    rationale: str = ""


class ScaleKappa(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    scale: tuple[str, ...]
    result: K.KappaResult
    scale_labels: tuple[str, ...] = ()


class KindSummary(BaseModel):
    """Statistics of one trainee against the reference for one kind (answers or judgements)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    compared: int
    unanswered: int
    percent_agreement: float | None
    cohen: K.KappaResult
    weighted: tuple[ScaleKappa, ...]


class TraineeAgreement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    trainee: str
    answers: KindSummary
    judgements: KindSummary
    items: tuple[ItemComparison, ...]
    largest_disagreements: tuple[ItemComparison, ...]


class GroupItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    label: str
    kind: Kind
    n_ratings: int
    distribution: dict[str, int]
    distribution_labels: dict[str, int] = {}  # the same counts keyed by option label
    agreement: float | None  # mean pairwise agreement P-bar over the vignettes (None: fewer than 2 answers)
    modal_share: float | None
    split: bool
    reference: tuple[str, ...]
    reference_labels: tuple[str, ...] = ()
    reference_share: float | None  # share of ratings equal to the reference
    differed: tuple[tuple[str, str], ...] = ()  # (trainee, the answer's label) where it differs from the reference
    rationale: str = ""


class GroupAgreement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    trainees: tuple[str, ...]
    answers_fleiss: K.FleissResult
    judgements_fleiss: K.FleissResult
    scales: tuple[tuple[tuple[str, ...], K.FleissResult], ...]
    scale_labels: tuple[tuple[str, ...], ...] = ()  # option labels of each entry in `scales`
    items: tuple[GroupItem, ...]
    discussion: tuple[GroupItem, ...]
    largest_disagreements: tuple[GroupItem, ...]
    per_trainee: tuple[TraineeAgreement, ...]


def distance(unit: UnitSpec, a: str, b: str) -> float:
    """How far apart two codes are on the unit's scale, in [0, 1] (see the module docstring)."""
    if a == b:
        return 0.0
    if unit.ordinal and a in unit.ordinal and b in unit.ordinal and len(unit.ordinal) > 1:
        return abs(unit.ordinal.index(a) - unit.ordinal.index(b)) / (len(unit.ordinal) - 1)
    return 1.0


def compare_trainee(
    units: Sequence[UnitSpec],
    reference: Rater,
    trainee: Rater,
    rationale: Mapping[SubjectKey, str] | None = None,
    top: int = 5,
) -> TraineeAgreement:
    """One trainee against the reference on every subject the reference answered."""
    rationale = rationale or {}
    by_key = {u.key: u for u in units}
    order = {u.key: i for i, u in enumerate(units)}
    items: list[ItemComparison] = []
    for (vignette, key), ref in sorted(reference.values.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 0))):
        unit = by_key.get(key)
        if unit is None or ref is None:
            continue
        got = trainee.values.get((vignette, key))
        items.append(
            ItemComparison(
                key=key,
                label=unit.label,
                kind=unit.kind,
                vignette=vignette,
                reference=ref,
                trainee=got,
                reference_label=unit.label_of(ref),
                trainee_label=unit.label_of(got),
                agree=None if got is None else got == ref,
                distance=None if got is None else distance(unit, ref, got),
                rationale=rationale.get((vignette, key), ""),
            )
        )
    worst = sorted(
        (i for i in items if i.distance),
        key=lambda i: (-(i.distance or 0.0), i.vignette, order.get(i.key, 0)),
    )
    return TraineeAgreement(
        trainee=trainee.name,
        answers=_summary([i for i in items if i.kind == "answer"], by_key),
        judgements=_summary([i for i in items if i.kind == "judgement"], by_key),
        items=tuple(items),
        largest_disagreements=tuple(worst[:top]),
    )


def _summary(items: Sequence[ItemComparison], by_key: Mapping[str, UnitSpec]) -> KindSummary:
    answered = [i for i in items if i.trainee is not None]
    refs = [f"{by_key[i.key].scale_key}#{i.reference}" for i in answered]
    gots = [f"{by_key[i.key].scale_key}#{i.trainee}" for i in answered]
    per_scale: dict[tuple[str, ...], tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    scale_labels: dict[tuple[str, ...], tuple[str, ...]] = {}
    for i in answered:
        unit = by_key[i.key]
        scale = unit.ordinal
        if scale and i.reference in scale and i.trainee in scale:
            per_scale[scale][0].append(i.reference)
            per_scale[scale][1].append(i.trainee or "")
            scale_labels.setdefault(scale, tuple(unit.label_of(c) for c in scale))
    return KindSummary(
        compared=len(answered),
        unanswered=len(items) - len(answered),
        percent_agreement=K.percent_agreement(refs, gots),
        cohen=K.cohen_kappa(refs, gots),
        weighted=tuple(
            ScaleKappa(scale=scale, result=K.weighted_kappa(a, b, scale, "quadratic"), scale_labels=scale_labels[scale])
            for scale, (a, b) in sorted(per_scale.items())
        ),
    )


def compare_group(
    units: Sequence[UnitSpec],
    reference: Rater,
    trainees: Sequence[Rater],
    rationale: Mapping[SubjectKey, str] | None = None,
    split_below: float = 0.7,
    top: int = 5,
) -> GroupAgreement:
    """A group of trainees: Fleiss' kappa overall and per scale; shares per item; discussion list; worst items."""
    rationale = rationale or {}
    vignettes = sorted({v for (v, _k) in reference.values} | {v for r in trainees for (v, _k) in r.values})
    per_unit: dict[str, list[list[str | None]]] = {}
    for unit in units:
        per_unit[unit.key] = [[r.values.get((v, unit.key)) for r in trainees] for v in vignettes]

    def table(selected: Iterable[UnitSpec], namespaced: bool) -> K.FleissResult:
        rows: list[list[str | None]] = []
        cats: list[str] = []
        for unit in selected:
            prefix = unit.scale_key + "#" if namespaced else ""
            cats += [prefix + c for c in unit.codes if prefix + c not in cats]
            rows += [[None if c is None else prefix + c for c in row] for row in per_unit[unit.key]]
        return K.fleiss_kappa(K.counts_table(rows, cats)) if rows else K.fleiss_kappa([])

    scale_results: dict[str, K.FleissResult] = {}
    scale_codes: dict[str, tuple[str, ...]] = {}
    scale_names: dict[str, tuple[str, ...]] = {}
    for unit in units:
        if unit.scale_key not in scale_results:
            same = [u for u in units if u.scale_key == unit.scale_key]
            scale_results[unit.scale_key] = table(same, namespaced=False)
            scale_codes[unit.scale_key] = unit.codes
            scale_names[unit.scale_key] = tuple(unit.label_of(c) for c in unit.codes)

    items: list[GroupItem] = []
    for unit in units:
        rows = per_unit[unit.key]
        flat = [c for row in rows for c in row if c is not None]
        if not flat:
            continue
        counts = Counter(flat)
        p_i = [K.subject_agreement([row.count(c) for c in unit.codes]) for row in rows]
        used = [p for p in p_i if p is not None]
        p_bar = sum(used) / len(used) if used else None
        refs = tuple(r for v in vignettes if (r := reference.values.get((v, unit.key))) is not None)
        ref_hits = sum(
            1
            for v, row in zip(vignettes, rows, strict=True)
            for c in row
            if c is not None and c == reference.values.get((v, unit.key))
        )
        ref_rated = sum(
            1 for v, row in zip(vignettes, rows, strict=True) for c in row
            if c is not None and reference.values.get((v, unit.key)) is not None
        )  # fmt: skip
        modal = max(counts.values()) / len(flat)
        differed = tuple(
            (r.name, unit.label_of(c))
            for v in vignettes
            if (ref_code := reference.values.get((v, unit.key))) is not None
            for r in trainees
            if (c := r.values.get((v, unit.key))) is not None and c != ref_code
        )
        items.append(
            GroupItem(
                key=unit.key,
                label=unit.label,
                kind=unit.kind,
                n_ratings=len(flat),
                distribution={c: counts[c] for c in unit.codes if counts[c]},
                distribution_labels={unit.label_of(c): counts[c] for c in unit.codes if counts[c]},
                agreement=p_bar,
                modal_share=modal,
                split=len(flat) >= 2 and modal < split_below,
                reference=refs,
                reference_labels=tuple(unit.label_of(c) for c in refs),
                differed=differed,
                reference_share=ref_hits / ref_rated if ref_rated else None,
                rationale=next((rationale[(v, unit.key)] for v in vignettes if (v, unit.key) in rationale), ""),
            )
        )
    order = {u.key: i for i, u in enumerate(units)}
    discussion = sorted((i for i in items if i.split), key=lambda i: (i.modal_share or 0.0, order[i.key]))
    worst = sorted(
        (i for i in items if i.reference_share is not None and i.reference_share < 1.0),
        key=lambda i: (i.reference_share or 0.0, order[i.key]),
    )
    return GroupAgreement(
        trainees=tuple(r.name for r in trainees),
        answers_fleiss=table([u for u in units if u.kind == "answer"], namespaced=True),
        judgements_fleiss=table([u for u in units if u.kind == "judgement"], namespaced=True),
        scales=tuple((scale_codes[k], scale_results[k]) for k in scale_results),
        scale_labels=tuple(scale_names[k] for k in scale_results),
        items=tuple(items),
        discussion=tuple(discussion),
        largest_disagreements=tuple(worst[:top]),
        per_trainee=tuple(compare_trainee(units, reference, t, rationale, top) for t in trainees),
    )
