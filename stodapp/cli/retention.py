"""`stodapp retention report|cull|hold|release|export`: gallring (administrator) and subject-access export."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from stodapp.cli.common import add_store_args, open_core, print_json
from stodapp.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("retention", help="retention (gallring): dry-run report, culling, holds, subject access")
    rsub = p.add_subparsers(dest="retention_command", metavar="ACTION", required=True)

    r = rsub.add_parser("report", help="dry run: how many cases are due, held and to be culled (counts only)")
    add_store_args(r)
    r.add_argument("--on", help="date to evaluate (YYYY-MM-DD, default today; a future date only previews)")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=run_report)

    c = rsub.add_parser("cull", help="delete the due cases; --confirm must repeat the report's count")
    add_store_args(c)
    c.add_argument("--confirm", type=int, required=True, help="the number of cases the report said to cull")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=run_cull)

    for name, helptext in (("hold", "keep a case from culling (12:2 exception or archive decision)"),
                           ("release", "remove a retention hold")):
        h = rsub.add_parser(name, help=helptext)
        add_store_args(h)
        h.add_argument("case_id", type=int)
        h.add_argument("--reason", required=True, help="foraldraskap | adoption | placering_barn | arkivbeslut")
        h.set_defaults(func=run_hold, hold=name == "hold")

    e = rsub.add_parser("export", help="subject-access export for one person (third parties redacted)")
    add_store_args(e)
    e.add_argument("person_id", type=int)
    e.add_argument("--out", required=True, help="file to write (never overwritten)")
    e.add_argument("--format", choices=("json", "text"), default="json")
    e.set_defaults(func=run_export)


def run_report(args: argparse.Namespace) -> int:
    from stodapp.retention.service import parse_day

    on = parse_day(args.on) if args.on else None
    core = open_core(args)
    try:
        report = core.retention.report(on)
    finally:
        core.close()
    if args.json:
        print_json(report.model_dump(mode="json"))
        return 0
    print(_("Gallring per {on} enligt {rule}").format(on=report.on, rule=report.rule))
    print("  " + _("ärenden totalt: {n}").format(n=report.cases_total))
    print("  " + _("gallringsbara: {due}, varav sparas: {held}, att gallra: {cull}").format(
        due=report.due, held=sum(report.held.values()), cull=report.to_cull))
    print("  " + _("försenade (efter utgången av följande kalenderår): {n}").format(n=report.overdue))
    for reason, count in report.held.items():
        print("  " + _("sparas – {reason}: {n}").format(reason=reason, n=count))
    if report.to_cull:
        print(_("Gallra med: stodapp retention cull --confirm {n}").format(n=report.to_cull))
    return 0


def run_cull(args: argparse.Namespace) -> int:

    core = open_core(args)
    try:
        result = core.retention.cull(expected=args.confirm)
    finally:
        core.close()
    if args.json:
        print_json(result.model_dump(mode="json"))
    else:
        print(_("{n} ärenden gallrade ({rows} rader); raderat utrymme är skrivet över.").format(
            n=result.cases, rows=sum(result.rows.values())))
    return 0


def run_hold(args: argparse.Namespace) -> int:

    core = open_core(args)
    try:
        svc = core.retention
        (svc.hold if args.hold else svc.release)(args.case_id, args.reason)
    finally:
        core.close()
    print(_("Ärendet undantas från gallring.") if args.hold else _("Undantaget är borttaget."))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from stodapp.errors import UserInputError
    from stodapp.retention.subject_access import to_json, to_text
    from stodapp.store.files import atomic_write

    out = Path(args.out)
    if out.exists():
        raise UserInputError(_("{path} finns redan; registerutdraget skrivs aldrig över en befintlig fil").format(
            path=out))
    core = open_core(args)
    try:
        export = core.retention.subject_access(args.person_id)
    finally:
        core.close()
    body = to_json(export) if args.format == "json" else to_text(export)
    atomic_write(out, body.encode("utf-8"))
    print(_("Registerutdrag skrivet till {path}. Granska maskeringen innan det lämnas ut.").format(path=out))
    return 0
