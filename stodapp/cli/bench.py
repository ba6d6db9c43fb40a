"""`stodapp bench store|unlock|startup|cases|case-open|summary|all [--json]`: figures and ratios measured in one run."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from typing import Any

from stodapp.cli.common import print_json
from stodapp.i18n import _

# name -> (module, function, kwargs builder from args); features contribute their modules.
BENCHES: dict[str, tuple[str, str]] = {
    "startup": ("stodapp.bench.startup", "bench_startup"),
    "unlock": ("stodapp.bench.store", "bench_unlock"),
    "store": ("stodapp.bench.store", "bench_store"),
    "cases": ("stodapp.bench.cases", "bench_cases"),
    "case-open": ("stodapp.bench.case_open", "bench_case_open"),
    "summary": ("stodapp.bench.summary", "bench_summary"),
}


def register(sub: Any) -> None:
    p = sub.add_parser("bench", help="benchmarks (ratios measured in one run)")
    p.add_argument("which", choices=[*BENCHES, "all"])
    p.add_argument("--cases", type=int, default=None)
    p.add_argument("--notes", type=int, default=None)
    p.add_argument("--store-size", default=None, help="unlock: size of the store to unlock, e.g. 1GiB (default 64MiB)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def _function(name: str) -> Callable[..., dict[str, Any]] | None:
    module_name, func = BENCHES[name]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as err:
        if err.name == module_name:
            return None
        raise
    return getattr(module, func)  # type: ignore[no-any-return]


def _kwargs(name: str, args: argparse.Namespace) -> dict[str, Any]:
    kwargs: dict[str, Any] = {}
    if args.cases is not None and name in {"store", "cases", "case-open", "summary"}:
        kwargs["cases"] = args.cases
    if args.notes is not None and name in {"cases", "case-open"}:
        kwargs["notes"] = args.notes
    if args.store_size is not None and name == "unlock":
        from stodapp.bench.store import parse_size

        kwargs["store_size"] = parse_size(args.store_size)
    return kwargs


def run(args: argparse.Namespace) -> int:
    from stodapp.errors import UserInputError

    if args.cases is not None and not 1 <= args.cases <= 1_000_000:
        raise UserInputError(_("--cases måste vara 1–1 000 000"))
    if args.store_size is not None:
        from stodapp.bench.store import parse_size

        parse_size(args.store_size)  # a bad size fails before any bench runs
    names = list(BENCHES) if args.which == "all" else [args.which]
    results: dict[str, Any] = {}
    for name in names:
        fn = _function(name)
        results[name] = fn(**_kwargs(name, args)) if fn else {"skipped": "not built yet"}
    if args.json:
        print_json(results if args.which == "all" else results[args.which])
    else:
        for name, res in results.items():
            print(f"== {name}")
            for key, value in res.items():
                print(f"  {key:20} {value}")
    return 0
