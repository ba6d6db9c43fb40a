"""`stodapp guidance next-steps`: the next steps the panel would show for given answers, in the panel's order.

Headless review of the guidance content: no store is opened, nothing is written. The order and the set come from
`stodapp.cases.next_steps.guidance`, the same function the asking service stores its suggestions from.
"""

from __future__ import annotations

import argparse
from typing import Any

from stodapp.cli.common import print_json


def register(sub: Any) -> None:
    p = sub.add_parser("guidance", help="vägledning: visa nästa steg för givna svar (utan GUI, utan ärende)")
    gsub = p.add_subparsers(dest="guidance_command", metavar="SUBCOMMAND", required=True)
    n = gsub.add_parser("next-steps", help="stegen som panelen visar, i panelens ordning")
    n.add_argument("--answer", help="svaret på frågan om våld: ja | nej | avbojt | ej_fragat")
    n.add_argument("--subject", default="utsatt", help="utsatt (default) | utovande")
    n.add_argument("--children", action="store_true", help="barn finns i hushållet")
    n.add_argument("--group", action="append", default=[], metavar="KEY", help="målgrupp (kan upprepas)")
    n.add_argument("--screening", action="append", default=[], metavar="ITEM=CODE",
                   help="ett screeningsvar, t.ex. heder=ja eller nar=pagar (kan upprepas)")
    n.add_argument("--json", action="store_true")
    n.set_defaults(func=run_next_steps)


def run_next_steps(args: argparse.Namespace) -> int:
    from stodapp.cases import next_steps as rules
    from stodapp.i18n import _, current_language

    facts = rules.facts_from_input(
        answer=args.answer, subject=args.subject, children=args.children, groups=args.group,
        screening=args.screening,
    )
    steps = rules.guidance(facts)
    lang = current_language()  # `stodapp --lang en guidance …` prints the English texts
    if args.json:
        print_json({"facts": facts.model_dump(mode="json"), "steps": [rules.step_json(r, lang) for r in steps]})
        return 0
    if not steps:
        print(_("Inga nästa steg för de här svaren."))
        return 0
    for number, rule in enumerate(steps, 1):
        print(f"{number}. [{_(rules.PRIORITIES[rule.priority])}] {rule.title.text(lang)}")
        if rule.warning:
            print(f"   {_('Varning')}: {rule.warning.text(lang)}")
    return 0
