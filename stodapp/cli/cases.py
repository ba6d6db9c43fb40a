"""`stodapp cases search|list|overdue`: the signed-in caseworker's cases from the command line."""

from __future__ import annotations

import argparse
from typing import Any

from stodapp.calendar_se import local_date
from stodapp.cli.common import add_store_args, open_core, print_json
from stodapp.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("cases", help="ärenden: sök, lista, försenade omprövningar")
    csub = p.add_subparsers(dest="cases_command", metavar="SUBCOMMAND", required=True)

    s = csub.add_parser("search", help="sök på ärendenummer, namn, personnummerprefix eller anteckningstext")
    s.add_argument("query", metavar="QUERY")
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--json", action="store_true", help="JSON-utdata")
    add_store_args(s)
    s.set_defaults(func=run_search)

    ls = csub.add_parser("list", help="mina ärenden, nyast först (en sida)")
    ls.add_argument("--after", type=int, default=None, help="fortsätt efter detta ärende-id")
    ls.add_argument("--limit", type=int, default=50)
    ls.add_argument("--json", action="store_true")
    add_store_args(ls)
    ls.set_defaults(func=run_list)

    o = csub.add_parser("overdue", help="omprövningar vars datum har passerat")
    o.add_argument("--json", action="store_true")
    add_store_args(o)
    o.set_defaults(func=run_overdue)


def _service(args: argparse.Namespace) -> tuple[Any, Any]:

    core = open_core(args)
    return core, core.cases


def _check_limit(limit: int) -> None:
    from stodapp.errors import UserInputError

    if not 1 <= limit <= 500:
        raise UserInputError(_("--limit måste vara 1–500"))


def run_search(args: argparse.Namespace) -> int:
    _check_limit(args.limit)
    core, svc = _service(args)
    try:
        hits = svc.search(args.query, limit=args.limit)
    finally:
        core.close()
    if args.json:
        print_json([h.model_dump(mode="json") for h in hits])
    else:
        for h in hits:
            print(f"{h.case_no}\t{h.matched}\t{h.person}")
        print(f"{len(hits)} träffar")
    return 0


def run_list(args: argparse.Namespace) -> int:
    _check_limit(args.limit)
    core, svc = _service(args)
    try:
        page = svc.list_cases(after=args.after, limit=args.limit)
    finally:
        core.close()
    if args.json:
        print_json(page.model_dump(mode="json"))
    else:
        for r in page.rows:
            print(f"{r.case_no}\t{r.status}\t{local_date(r.opened_at)}\t{r.main_person}")
        print(f"{len(page.rows)} av {page.total}" + (f"; nästa: --after {page.next_after}" if page.next_after else ""))
    return 0


def run_overdue(args: argparse.Namespace) -> int:
    core, svc = _service(args)
    try:
        rows = svc.followup.overdue()
    finally:
        core.close()
    if args.json:
        print_json([r.model_dump(mode="json") for r in rows])
    else:
        for r in rows:
            print(f"{r.case_no}\t{r.kind}\t{r.trigger}\t{r.due_on}")
    return 0
