"""The `stodapp` command: no arguments opens the GUI; subcommands do headless work.

Each subcommand group lives in its own module stodapp/cli/<name>.py exposing `register(subparsers)`;
the parser calls `args.func(args) -> int`. Modules keep heavy imports inside their run functions so
`stodapp --help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from stodapp import __version__
from stodapp.errors import StodError, ValidationFailed

COMMAND_MODULES = (
    "init",
    "users",
    "audit",
    "doctor",
    "rekey",
    "demo",
    "checklists",
    "cases",
    "concerns",
    "referrals",
    "training",
    "guidance",
    "summary",
    "backup",
    "retention",
    "bench",
    "server",
    "dev",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stodapp", description="Stöd i ärenden om våld – stodapp")
    parser.add_argument("--version", action="version", version=f"stodapp {__version__}")
    parser.add_argument("--demo", action="store_true", help="open the GUI on a fictional demo store")
    parser.add_argument("--data-dir", help="data directory (default: the user data dir)")
    # dest ui_lang: subcommands have a `--lang` of their own (a handout's client language)
    parser.add_argument("--lang", dest="ui_lang", choices=("sv", "en"), help="UI language (GUI and CLI text)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"stodapp.cli.{name}")
        except ModuleNotFoundError as err:
            if err.name == f"stodapp.cli.{name}":
                continue  # group not built yet
            raise
        module.register(sub)
    return parser


def _gui_only(args_list: list[str]) -> argparse.Namespace | None:
    """The GUI start (no subcommand) parsed without importing any subcommand module: it is on the start-up path
    before the first paint (stodapp bench startup)."""
    allowed = {"--demo", "--data-dir", "--lang"}
    names = [a.split("=", 1)[0] for a in args_list if a.startswith("-")]
    if any(n not in allowed for n in names):
        return None
    parser = argparse.ArgumentParser(prog="stodapp", add_help=False)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--data-dir")
    parser.add_argument("--lang", dest="ui_lang", choices=("sv", "en"))
    try:
        args, rest = parser.parse_known_args(args_list)
    except SystemExit:
        return None
    if rest:
        return None  # a subcommand or something else: let the full parser handle (and explain) it
    args.command = None
    return args


def fail(message: str, code: int = 2) -> int:
    print(f"stodapp: error: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    from stodapp.hardening import disable_core_dumps

    if argv is None:  # the real process, not an in-process test call
        disable_core_dumps()
        from stodapp.store.files import restrict_umask

        restrict_umask()
    args_list = list(sys.argv[1:] if argv is None else argv)
    for number, arg in enumerate(args_list, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8 arrive as lone surrogates (PEP 383)
            from stodapp.i18n import _

            return fail(_("argument {n} är inte giltig UTF-8-text; skriv om det (t.ex. användarnamnet)").format(
                n=number))
    gui_args = _gui_only(args_list)
    args = gui_args if gui_args is not None else build_parser().parse_args(args_list)
    if args.command is None:
        # The launcher hands over to the GUI package by name: the core itself never depends on ui/ or Qt.
        gui = importlib.import_module("ui.main")
        return int(gui.run_gui(data_dir=args.data_dir, demo=args.demo, lang=args.ui_lang))
    if args.ui_lang:
        from stodapp.i18n import set_language

        set_language(args.ui_lang)
    try:
        return int(args.func(args) or 0)
    except ValidationFailed as err:
        print(f"stodapp: error: {err}", file=sys.stderr)
        if tuple(err.lines) != (str(err),):  # a single problem is the summary itself: say it once
            for line in err.lines:
                print(f"  {line}", file=sys.stderr)
        return err.exit_code
    except StodError as err:
        return fail(str(err), err.exit_code)
    except KeyboardInterrupt:
        return fail("avbrutet", 130)
    except OSError as err:
        # e.g. an --out path that cannot be written; strerror + file name only, no content.
        return fail(f"{err.strerror or type(err).__name__}: {err.filename or ''}".strip(": "), 74)
    except Exception as err:  # noqa: BLE001 - last resort: one line, no message text (it might hold content)
        if os.environ.get("STODAPP_DEBUG"):
            raise
        return fail(f"internt fel ({type(err).__name__}); kör med STODAPP_DEBUG=1 för detaljer", 70)
