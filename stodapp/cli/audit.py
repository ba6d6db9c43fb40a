"""`stodapp audit verify` (and `audit review`, contributed by the summary feature)."""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from stodapp.cli.common import add_store_args, open_session, print_json


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help="audit log")
    au = p.add_subparsers(dest="audit_command", required=True)
    v = au.add_parser("verify", help="verify the HMAC chain; reports the first broken index (local store or --server)")
    add_store_args(v, server=True)
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=_verify)
    try:
        review = importlib.import_module("stodapp.cli.summary_audit_review")
    except ModuleNotFoundError as err:
        if err.name != "stodapp.cli.summary_audit_review":
            raise
    else:
        review.register_review(au)


def _verify(args: argparse.Namespace) -> int:
    core = open_session(args)
    try:
        result = core.verify_audit()
    finally:
        core.close()
    if args.json:
        print_json(result.model_dump())
    elif result.ok:
        print(f"Granskningsloggen är hel: {result.count} händelser, huvud {result.head}")
    elif result.anchor_problem:
        print(f"Granskningsloggen stämmer inte med sitt ankare: {result.anchor_message}")
    else:
        print(f"Granskningsloggen är bruten vid index {result.first_bad_index} (rad-id {result.first_bad_id})")
    return 0 if result.ok else 1
