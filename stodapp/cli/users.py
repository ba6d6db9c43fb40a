"""`stodapp users add|list|passwd|disable`."""

from __future__ import annotations

import argparse
from typing import Any

from stodapp.cli.common import add_store_args, open_core, print_json, read_secret
from stodapp.roles import Role


def register(sub: Any) -> None:
    p = sub.add_parser("users", help="manage users (administrator)")
    us = p.add_subparsers(dest="users_command", required=True)
    add = us.add_parser("add", help="add a user")
    add_store_args(add)
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--display-name", default="")
    add.add_argument("--new-passphrase-file", help="the new user's passphrase (file)")
    add.set_defaults(func=_add)
    ls = us.add_parser("list", help="list users")
    add_store_args(ls)
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_list)
    pw = us.add_parser("passwd", help="change your own passphrase, or reset another user's (administrator)")
    add_store_args(pw)
    pw.add_argument("name", nargs="?", help="user to reset (default: yourself)")
    pw.add_argument("--new-passphrase-file")
    pw.set_defaults(func=_passwd)
    dis = us.add_parser("disable", help="disable a user (their key slot is removed)")
    add_store_args(dis)
    dis.add_argument("name")
    dis.set_defaults(func=_disable)


def _add(args: argparse.Namespace) -> int:
    core = open_core(args)
    try:
        secret = read_secret(args.new_passphrase_file, f"Lösenfras för {args.name}: ", confirm=True)
        core.users.add(args.name, args.role, secret, display_name=args.display_name)
    finally:
        core.close()
    print(f"Användaren {args.name} är tillagd.")
    return 0


def _list(args: argparse.Namespace) -> int:
    core = open_core(args)
    try:
        users = core.users.list()
    finally:
        core.close()
    if args.json:
        print_json([u.model_dump(mode="json") for u in users])
    else:
        for u in users:
            print(f"{u.username:20} {u.role.value:14} {'inaktiverad' if u.disabled else 'aktiv'}")
    return 0


def _passwd(args: argparse.Namespace) -> int:
    core = open_core(args)
    try:
        target = args.name or core.principal.username
        new = read_secret(args.new_passphrase_file, f"Ny lösenfras för {target}: ", confirm=True)
        if target == core.principal.username:
            old = read_secret(args.passphrase_file, "Nuvarande lösenfras: ")
            core.users.change_own_passphrase(old, new)
        else:
            core.users.reset_passphrase(target, new)
    finally:
        core.close()
    print("Lösenfrasen är bytt.")
    return 0


def _disable(args: argparse.Namespace) -> int:
    core = open_core(args)
    try:
        core.users.disable(args.name)
    finally:
        core.close()
    print(f"Användaren {args.name} är inaktiverad.")
    return 0
