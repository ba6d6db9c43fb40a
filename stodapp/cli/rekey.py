"""`stodapp rekey`: replace the data key and re-seal every key slot (suspected compromise)."""

from __future__ import annotations

import argparse
from typing import Any

from stodapp.cli.common import add_store_args, open_core


def register(sub: Any) -> None:
    p = sub.add_parser("rekey", help="replace the data key (administrator)")
    add_store_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    core = open_core(args)
    try:
        core.rekey()
    finally:
        core.close()
    print("Datanyckeln är utbytt och alla nyckelplatser är förseglade på nytt. Ta en ny säkerhetskopia.")
    return 0
