"""`stodapp checklists …`: validate/list/score definition files; import content packs; required training."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from stodapp.i18n import _


def register(sub: Any) -> None:
    parser = sub.add_parser("checklists", help="checklist definitions: validate, list, score")
    inner = parser.add_subparsers(dest="checklists_command", metavar="ACTION", required=True)

    p_val = inner.add_parser("validate", help="validate definition files (exit 1 with file:line errors)")
    p_val.add_argument("paths", nargs="+", metavar="PATH", help="definition files or folders")
    p_val.set_defaults(func=run_validate)

    p_list = inner.add_parser("list", help="list the shipped checklists (broken ones marked broken)")
    p_list.add_argument("--json", action="store_true", help="print JSON")
    p_list.add_argument("--dir", help="folder to list (default: the shipped checklists)")
    p_list.set_defaults(func=run_list)

    p_score = inner.add_parser("score", help="compute scores and advised judgements for an answers file")
    p_score.add_argument("definition", metavar="DEFINITION")
    p_score.add_argument("--answers", required=True, metavar="ANSWERS.json")
    p_score.set_defaults(func=run_score)

    p_ov = inner.add_parser("overview", help="print the reference overview of the shipped checklists (Markdown)")
    p_ov.add_argument("--write", action="store_true", help="rewrite docs/checklists-overview.md in place")
    p_ov.set_defaults(func=run_overview)
    _register_packs(inner)


def _register_packs(inner: Any) -> None:
    from stodapp.cli.common import add_store_args

    p_imp = inner.add_parser("import-pack", help="import a licensed definition into the store (administrator)")
    p_imp.add_argument("file", metavar="FILE", help="the pack's definition file (provenance.origin: licensed_local)")
    p_imp.add_argument("--check", action="store_true", help="only validate and show the pack; import nothing")
    add_store_args(p_imp)
    p_imp.set_defaults(func=run_import_pack)

    p_packs = inner.add_parser("packs", help="list the content packs imported into the store")
    p_packs.add_argument("--json", action="store_true", help="print JSON")
    add_store_args(p_packs)
    p_packs.set_defaults(func=run_packs)

    p_rec = inner.add_parser("training-record",
                             help="record that a user completed the training a pack requires (administrator, trainer)")
    p_rec.add_argument("username", metavar="USER", help="the user who completed the training")
    p_rec.add_argument("pack_id", metavar="PACK_ID", help="the pack (definition id) whose training was completed")
    p_rec.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the day the training was completed")
    p_rec.add_argument("--training", metavar="ID",
                       help="one of the pack's required trainings (default: every training the pack requires)")
    add_store_args(p_rec)
    p_rec.set_defaults(func=run_training_record)

    p_tl = inner.add_parser("training-list", help="list recorded trainings (everyone for administrator/trainer)")
    p_tl.add_argument("--json", action="store_true", help="print JSON")
    p_tl.add_argument("--for", dest="for_user", metavar="USER", help="only this user's trainings")
    add_store_args(p_tl)
    p_tl.set_defaults(func=run_training_list)

    p_cr = inner.add_parser("cosign-routine",
                            help="local routine: does a lowered judgement need a supervisor's second signature?")
    p_cr.add_argument("state", nargs="?", choices=("on", "off"), help="set the routine (administrator); "
                      "without it, print the routine in force")
    add_store_args(p_cr)
    p_cr.set_defaults(func=run_cosign_routine)

    p_cp = inner.add_parser("cosign-pending", help="signed assessments with a lowered level waiting for a cosignature")
    p_cp.add_argument("--json", action="store_true", help="print JSON")
    add_store_args(p_cp)
    p_cp.set_defaults(func=run_cosign_pending)

    p_cs = inner.add_parser("cosign", help="co-sign a lowered judgement as supervisor (not the one who signed)")
    p_cs.add_argument("assessment_id", metavar="ID", help="the assessment id from cosign-pending")
    add_store_args(p_cs)
    p_cs.set_defaults(func=run_cosign)


def overview_text() -> str:
    """The overview as the shipped definitions give it, under the document's hand-written header."""
    from stodapp.checklists.loader import load_folder
    from stodapp.checklists.overview import HEADER_END, render_overview
    from stodapp.errors import ValidationFailed
    from stodapp.paths import checklist_dir, project_root

    result = load_folder(checklist_dir())
    if result.broken:
        raise ValidationFailed(_("{n} checklistor kan inte läsas").format(n=len(result.broken)),
                               [b.summary for b in result.broken])
    doc = project_root() / "docs" / "checklists-overview.md"
    current = doc.read_text(encoding="utf-8") if doc.exists() else "# Shipped checklists: overview\n"
    header = current.split(HEADER_END, 1)[0]
    return render_overview(header, [(e.path.name, e.definition) for e in result.loaded])


