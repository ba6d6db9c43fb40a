"""`stodapp server users add|list|disable|passwd --server URL|PROFILE`: the unit's users on its server.

`add`, `list`, `disable` and `reset` are the administrator's; `passwd` is any user's own passphrase change (her key slot
and her database login in one transaction; the new passphrase typed twice as for `add`).

`add` makes a new user's database login role (in her role's group role), her users row and her key slot in one
transaction, run as the owner role while an administrator is signed in (she holds the data key that is sealed to
the new slot). Her passphrase is typed twice: at the terminal (hidden), or as two lines on standard input; never on
the command line. Bad input is refused in one line before anything is written. Both commands talk to the server
facade (`Core.connect_server` -> ServerCore) only.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from stodapp.cli.common import print_json, read_secret
from stodapp.errors import UserInputError
from stodapp.i18n import _
from stodapp.roles import Role


def register(group: Any) -> None:
    users = group.add_parser("users", help="the unit's users on the server (administrator)")
    us = users.add_subparsers(dest="server_users_command", metavar="SUBCOMMAND", required=True)
    add = us.add_parser("add", help="add a user: her login role, group role membership and key slot, in one "
                        "transaction (her passphrase is read twice from the terminal or standard input)")
    _sign_in_args(add)
    add.add_argument("--username", required=True, help="the new user's stodapp user name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--owner", required=True, help="the database owner role that ran `server init` (CREATEROLE)")
    add.add_argument("--owner-password-file",
                     help="file holding the owner role's password (else libpq: PGPASSFILE or a service file)")
    add.add_argument("--json", action="store_true", help="print the new user as JSON")
    add.add_argument("--fast-kdf", action="store_true", help=argparse.SUPPRESS)  # tests only
    add.set_defaults(func=run_add)
    ls = us.add_parser("list", help="the unit's users")
    _sign_in_args(ls)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_list)
    off = us.add_parser("disable", help="disable a user: her key slot deleted and her database login ended, in one "
                        "transaction (not yourself)")
    _sign_in_args(off)
    off.add_argument("--username", required=True, help="the user to disable")
    off.add_argument("--owner", required=True, help="the database owner role that ran `server init` (CREATEROLE)")
    off.add_argument("--owner-password-file",
                     help="file holding the owner role's password (else libpq: PGPASSFILE or a service file)")
    off.add_argument("--json", action="store_true", help="print the disabled user as JSON")
    off.set_defaults(func=run_disable)
    rs = us.add_parser("reset", help="give a user who forgot her passphrase a new, temporary one (read twice from "
                       "the terminal or standard input); she must choose her own at the next sign-in")
    _sign_in_args(rs)
    rs.add_argument("--username", required=True, help="the user whose passphrase is reset")
    rs.add_argument("--owner", required=True, help="the database owner role that ran `server init` (CREATEROLE)")
    rs.add_argument("--owner-password-file",
                    help="file holding the owner role's password (else libpq: PGPASSFILE or a service file)")
    rs.add_argument("--fast-kdf", action="store_true", help=argparse.SUPPRESS)  # tests only
    rs.set_defaults(func=run_reset)
    pw = us.add_parser("passwd", help="change your own passphrase on the server (read twice from the terminal or "
                       "standard input, after the current one)")
    _sign_in_args(pw)
    pw.set_defaults(func=run_passwd)


def _sign_in_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--server", required=True, metavar="URL|PROFILE",
                   help="postgresql://host[:port]/database[?sslmode=…] (no password) or a saved profile")
    p.add_argument("--user", help="the administrator who signs in (default: the profile's user)")
    p.add_argument("--passphrase-file", help="read the administrator's passphrase from this file (first line)")


def read_new_passphrase(username: str) -> str:
    """The new user's passphrase, typed twice: hidden at a terminal, else two lines on standard input."""
    import getpass

    if sys.stdin.isatty():
        first = getpass.getpass(f"Ny lösenfras för {username}: ")
        again = getpass.getpass("Upprepa: ")
    else:
        first, again = (sys.stdin.readline().removesuffix("\n").removesuffix("\r") for _n in range(2))
        if not first:
            raise UserInputError(_("ingen ny lösenfras på standard in: skriv den två gånger, en per rad"))
    if first != again:
        raise UserInputError(_("lösenfraserna matchar inte"))
    return first


