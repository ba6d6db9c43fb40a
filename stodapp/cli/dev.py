"""`stodapp dev screenshots --out DIR`: developer tools that drive the real GUI headless (fictional data only)."""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from stodapp.errors import UserInputError
from stodapp.i18n import _

PARTS = ("start", "caseworker", "supervisor", "trainer", "admin")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("dev", help="developer tools (headless GUI runs on a fictional demo store)")
    dev = p.add_subparsers(dest="dev_command", metavar="DEV_COMMAND", required=True)
    shots = dev.add_parser("screenshots", help="a PNG of every area and dialog, offscreen, on a demo store")
    shots.add_argument("--out", required=True, help="folder for the PNG files (created)")
    shots.add_argument("--lang", choices=("sv", "en"), action="append",
                       help="UI language (repeat for both; default: sv and en)")
    shots.add_argument("--size", default="1280x720",
                       help="screen in physical pixels, optionally @scale: 1280x720 or 1920x1080@1.5")
    shots.add_argument("--only", action="append", choices=PARTS,
                       help="only these parts of the tour (repeatable; default: all)")
    shots.set_defaults(func=run_screenshots)


def run_screenshots(args: argparse.Namespace) -> int:
    # The GUI package is reached by name, as for the GUI start: the core never imports ui/ or Qt.
    env = importlib.import_module("ui.dev.screen_env")
    size = env.parse_size(args.size)
    if size is None:
        raise UserInputError(_("--size ska vara BREDDxHÖJD eller BREDDxHÖJD@SKALA, t.ex. 1920x1080@1.5"))
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UserInputError(_("--out finns redan och är ingen mapp"))
    shots = importlib.import_module("ui.dev.screenshots")
    langs = tuple(dict.fromkeys(args.lang or ("sv", "en")))
    count = int(shots.main(out, langs, size, tuple(args.only or ())))
    print(_("{n} skärmbilder sparade i {folder}").format(n=count, folder=out))
    return 0