def run_overview(args: argparse.Namespace) -> int:
    from stodapp.paths import project_root

    text = overview_text()
    if args.write:
        (project_root() / "docs" / "checklists-overview.md").write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from stodapp.checklists.loader import definition_files
    from stodapp.checklists.validate import load_definition_file
    from stodapp.errors import ValidationFailed

    files: list[Path] = []
    for raw in args.paths:
        path = Path(raw)
        files.extend(definition_files(path) if path.is_dir() else [path])
    failed = 0
    for path in files:
        try:
            definition = load_definition_file(path)
        except ValidationFailed as err:
            failed += 1
            for line in err.lines or (str(err),):
                print(line, file=sys.stderr)
            continue
        print(f"{path}: ok ({definition.id} {definition.version})")
    if not files:
        print("stodapp: error: inga definitionsfiler hittades", file=sys.stderr)
        return 1
    return 1 if failed else 0


def run_list(args: argparse.Namespace) -> int:
    from stodapp.checklists.loader import load_folder
    from stodapp.cli.common import print_json
    from stodapp.paths import checklist_dir

    folder = Path(args.dir) if args.dir else checklist_dir()
    result = load_folder(folder)
    rows: list[dict[str, Any]] = []
    for entry in result.loaded:
        d = entry.definition
        rows.append(
            {
                "file": entry.path.name,
                "id": d.id,
                "version": d.version,
                "status": d.status,
                "title": d.title.sv,
                "origin": d.provenance.origin,
                "broken": False,
            }
        )
    for bad in result.broken:
        rows.append({"file": bad.path.name, "broken": True, "errors": list(bad.errors)})
    rows.sort(key=lambda r: str(r["file"]))
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        if row["broken"]:
            print(f"{row['file']}: TRASIG ({len(row['errors'])} fel)")
            for line in row["errors"]:
                print(f"  {line}")
        else:
            print(f"{row['file']}: {row['id']} {row['version']} [{row['status']}] {row['title']}")
    return 0


def run_score(args: argparse.Namespace) -> int:
    from stodapp.checklists.answers import load_answers_file
    from stodapp.checklists.judgements import score_report
    from stodapp.checklists.validate import load_definition_file
    from stodapp.cli.common import print_json

    definition = load_definition_file(Path(args.definition))
    answers = load_answers_file(definition, Path(args.answers))
    print_json(score_report(definition, answers))
    return 0


