"""`stodapp init --admin NAME`: create the encrypted store and its first administrator."""

from __future__ import annotations

import argparse
from typing import Any

from stodapp.cli.common import add_data_dir, data_dir, read_secret, remember_default_user
from stodapp.i18n import _


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("init", help="create the encrypted store and first administrator")
    add_data_dir(p)
    p.add_argument("--admin", required=True, help="administrator user name")
    p.add_argument("--passphrase-file", help="read the passphrase from this file")
    p.add_argument("--fast-kdf", action="store_true", help=argparse.SUPPRESS)  # tests and demo stores only
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stodapp.core import Core
    from stodapp.store.keyslots import KdfParams

    data = data_dir(args)
    if Core.store_exists(data):
        from stodapp.errors import StoreExists

        raise StoreExists(_("det finns redan en databas i {data}; den skrivs aldrig över").format(data=data))
    secret = read_secret(args.passphrase_file, f"Ny lösenfras för {args.admin}: ", confirm=True)
    kdf = KdfParams.for_tests() if args.fast_kdf else None
    core, recovery = Core.initialize(data, args.admin, secret, kdf=kdf)
    remember_default_user(data, core.principal.username)
    core.close()
    print(f"Databasen är skapad i {data}.")
    print("ÅTERSTÄLLNINGSNYCKEL (visas bara nu – skriv ut eller skriv av och förvara förseglat):")
    print(recovery)
    return 0
