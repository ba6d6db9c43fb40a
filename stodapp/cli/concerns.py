"""`stodapp concerns list|pdf`: reports of concern about children (orosanmälan)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from stodapp.cli.common import add_store_args, open_core, print_json
from stodapp.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("concerns", help="reports of concern about children (orosanmälan)")
    cs = p.add_subparsers(dest="concerns_command", required=True)
    ls = cs.add_parser("list", help="list reports on your cases (no names or free text)")
    add_store_args(ls)
    ls.add_argument("--case", type=int, help="only this case id")
    ls.add_argument("--json", action="store_true", help="machine-readable output")
    ls.set_defaults(func=_list)
    pdf = cs.add_parser("pdf", help="write one report as PDF to a file you choose")
    add_store_args(pdf)
    pdf.add_argument("report_id", type=int, metavar="REPORT_ID")
    pdf.add_argument("--out", required=True, help="PDF file to write (holds confidential case content)")
    pdf.add_argument("--force", action="store_true", help="overwrite an existing file")
    pdf.set_defaults(func=_pdf)


def _list(args: argparse.Namespace) -> int:

    core = open_core(args)
    try:
        items = core.concerns.list(args.case)
    finally:
        core.close()
    if args.json:
        print_json([i.model_dump(mode="json") for i in items])
        return 0
    from stodapp.labels import concern_outcome_label, concern_status_label, municipality_label

    if not items:
        print(_("Inga orosanmälningar."))
    for i in items:
        sent = _("skickad {day} till {municipality}").format(
            day=i.sent_on, municipality=municipality_label(i.sent_to_code or "")) if i.sent_on else ""
        outcome = concern_outcome_label(i.outcome.value) if i.outcome else ""
        case = _("ärende {id}").format(id=i.case_id)
        line = f"{i.id:6} {case:<12} {i.report_date} {concern_status_label(i.status.value):22} {sent}"
        print(f"{line}  {outcome}".rstrip() if outcome else line.rstrip())
    return 0


def _pdf(args: argparse.Namespace) -> int:
    from pathlib import Path

    from stodapp.errors import UserInputError

    out = Path(args.out)
    if out.exists() and not args.force:
        raise UserInputError(_("filen finns redan: {out} (använd --force för att skriva över)").format(out=out))
    if out.suffix.lower() != ".pdf":
        raise UserInputError(_("utfilen ska sluta på .pdf"))
    core = open_core(args)
    try:
        data = core.concerns.pdf(args.report_id)
    finally:
        core.close()
    print(
        "Varning: PDF:en innehåller sekretessbelagda uppgifter (OSL 26 kap. 1 §). Spara den bara på en "
        "skyddad plats och radera den när den har skickats.",
        file=sys.stderr,
    )
    from stodapp.store.files import write_private

    write_private(out, data)
    print(f"Skrev {out}")
    return 0