# ---- content packs and required training (open the store) ----------------------------------------------------
def _pack_rows(core: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Imported packs as rows (licensee from the stored definition) and broken stored packs."""
    svc = core.checklists
    listing = svc.list_definitions()
    rows: list[dict[str, Any]] = []
    for d in listing.definitions:
        if d.source != "pack":
            continue
        definition = svc.definition(d.definition_id, d.version)
        rows.append({
            "id": d.definition_id, "version": d.version, "status": d.status, "title": d.title.sv,
            "copyright": d.copyright_line, "licensee": definition.provenance.licensee or "",
            "requires_training": list(d.requires_training), "missing_training": list(d.missing_training),
            "digest": d.digest,
        })
    broken = [{"source": b.source, "errors": list(b.errors)} for b in listing.broken if b.source.startswith("pack:")]
    return rows, broken


def run_import_pack(args: argparse.Namespace) -> int:
    from stodapp.cli.common import open_core
    from stodapp.errors import UserInputError

    path = Path(args.file)
    if path.is_dir():
        raise UserInputError(
            _("{path} är en mapp, inte en paketfil; ange paketets definitionsfil (.yaml)").format(path=path)
        )
    if not path.is_file():
        raise UserInputError(_("{path}: filen finns inte").format(path=path))
    core = open_core(args)
    try:
        svc = core.checklists
        if args.check:
            info = svc.check_pack(path)
            ident, version, line = info.definition_id, info.version, info.copyright_line
            training = list(info.requires_training)
            head = "ok (inte importerat)"
        else:
            change = svc.import_pack(path)
            ident, version = change.ids[0].rsplit("@", 1)
            definition = svc.definition(ident, version)
            from stodapp.checklists.render_pdf import provenance_line

            line, training = provenance_line(definition), list(definition.provenance.requires_training)
            head = "importerat"
    finally:
        core.close()
    print(f"{path}: {head}")
    print(f"id: {ident}")
    print(f"version: {version}")
    print(f"upphovsrätt: {line}")
    print(f"kräver utbildning: {', '.join(training) if training else '-'}")
    return 0


def run_packs(args: argparse.Namespace) -> int:
    from stodapp.cli.common import open_core, print_json

    core = open_core(args)
    try:
        rows, broken = _pack_rows(core)
    finally:
        core.close()
    if args.json:
        print_json({"packs": rows, "broken": broken})
        return 0
    if not rows and not broken:
        print("inga innehållspaket importerade")
    for r in rows:
        training = ", ".join(r["requires_training"]) or "-"
        print(f"{r['id']} {r['version']} [{r['status']}] {r['title']}")
        print(f"  {r['copyright']}")
        print(f"  licenstagare: {r['licensee'] or '-'}; kräver utbildning: {training}")
    for b in broken:
        print(f"{b['source']}: TRASIG")
        for line in b["errors"]:
            print(f"  {line}")
    return 0


def _parse_day(text: str) -> Any:
    import re
    from datetime import date

    from stodapp.errors import UserInputError

    value = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise UserInputError(_("ogiltigt datum {text!r}: ange ÅÅÅÅ-MM-DD").format(text=text[:20]))


def run_training_record(args: argparse.Namespace) -> int:
    from stodapp.cli.common import open_core
    from stodapp.errors import NotFound, UserInputError

    day = _parse_day(args.date)
    core = open_core(args)
    try:
        svc = core.checklists
        listing = svc.list_definitions()
        versions = [d for d in listing.definitions if d.definition_id == args.pack_id]
        if not versions:
            raise NotFound(_("innehållspaketet {pack} finns inte i databasen").format(pack=args.pack_id[:120]))
        required = sorted({t for d in versions for t in d.requires_training})
        if not required:
            raise UserInputError(_("{pack} kräver ingen utbildning").format(pack=args.pack_id[:120]))
        if args.training is not None and args.training.strip() not in required:
            raise UserInputError(
                _("{pack} kräver inte utbildningen {training!r} (kräver: {required})").format(
                    pack=args.pack_id[:120], training=args.training.strip()[:120], required=", ".join(required)
                )
            )
        chosen = [args.training.strip()] if args.training is not None else required
        for training_id in chosen:
            svc.record_training(args.username, training_id, day, pack_id=args.pack_id)
    finally:
        core.close()
    for training_id in chosen:
        print(f"{args.username}: {training_id} genomförd {day.isoformat()} ({args.pack_id})")
    return 0


def run_training_list(args: argparse.Namespace) -> int:
    from stodapp.cli.common import open_core, print_json

    core = open_core(args)
    try:
        entries = core.checklists.trainings(args.for_user)
    finally:
        core.close()
    rows = [
        {"user": e.username, "training": e.training_id, "pack": e.pack_id, "completed_on": e.completed_on.isoformat()}
        for e in entries
    ]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("inga registrerade utbildningar")
    for r in rows:
        print(f"{r['user']:<20} {r['training']:<32} {r['completed_on']}  {r['pack'] or '-'}")
    return 0


def run_cosign_routine(args: argparse.Namespace) -> int:
    from stodapp.cli.common import open_core

    core = open_core(args)
    try:
        svc = core.cosign
        if args.state is not None:
            svc.set_routine(args.state == "on")
        on = svc.routine_on()
    finally:
        core.close()
    print(_("Medsignering av sänkt nivå: på") if on else _("Medsignering av sänkt nivå: av"))
    return 0


def run_cosign_pending(args: argparse.Namespace) -> int:
    from stodapp.cli.common import open_core, print_json

    core = open_core(args)
    try:
        items = core.cosign.pending()
    finally:
        core.close()
    if args.json:
        print_json({"pending": [i.model_dump(mode="json") for i in items]})
        return 0
    if not items:
        print(_("inga bedömningar väntar på medsignering"))
    for item in items:
        signed = item.signed_on.isoformat() if item.signed_on else "-"
        print(f"{item.id} {item.checklist_title} ({signed})")
        for low in item.lowered:
            print("  " + _("{label}: förslag {advised}, vald {chosen}. Motivering: {reason}").format(
                label=low.label, advised=low.advised, chosen=low.chosen, reason=low.reason))
    return 0


def run_cosign(args: argparse.Namespace) -> int:
    from stodapp.cli.common import open_core

    core = open_core(args)
    try:
        core.cosign.cosign(args.assessment_id)
    finally:
        core.close()
    print(_("Bedömningen är medsignerad."))
    return 0
