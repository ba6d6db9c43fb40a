"""`stodapp cases search|list|create|show|note|add-person|overdue`: the signed-in caseworker's cases.

Every command but `overdue` works on the local store (--data-dir) and on the unit's server (--server URL|PROFILE)
through the same methods (`stodapp.cases.backend.CasesApi`). Case content never goes on the command line: a note's
text and a person's details are read from a file (or stdin with `-`).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from stodapp.calendar_se import local_date
from stodapp.cli.common import add_store_args, open_core, open_session, print_json
from stodapp.i18n import _

if TYPE_CHECKING:
    from stodapp.cases.backend import CasesApi, CaseStoreSession


def register(sub: Any) -> None:
    p = sub.add_parser("cases", help="ärenden: sök, lista, försenade omprövningar")
    csub = p.add_subparsers(dest="cases_command", metavar="SUBCOMMAND", required=True)

    s = csub.add_parser("search", help="sök på ärendenummer, namn, personnummerprefix eller anteckningstext")
    s.add_argument("query", metavar="QUERY")
    s.add_argument("--limit", type=int, default=50)
    s.add_argument("--json", action="store_true", help="JSON-utdata")
    add_store_args(s, server=True)
    s.set_defaults(func=run_search)

    ls = csub.add_parser("list", help="mina ärenden, nyast först (en sida)")
    ls.add_argument("--after", type=int, default=None, help="fortsätt efter detta ärende-id")
    ls.add_argument("--limit", type=int, default=50)
    ls.add_argument("--json", action="store_true")
    add_store_args(ls, server=True)
    ls.set_defaults(func=run_list)

    c = csub.add_parser("create", help="nytt ärende, tilldelat dig")
    c.add_argument("--unit", default="", help="enhet (organisatorisk, inte en person)")
    c.add_argument("--json", action="store_true")
    add_store_args(c, server=True)
    c.set_defaults(func=run_create)

    sh = csub.add_parser("show", help="öppna ett ärende: personer och journal (en granskningsrad)")
    sh.add_argument("case_id", type=int, metavar="CASE_ID")
    sh.add_argument("--json", action="store_true")
    add_store_args(sh, server=True)
    sh.set_defaults(func=run_show)

    n = csub.add_parser("note", help="ny journalanteckning; texten läses från en fil (- = stdin)")
    n.add_argument("case_id", type=int, metavar="CASE_ID")
    n.add_argument("--file", required=True, help="fil med anteckningens text (UTF-8), - för stdin")
    n.add_argument("--corrects", type=int, default=None, help="rättar denna anteckning (id)")
    n.add_argument("--json", action="store_true")
    add_store_args(n, server=True)
    n.set_defaults(func=run_note)

    ap = csub.add_parser("add-person", help="lägg till en person; uppgifterna läses som JSON från en fil")
    ap.add_argument("case_id", type=int, metavar="CASE_ID")
    ap.add_argument("--file", required=True, help="JSON med role, given_name, family_name, id_kind, number …")
    ap.add_argument("--json", action="store_true")
    add_store_args(ap, server=True)
    ap.set_defaults(func=run_add_person)

    o = csub.add_parser("overdue", help="omprövningar vars datum har passerat")
    o.add_argument("--json", action="store_true")
    add_store_args(o)
    o.set_defaults(func=run_overdue)


def _service(args: argparse.Namespace) -> tuple[CaseStoreSession, CasesApi]:
    session = open_session(args)
    return session, session.cases


def _read_text(path: str, what: str) -> str:
    """Content from a file or stdin (never argv); one clear line if it cannot be read."""
    import sys
    from pathlib import Path

    from stodapp.errors import UserInputError

    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as err:
        raise UserInputError(_("kan inte läsa {what}: {strerror}").format(what=what, strerror=err.strerror)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserInputError(_("{what} är inte UTF-8").format(what=what)) from None


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


def run_create(args: argparse.Namespace) -> int:
    session, svc = _service(args)
    try:
        change = svc.create_case(args.unit)
        view = svc.open_case(int(change.ids[0]))
    finally:
        session.close()
    if args.json:
        print_json({"id": view.id, "case_no": view.case_no})
    else:
        print(f"Ärende {view.case_no} skapat (id {view.id}).")
    return 0


def run_show(args: argparse.Namespace) -> int:
    session, svc = _service(args)
    try:
        journal = svc.open_journal(args.case_id)
    finally:
        session.close()
    if args.json:
        print_json(journal.model_dump(mode="json"))
        return 0
    case = journal.case
    print(f"{case.case_no}\t{case.status}\t{local_date(case.opened_at)}\t{', '.join(case.caseworkers)}")
    for p in case.persons:
        print(f"  {p.role}\t{p.name}\t{p.personnummer or p.reserve_number or ''}")
    for note in journal.notes:
        fix = f" (rättar {note.corrects_id})" if note.corrects_id else ""
        print(f"--- {note.id} {local_date(note.created_at)} {note.author}{fix}")
        print(note.body)
    return 0


def run_note(args: argparse.Namespace) -> int:
    text = _read_text(args.file, _("anteckningsfilen"))
    session, svc = _service(args)
    try:
        change = svc.notes.add(args.case_id, text, corrects_id=args.corrects)
    finally:
        session.close()
    if args.json:
        print_json({"case_id": args.case_id, "note_id": int(change.ids[1])})
    else:
        print(f"Anteckning {change.ids[1]} sparad.")
    return 0


def run_add_person(args: argparse.Namespace) -> int:
    import json

    from pydantic import ValidationError

    from stodapp.cases.models import PersonInput
    from stodapp.errors import UserInputError

    raw = _read_text(args.file, _("personfilen"))
    try:
        data = PersonInput.model_validate(json.loads(raw))
    except ValueError as err:
        fields = sorted({".".join(str(p) for p in e["loc"]) for e in err.errors()}) if isinstance(
            err, ValidationError) else []
        where = f": {', '.join(fields)}" if fields else ""
        raise UserInputError(_("personfilen är inte giltig JSON för en person{where}").format(where=where)) from None
    session, svc = _service(args)
    try:
        change = svc.persons.add(args.case_id, data)
    finally:
        session.close()
    if args.json:
        print_json({"case_id": args.case_id, "person_id": int(change.ids[1])})
    else:
        print(f"Person {change.ids[1]} tillagd.")
    return 0


def run_overdue(args: argparse.Namespace) -> int:
    core = open_core(args)
    svc = core.cases
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
