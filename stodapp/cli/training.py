"""`stodapp training …`: vignettes, reference answers, agreement statistics, report PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from stodapp.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("training", help="övningsläge: fallbeskrivningar och överensstämmelse")
    tsub = p.add_subparsers(dest="training_command", metavar="KOMMANDO", required=True)

    v = tsub.add_parser("validate", help="kontrollera fallbeskrivningar mot checklistorna")
    v.add_argument("paths", nargs="+", metavar="PATH", help="fil eller mapp med *.yaml")
    _checklist_arg(v)
    v.set_defaults(func=run_validate)

    ls = tsub.add_parser("list", help="lista de medföljande fallbeskrivningarna")
    ls.add_argument("--json", action="store_true")
    _checklist_arg(ls)
    ls.set_defaults(func=run_list)

    r = tsub.add_parser("reference", help="skriv en fallbeskrivnings referenssvar som bedömningsfil (JSON)")
    r.add_argument("vignette", help="id eller sökväg till en fallbeskrivning")
    r.add_argument("--out", required=True, help="fil att skriva (finns den redan vägras det)")
    _checklist_arg(r)
    r.set_defaults(func=run_reference)

    a = tsub.add_parser("agreement", help="jämför deltagarnas bedömningar med referensen")
    _compare_args(a)
    a.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    a.set_defaults(func=run_agreement)

    rep = tsub.add_parser("report", help="utbildarrapport som PDF (FIKTIVT)")
    _compare_args(rep)
    rep.add_argument("--trainee", help="rapport för en deltagare (annars gruppen)")
    rep.add_argument("--out", required=True, help="PDF-fil att skriva (finns den redan vägras det)")
    rep.set_defaults(func=run_report)


def _checklist_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--checklists", metavar="DIR", help="mapp med checklistor (standard: de medföljande)")


def _compare_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--reference", nargs="+", required=True, metavar="REF",
                   help="referens (JSON) eller fallbeskrivning (YAML), en per fallbeskrivning")  # fmt: skip
    p.add_argument("--ratings", nargs="+", required=True, metavar="FILE", help="deltagarnas bedömningsfiler (JSON)")
    p.add_argument("--top", type=int, default=5, help="antal frågor i listan över största avvikelser")
    _checklist_arg(p)


def _definitions(args: argparse.Namespace) -> dict[tuple[str, str], Any]:
    from stodapp.checklists.loader import load_folder
    from stodapp.paths import checklist_dir

    folder = Path(args.checklists) if getattr(args, "checklists", None) else checklist_dir()
    result = load_folder(folder)
    return {(e.definition.id, e.definition.version): e.definition for e in result.loaded}


def run_validate(args: argparse.Namespace) -> int:
    from stodapp.errors import ValidationFailed
    from stodapp.training.vignettes import validate_paths

    paths = [Path(p) for p in args.paths]
    for p in paths:
        if not p.exists():
            raise ValidationFailed(_("{p}: finns inte").format(p=p), [f"{p}: filen eller mappen finns inte"])
    ok, errors = validate_paths(paths, list(_definitions(args).values()))
    if errors:
        raise ValidationFailed(_("{n} fel i fallbeskrivningarna").format(n=len(errors)), errors)
    if not ok:
        raise ValidationFailed(_("inga fallbeskrivningar hittades"), [f"{p}: inga *.yaml-filer" for p in paths])
    print(f"ok: {len(ok)} fallbeskrivningar")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from stodapp.cli.common import print_json
    from stodapp.paths import resource_dir
    from stodapp.training.vignettes import load_vignettes

    vignettes = load_vignettes(resource_dir() / "training", list(_definitions(args).values()))
    rows = [
        {"id": v.id, "title": v.title.sv, "rarity": v.tags.rarity, "difficulty": v.tags.difficulty,
         "groups": v.tags.groups, "forms": v.tags.forms, "checklists": [c.id for c in v.checklists]}
        for v in vignettes
    ]  # fmt: skip
    if args.json:
        print_json(rows)
    else:
        for r in rows:
            print(f"{r['id']:<28} {r['rarity']:<9} nivå {r['difficulty']}  {r['title']}")
    return 0


def _load_vignette(ref: str, definitions: dict[tuple[str, str], Any]) -> Any:
    from stodapp.errors import UserInputError
    from stodapp.paths import resource_dir
    from stodapp.training.vignettes import load_vignette_file

    path = Path(ref)
    if not path.exists():
        path = resource_dir() / "training" / f"{ref}.yaml"
        if not path.exists():
            raise UserInputError(_("okänd fallbeskrivning: {ref}").format(ref=ref))
    return load_vignette_file(path, list(definitions.values()))


def _write_new(path: Path, data: bytes) -> None:
    from stodapp.errors import UserInputError

    try:
        with open(path, "xb") as fh:
            fh.write(data)
    except FileExistsError:
        raise UserInputError(_("{path}: filen finns redan; välj ett annat namn").format(path=path)) from None


def run_reference(args: argparse.Namespace) -> int:
    from stodapp.training.agreement_io import reference_from_vignette
    from stodapp.training.ratings import dump_ratings

    vignette = _load_vignette(args.vignette, _definitions(args))
    _write_new(Path(args.out), dump_ratings(reference_from_vignette(vignette)))
    print(f"skrev referenssvar för {vignette.id} till {args.out}")
    return 0


def _prepare(args: argparse.Namespace) -> Any:
    from stodapp.training.agreement_io import prepare, reference_from_vignette
    from stodapp.training.ratings import LoadedRatings, dump_ratings, parse_ratings, read_ratings

    definitions = _definitions(args)
    references: list[LoadedRatings] = []
    for ref in args.reference:
        if ref.lower().endswith((".yaml", ".yml")):
            vignette = _load_vignette(ref, definitions)
            references.append(parse_ratings(dump_ratings(reference_from_vignette(vignette)), Path(ref).name))
        else:
            references.append(read_ratings(Path(ref)))
    trainees = [read_ratings(Path(p)) for p in args.ratings]
    return prepare(references, trainees, definitions)


def run_agreement(args: argparse.Namespace) -> int:
    from stodapp.cli.common import print_json
    from stodapp.training.agreement_io import analyse, result_json
    from stodapp.training.display import differed_text, distribution_text

    prepared = _prepare(args)
    if args.json:
        print_json(result_json(prepared, args.top))
        return 0
    per, group = analyse(prepared, args.top)
    for t in per:
        a = t.answers
        print(f"{t.trainee}: {a.compared} jämförda svar, överensstämmelse {_pct(a.percent_agreement)}, "
              f"Cohens kappa {_num(a.cohen.kappa)}; "
              f"bedömningar {_pct(t.judgements.percent_agreement)}")  # fmt: skip
        for w in a.weighted:
            print(f"  viktad kappa ({' / '.join(w.scale_labels or w.scale)}): {_num(w.result.kappa)}")
        for d in t.largest_disagreements:
            print(f"  avvikelse: {d.label} – referens {d.reference_label}, svar {d.trainee_label}")
    if group is not None:
        print(f"grupp ({len(group.trainees)}): Fleiss kappa svar {_num(group.answers_fleiss.kappa)}, "
              f"bedömningar {_num(group.judgements_fleiss.kappa)}")  # fmt: skip
        for item in group.discussion:
            print(f"  att diskutera: {item.label} – {distribution_text(item.distribution_labels)}; "
                  f"annorlunda än referensen: {differed_text(item.differed)}")
    return 0


def run_report(args: argparse.Namespace) -> int:
    from stodapp.errors import UserInputError
    from stodapp.training.agreement_io import analyse
    from stodapp.training.report_pdf import group_report_pdf, trainee_report_pdf

    prepared = _prepare(args)
    per, group = analyse(prepared, args.top)
    if args.trainee:
        match = [t for t in per if t.trainee == args.trainee]
        if not match:
            message = _("deltagaren '{trainee}' finns inte i bedömningsfilerna")
            raise UserInputError(message.format(trainee=args.trainee))
        data = trainee_report_pdf(match[0], prepared.vignettes)
    else:
        if group is None:
            raise UserInputError(_("en grupprapport kräver minst två deltagare; använd --trainee"))
        data = group_report_pdf(group, prepared.vignettes)
    _write_new(Path(args.out), data)
    print(f"skrev {args.out}")
    return 0


def _pct(x: float | None) -> str:
    from stodapp.training.display import pct

    return pct(x)


def _num(x: float | None) -> str:
    from stodapp.training.display import kappa_text

    return kappa_text(x)
