"""`stodapp bench store|unlock|startup|cases|summary|all [--json]`: figures and ratios measured in one run."""

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
    "cases": ("stodapp.cases.bench", "bench_cases"),
    "summary": ("stodapp.summary.bench", "bench_summary"),
}


def register(sub: Any) -> None:
    p = sub.add_parser("bench", help="benchmarks (ratios measured in one run)")
    p.add_argument("which", choices=[*BENCHES, "all"])
    p.add_argument("--cases", type=int, default=None)
    p.add_argument("--notes", type=int, default=None)
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
    if args.cases is not None and name in {"store", "cases", "summary"}:
        kwargs["cases"] = args.cases
    if args.notes is not None and name == "cases":
        kwargs["notes"] = args.notes
    return kwargs


def run(args: argparse.Namespace) -> int:
    from stodapp.errors import UserInputError

    if args.cases is not None and not 1 <= args.cases <= 1_000_000:
        raise UserInputError(_("--cases måste vara 1–1 000 000"))
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
