"""`stodapp checklists validate|list|score`: check definition files, list the shipped ones, score answers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


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
                "title": d.title["sv"],
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
    from stodapp.checklists.scoring import score_report
    from stodapp.checklists.validate import load_definition_file
    from stodapp.cli.common import print_json

    definition = load_definition_file(Path(args.definition))
    answers = load_answers_file(definition, Path(args.answers))
    print_json(score_report(definition, answers))
    return 0
