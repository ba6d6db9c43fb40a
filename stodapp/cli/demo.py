"""`stodapp demo --cases N --seed S`: fill a store with deterministic fictional data (+ one user per role)."""

from __future__ import annotations

import argparse
from typing import Any

from stodapp.cli.common import add_store_args, data_dir, open_core, print_json, read_secret, remember_default_user


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="fictional demo data (creates the store if the data dir is empty)")
    add_store_args(p)
    p.add_argument("--cases", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--fast-kdf", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stodapp.core import Core
    from stodapp.errors import DiskError, StodError, StoreError, UserInputError
    from stodapp.i18n import _
    from stodapp.store.keyslots import KdfParams

    if not 0 <= args.cases <= 1_000_000:
        raise UserInputError(_("--cases måste vara 0–1 000 000"))
    data = data_dir(args)
    secret = read_secret(args.passphrase_file, "Lösenfras (för administratören och demo-användarna): ")
    created = not Core.store_exists(data)
    if not created:
        core = open_core(args)
    else:
        kdf = KdfParams.for_tests() if args.fast_kdf else None
        core, _recovery = Core.initialize(data, args.user or "admin", secret, kdf=kdf, store_kind="demo")
        remember_default_user(data, core.principal.username)
    try:
        counts = core.fill_demo(cases=args.cases, seed=args.seed, passphrase=secret)
    except StodError as err:
        if not created:
            raise
        # The new, empty store and its administrator were saved before the fill failed: say so.
        kind = DiskError if isinstance(err, DiskError) else StoreError
        raise kind(
            _("{reason} Databasen skapades ändå i {dir} med administratören {user}.").format(
                reason=str(err).rstrip("."), dir=data, user=core.principal.username
            )
        ) from None
    finally:
        core.close()
    from stodapp.demo import DEMO_USERS
    from stodapp.roles import Role

    users = [DEMO_USERS[r] for r in (Role.CASEWORKER, Role.SUPERVISOR, Role.TRAINER)]
    print_json({"data_dir": str(data), **counts, "users": users})
    return 0
