"""`stodapp server init --url postgresql://…`: prepare an empty PostgreSQL database as a unit's shared store.

Credentials never go on the command line: the owner role's password comes from `--owner-password-file`, or,
without it, libpq finds it itself (PGPASSFILE / ~/.pgpass, or a PG service file named with `service=` in the URL).
"""

from __future__ import annotations

import argparse
from typing import Any

from stodapp.cli.common import read_secret


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("server", help="shared server mode on PostgreSQL (issue 16)")
    group = p.add_subparsers(dest="server_command", metavar="SUBCOMMAND", required=True)
    init = group.add_parser("init", help="create schema, first administrator and key slots in an empty database")
    init.add_argument("--url", required=True, help="postgresql://host[:port]/database[?sslmode=…] (no password)")
    init.add_argument("--owner", required=True, help="database owner role that runs migrations (not a superuser)")
    init.add_argument("--owner-password-file",
                      help="file holding the owner role's password (else libpq: PGPASSFILE or a service file)")
    init.add_argument("--admin", required=True, help="the unit's first administrator (stodapp user name)")
    init.add_argument("--passphrase-file", help="read the administrator's new passphrase from this file")
    init.add_argument("--unit-name", default="", help="the unit's display name")
    init.add_argument("--json", action="store_true", help="print the result as JSON")
    init.add_argument("--fast-kdf", action="store_true", help=argparse.SUPPRESS)  # tests only
    init.set_defaults(func=run_init)


def run_init(args: argparse.Namespace) -> int:
    from stodapp.server.connect import check_url
    from stodapp.server.provision import init_unit
    from stodapp.store.keyslots import KdfParams

    address = check_url(args.url)  # refuse a bad URL before asking for any secret
    owner_password = None
    if args.owner_password_file:
        owner_password = read_secret(args.owner_password_file, "")
    secret = read_secret(args.passphrase_file, f"Ny lösenfras för {args.admin}: ", confirm=True)
    kdf = KdfParams.for_tests() if args.fast_kdf else None
    unit_id = init_unit(args.url, args.owner, owner_password, args.admin, secret, unit_name=args.unit_name,
                        kdf=kdf)
    if args.json:
        from stodapp.cli.common import print_json

        print_json({"unit_id": unit_id, "server": address.display(), "admin": args.admin})
    else:
        print(f"Enheten är skapad på {address.display()} (enhets-id {unit_id}).")
    return 0