def _sign_in(args: argparse.Namespace) -> tuple[str, str]:
    """(administrator, her passphrase): the URL is checked before any secret is read."""
    from stodapp.server.connect import check_url
    from stodapp.server.profile_names import profiles_path
    from stodapp.server.profiles import resolve

    url, profile = resolve(args.server, profiles_path())
    check_url(url)
    user = args.user or (profile.user if profile else None)
    if not user:
        raise UserInputError(_("ange --user: vem loggar in på servern?"))
    return user, read_secret(args.passphrase_file, f"Lösenfras för {user}: ")


def _connect(args: argparse.Namespace, user: str, secret: str) -> Any:
    from stodapp.core import Core

    return Core.connect_server(args.server, user, secret)


def run_add(args: argparse.Namespace) -> int:
    from stodapp import passphrase as policy
    from stodapp.store.keyslots import KdfParams
    from stodapp.users import check_username

    username = check_username(args.username)  # every check on what was typed comes before any secret is read
    role = Role(args.role)
    admin, admin_secret = _sign_in(args)
    owner_password = read_secret(args.owner_password_file, "") if args.owner_password_file else None
    secret = read_new_passphrase(username)
    policy.check(secret, username)
    core = _connect(args, admin, admin_secret)
    try:
        added = core.add_user(args.owner, owner_password, username, role, secret,
                              kdf=KdfParams.for_tests() if args.fast_kdf else None)
        server = core.server_display
    finally:
        core.close()
    if args.json:
        print_json({**added.model_dump(mode="json"), "server": server})
    else:
        print(_("Användaren {username} ({role}) är tillagd på {server}.").format(
            username=added.username, role=added.role.value, server=server))
    return 0


def run_disable(args: argparse.Namespace) -> int:
    from stodapp.users import check_username

    username = check_username(args.username)
    admin, admin_secret = _sign_in(args)
    owner_password = read_secret(args.owner_password_file, "") if args.owner_password_file else None
    core = _connect(args, admin, admin_secret)
    try:
        done = core.disable_user(args.owner, owner_password, username)
        server = core.server_display
    finally:
        core.close()
    if args.json:
        print_json({**done.model_dump(mode="json"), "server": server})
    else:
        print(_("Användaren {username} är inaktiverad på {server}: nyckelplatsen är borttagen och inloggningen "
                "stängd.").format(username=done.username, server=server))
    return 0


def run_reset(args: argparse.Namespace) -> int:
    from stodapp import passphrase as policy
    from stodapp.store.keyslots import KdfParams
    from stodapp.users import check_username

    username = check_username(args.username)
    admin, admin_secret = _sign_in(args)
    owner_password = read_secret(args.owner_password_file, "") if args.owner_password_file else None
    new = read_new_passphrase(username)
    policy.check(new, username)
    core = _connect(args, admin, admin_secret)
    try:
        core.reset_passphrase(args.owner, owner_password, username, new,
                              kdf=KdfParams.for_tests() if args.fast_kdf else None)
        server = core.server_display
    finally:
        core.close()
    print(_("Lösenfrasen för {username} är återställd på {server}. Användaren måste välja en egen vid nästa "
            "inloggning.").format(username=username, server=server))
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    from stodapp import passphrase as policy

    user, current = _sign_in(args)
    new = read_new_passphrase(user)
    policy.check(new, user)
    core = _connect(args, user, current)
    try:
        core.users.change_own_passphrase(current, new)
        server = core.server_display
    finally:
        core.close()
    print(_("Din lösenfras är bytt på {server}. Logga in med den nya nästa gång.").format(server=server))
    return 0


def run_list(args: argparse.Namespace) -> int:
    core = _connect(args, *_sign_in(args))
    try:
        users = core.list_users()
    finally:
        core.close()
    if args.json:
        print_json([u.model_dump(mode="json") for u in users])
    else:
        for u in users:
            state = _("inaktiverad") if u.disabled else _("aktiv")
            print(f"{u.username:20} {u.role.value:14} {state}")
    return 0
