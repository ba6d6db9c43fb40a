"""`stodapp doctor [--json]`: versions, integrity, audit chain, key-slot health."""

from __future__ import annotations

import argparse
from typing import Any

from stodapp.cli.common import add_store_args, data_dir, print_json


def register(sub: Any) -> None:
    p = sub.add_parser("doctor", help="versions and health checks")
    add_store_args(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def _versions() -> dict[str, Any]:
    import sqlcipher3.dbapi2 as dbapi

    from stodapp import __version__
    from stodapp.store.engine import cipher_info

    conn = dbapi.connect(":memory:")
    try:
        info: dict[str, Any] = {"stodapp": __version__, **cipher_info(conn)}
    finally:
        conn.close()
    from stodapp.versions import qt_versions

    info.update(qt_versions())
    return info


def run(args: argparse.Namespace) -> int:
    from stodapp.core import Core

    data = data_dir(args)
    info: dict[str, Any]
    if Core.store_exists(data) and (args.passphrase_file or args.user):
        from stodapp.cli.common import open_core

        core = open_core(args)
        try:
            info = core.doctor()
        finally:
            core.close()
    else:
        info = _versions()
        info["store"] = "present" if Core.store_exists(data) else "absent"
    healthy = info.get("integrity", "ok") == "ok" and info.get("audit_chain", {"ok": True})["ok"]
    if args.json:
        print_json(info)
    else:
        for key, value in info.items():
            print(f"{key:16} {value}")
    return 0 if healthy else 1
