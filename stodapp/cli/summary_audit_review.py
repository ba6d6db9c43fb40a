"""`stodapp audit review --from … --to … --out FILE.pdf [--json]`, wired into the lead's `audit` group."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from stodapp.cli.common import add_store_args, print_json
from stodapp.i18n import _


def register_review(audit_subparsers: Any) -> None:
    r = audit_subparsers.add_parser(
        "review", help="audit review PDF: sample, protected, break-the-glass, anchor"
    )
    add_store_args(r)
    r.add_argument("--from", dest="first", required=True, metavar="YYYY-MM[-DD]")
    r.add_argument("--to", dest="last", required=True, metavar="YYYY-MM[-DD]")
    r.add_argument("--out", metavar="FILE.pdf", help="write the review PDF here")
    r.add_argument("--json", action="store_true", help="print the review as JSON")
    r.add_argument("--sample", type=int, default=20, help="random sample size (default 20)")
    r.add_argument("--force", action="store_true", help="overwrite an existing --out file")
    r.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stodapp.cli.common import open_core
    from stodapp.errors import UserInputError

    if not args.out and not args.json:
        raise UserInputError(_("ange --out FIL.pdf och/eller --json"))
    if args.out and Path(args.out).is_dir():
        raise UserInputError(_("--out är en mapp: {out}").format(out=args.out))
    if args.out and Path(args.out).exists() and not args.force:
        raise UserInputError(_("filen finns redan: {out} (använd --force för att skriva över)").format(out=args.out))
    core = open_core(args)
    try:

        service = core.audit_review
        report = service.review(args.first, args.last, sample_size=args.sample)
        pdf = service.pdf(report) if args.out else None
    finally:
        core.close()
    if pdf is not None:
        from stodapp.store.files import write_private

        write_private(Path(args.out), pdf)
    if args.json:
        print_json(report.model_dump(mode="json"))
    else:
        print(f"Loggkontrollen sparad: {args.out}")
        print(f"Förankring: {report.chain_count} händelser, huvud {report.chain_head}")
    return 0
