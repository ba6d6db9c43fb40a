"""Shared CLI helpers: store arguments, secrets from prompt or file, JSON output."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stodapp.errors import UserInputError
from stodapp.i18n import _

if TYPE_CHECKING:
    from stodapp.cases.backend import CaseStoreSession


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", help="data directory (default: the user data dir)")


def add_store_args(parser: argparse.ArgumentParser, *, server: bool = False) -> None:
    """--data-dir, --user, --passphrase-file for commands that open the store; with `server`, also --server."""
    add_data_dir(parser)
    parser.add_argument("--user", help="user name (default: the administrator made by init)")
    parser.add_argument("--passphrase-file", help="read the passphrase from this file (first line)")
    if server:
        parser.add_argument(
            "--server", metavar="URL|PROFILE",
            help="the unit's PostgreSQL server (postgresql://host/database, no password) or a saved profile name, "
                 "instead of --data-dir; the database login is derived from the passphrase",
        )  # fmt: skip


def data_dir(args: argparse.Namespace) -> Path:
    from stodapp.paths import default_data_dir

    value = getattr(args, "data_dir", None)
    return Path(value) if value else default_data_dir()


def read_secret(path: str | None, prompt: str, confirm: bool = False) -> str:
    """A secret from a file (first line, trailing newline stripped) or an interactive prompt; never argv."""
    if path:
        try:
            raw = Path(path).read_bytes()
        except OSError as err:
            raise UserInputError(_("kan inte läsa lösenfrasfilen: {strerror}").format(strerror=err.strerror)) from None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UserInputError(_("lösenfrasfilen är inte UTF-8")) from None
        line = text.splitlines()[0] if text.splitlines() else ""
        return line
    if not sys.stdin.isatty():
        raise UserInputError(_("ingen terminal för lösenfras: använd --passphrase-file"))
    secret = getpass.getpass(prompt)
    if confirm and getpass.getpass("Upprepa: ") != secret:
        raise UserInputError(_("lösenfraserna matchar inte"))
    return secret


def print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


DEFAULT_USER_FILE = "default-user.txt"


def remember_default_user(data: Path, name: str) -> None:
    """`init` remembers its administrator so later commands can default --user to it (not a secret)."""
    from stodapp.store.files import write_private

    write_private(data / DEFAULT_USER_FILE, (name + "\n").encode("utf-8"))


def default_user(data: Path) -> str:
    try:
        return (data / DEFAULT_USER_FILE).read_text(encoding="utf-8").strip() or "admin"
    except OSError:
        return "admin"


def open_session(args: argparse.Namespace) -> CaseStoreSession:
    """The store a case command works on: the local store (--data-dir) or the unit's server (--server)."""
    server = getattr(args, "server", None)
    if not server:
        core: CaseStoreSession = open_core(args)
        return core
    if getattr(args, "data_dir", None):
        raise UserInputError(_("ange antingen --data-dir eller --server, inte båda"))
    from stodapp.server.profile_names import profiles_path
    from stodapp.server.profiles import resolve
    from stodapp.server.session import ServerSession

    url, profile = resolve(server, profiles_path())
    user = getattr(args, "user", None) or (profile.user if profile else None)
    if not user:
        raise UserInputError(_("ange --user: vem loggar in på servern?"))
    secret = read_secret(getattr(args, "passphrase_file", None), f"Lösenfras för {user}: ")
    session = ServerSession.sign_in(url, user, secret, expected_unit=(profile.unit_id or None) if profile else None)
    if session.store.must_change:
        print(_("Obs: en administratör har satt din lösenfras. Välj en egen med `stodapp server users passwd`."),
              file=sys.stderr)
    return session


def open_core(args: argparse.Namespace) -> Any:
    """Unlock the store named by --data-dir as --user (default: the init administrator)."""
    from stodapp.core import Core

    data = data_dir(args)
    if not Core.store_exists(data):
        from stodapp.errors import StoreMissing

        raise StoreMissing(_("ingen databas i {data}: kör `stodapp init --admin NAMN` först").format(data=data))
    user = getattr(args, "user", None) or default_user(data)
    secret = read_secret(getattr(args, "passphrase_file", None), f"Lösenfras för {user}: ")
    core = Core.unlock(data, user, secret)
    if core.users.must_change_passphrase():
        print(_("Obs: en administratör har satt din lösenfras. Välj en egen med `stodapp users passwd`."),
              file=sys.stderr)
    return core
