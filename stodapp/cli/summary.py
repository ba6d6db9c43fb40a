"""`stodapp summary --from YYYY-MM --to YYYY-MM --out FILE.pdf [--json]`: anonymised report.

On the local store (--data-dir) or over the whole unit on its server (--server URL|PROFILE, the supervisor's
own sign-in); the same report, PDF and JSON either way."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from stodapp.cli.common import add_store_args, print_json
from stodapp.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("summary", help="anonymised supervisor summary (PDF and/or JSON of published cells)")
    add_store_args(p, server=True)
    p.add_argument("--from", dest="first", required=True, metavar="YYYY-MM", help="first month of the period")
    p.add_argument("--to", dest="last", required=True, metavar="YYYY-MM", help="last month of the period")
    p.add_argument("--out", metavar="FILE.pdf", help="write the PDF here")
    p.add_argument("--json", action="store_true", help="print the published (suppressed) cells as JSON")
    p.add_argument("--threshold", type=int, help="small-cell threshold (at least 3; can only be raised)")
    p.add_argument("--child-threshold", type=int, help="threshold for tables about children")
    p.add_argument("--municipality", help="municipality name on the report (default: store setting)")
    p.add_argument("--logo", metavar="FILE", help="PNG or JPEG logo for the report")
    p.add_argument(
        "--demo", action="store_true", help="use a throwaway fictional demo store as the supervisor"
    )
    p.set_defaults(func=run)


def _read_logo(path: str | None) -> bytes | None:
    from stodapp.errors import UserInputError

    if not path:
        return None
    try:
        return Path(path).read_bytes()
    except OSError as err:
        raise UserInputError(_("kan inte läsa logotypen: {strerror}").format(strerror=err.strerror)) from None


def run(args: argparse.Namespace) -> int:
    from stodapp.errors import UserInputError

    if not args.out and not args.json:
        raise UserInputError(_("ange --out FIL.pdf och/eller --json"))
    if args.out and Path(args.out).is_dir():
        raise UserInputError(_("--out är en mapp: {out}").format(out=args.out))
    logo = _read_logo(args.logo)
    if args.demo:
        from stodapp.auth import Role
        from stodapp.core import Core

        core: Any = Core.open_demo(role=Role.SUPERVISOR)
    else:
        from stodapp.cli.common import open_session

        core = open_session(args)
    try:

        service = core.summary
        report = service.report(
            args.first,
            args.last,
            threshold=args.threshold,
            child_threshold=args.child_threshold,
            municipality=args.municipality,
        )
        pdf = service.pdf(report, logo) if args.out else None
    finally:
        core.close()
    if pdf is not None:
        from stodapp.store.files import write_private

        write_private(Path(args.out), pdf)
    if args.json:
        print_json(report.model_dump(mode="json"))
    elif args.out:
        print(f"Sammanställningen sparad: {args.out}")
    return 0
