"""`stodapp referrals search|validate|handout`: the referral directory without opening the store."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from stodapp.client_lang.languages import LANGUAGES
from stodapp.clock import SystemClock


def register(sub: Any) -> None:
    p = sub.add_parser("referrals", help="stödkatalog: sök, validera, skriv ut stödblad")
    rsub = p.add_subparsers(dest="referrals_command", metavar="SUBCOMMAND", required=True)

    s = rsub.add_parser("search", help="sök i katalogen (nationell lista + ev. --local)")
    s.add_argument("--group", action="append", default=[], help="målgrupp (kan upprepas; alla måste stämma)")
    s.add_argument("--lang", help="språkkod ISO 639, t.ex. sv, ar, swl")
    s.add_argument("--channel", help="kanal: phone, sms, chat, email, eservice, visit, web, text_relay")
    s.add_argument("--age", type=int, help="personens ålder")
    s.add_argument("--kommun", help="kommunkod, t.ex. 0180")
    s.add_argument("--lan", help="länskod, t.ex. 01")
    s.add_argument(
        "--open-at", help="bara öppna vid tidpunkten (ISO, t.ex. 2026-06-19T03:00; utan zon = svensk tid)"
    )
    s.add_argument("--text", default="", help="fritext")
    s.add_argument("--local", help="fil med lokala poster")
    s.add_argument("--json", action="store_true", help="JSON-utdata")
    s.set_defaults(func=run_search)

    v = rsub.add_parser("validate", help="validera en katalogfil eller en fil med lokala poster")
    v.add_argument("path")
    v.set_defaults(func=run_validate)

    h = rsub.add_parser("handout", help="skriv ett stödblad (PDF) med valda verksamheter")
    h.add_argument("ids", nargs="+", metavar="ID")
    h.add_argument(
        "--lang", default="sv", choices=(*LANGUAGES, "lattlast"), help="språk på stödbladet (klientens språk)"
    )
    h.add_argument("--large", action="store_true", help="stor text")
    h.add_argument("--local", help="fil med lokala poster (logotyp och lokala nummer)")
    h.add_argument("--out", required=True, help="PDF-fil att skriva")
    h.set_defaults(func=run_handout)


def _directory(args: argparse.Namespace) -> Any:
    from pathlib import Path

    from stodapp.referrals.directory import ReferralDirectory

    return ReferralDirectory.load(local_path=Path(args.local) if args.local else None)


def run_search(args: argparse.Namespace) -> int:

    from stodapp.cli.common import print_json
    from stodapp.errors import UserInputError
    from stodapp.i18n import _
    from stodapp.referrals.codes import CHANNEL_KINDS
    from stodapp.referrals.hours import STATE_LABELS, parse_moment
    from stodapp.referrals.search import SearchQuery

    open_at = None
    if args.open_at:
        try:
            open_at = parse_moment(args.open_at)
        except ValueError as err:
            raise UserInputError(str(err)) from None
    if args.age is not None and not 0 <= args.age <= 120:
        raise UserInputError(_("Ålder måste vara 0–120."))
    kommun = args.kommun
    if kommun is not None:
        from stodapp.municipalities import normalise_code

        kommun = normalise_code(kommun)
    query = SearchQuery(
        groups=tuple(args.group),
        language=args.lang,
        channel=args.channel,
        age=args.age,
        municipality=kommun,
        county=args.lan,
        open_at=open_at,
        text=args.text,
    )
    hits = _directory(args).search(query, now=SystemClock().now())
    if args.json:
        print_json(
            [
                {
                    "id": h.resource.id,
                    "name": h.resource.name,
                    "state": h.state.value,
                    "local": h.local,
                    "via_interpreter": h.via_interpreter,
                    "shows_on_phone_bill": list(h.resource.phone_bill_channels),
                    "review": h.review,
                    "days_since_check": h.days_since_check,
                    "channels": [
                        {"kind": c.kind, "contact": c.contact, "uncertain": c.uncertain}
                        for c in h.resource.channels
                    ],
                }
                for h in hits
            ]
        )
        return 0
    for h in hits:
        r = h.resource
        contacts = "; ".join(
            f"{_(CHANNEL_KINDS[c.kind])} {c.contact}{' (osäker)' if c.uncertain else ''}"
            for c in r.channels
            if c.contact
        )
        flags = []
        for kind in r.phone_bill_channels:
            flags.append(_("{channel} syns på telefonräkningen").format(channel=_(CHANNEL_KINDS[kind])))
        if h.review != "ok":
            flags.append(_("ej kontrollerad") if h.review == "never_checked" else _("kontroll försenad"))
        extra = f"  [{', '.join(flags)}]" if flags else ""
        print(f"{r.id:<26} {_(STATE_LABELS[h.state]):<14} {r.name}{extra}")
        if contacts:
            print(f"{'':<41} {contacts}")
    print(_("{n} träffar").format(n=len(hits)), file=sys.stderr)
    return 0


def run_validate(args: argparse.Namespace) -> int:
    from pathlib import Path

    from stodapp.i18n import _
    from stodapp.referrals.loader import load_national, load_resource_file, read_document
    from stodapp.referrals.local_entries import FORMAT, load_local

    path = Path(args.path)
    data, _node = read_document(path)
    if data.get("format") == FORMAT:
        national_ids = frozenset(r.id for r in load_national().resources)
        entries = load_local(path, national_ids)
        print(_("{name}: giltig fil med {n} lokala poster").format(name=path.name, n=len(entries.resources)))
    else:
        rf = load_resource_file(path)
        print(_("{name}: giltig katalog med {n} resurser").format(name=path.name, n=len(rf.resources)))
    return 0


def run_handout(args: argparse.Namespace) -> int:
    from pathlib import Path

    from stodapp.i18n import _
    from stodapp.referrals.handout_pdf import render_handout

    directory = _directory(args)
    lang = "sv_easy" if args.lang == "lattlast" else args.lang
    resources = [directory.get(i) for i in args.ids]
    pdf = render_handout(resources, lang=lang, large=args.large, local=directory.local)
    from stodapp.store.files import write_private

    write_private(Path(args.out), pdf)
    print(_("Skrev {path}").format(path=args.out))
    return 0
