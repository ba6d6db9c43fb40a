"""`stodapp bench store|unlock|startup|cases|case-open|summary|all|server [--json]`: figures measured in one run.

`bench server` needs a PostgreSQL server: an EMPTY database (--url) and an owner role (--owner, password from
--owner-password-file or libpq's PGPASSFILE/service file); it is not part of `bench all`."""

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
    p.add_argument("which", choices=[*BENCHES, "all", "server"])
    p.add_argument("--cases", type=int, default=None)
    p.add_argument("--notes", type=int, default=None)
    p.add_argument("--store-size", default=None, help="unlock: size of the store to unlock, e.g. 1GiB (default 64MiB)")
    p.add_argument("--json", action="store_true")
    srv = p.add_argument_group("server", "bench server: the unit's PostgreSQL server beside the local store")
    srv.add_argument("--url", help="postgresql://host[:port]/database of an EMPTY database (no password)")
    srv.add_argument("--owner", help="the database owner role (CREATEROLE, not a superuser)")
    srv.add_argument("--owner-password-file", help="file holding the owner role's password")
    srv.add_argument("--processes", type=int, default=20, help="concurrent client processes in the load (20)")
    srv.add_argument("--ops", type=int, default=500, help="operations per client process in the load (500)")
    srv.add_argument("--samples", type=int, default=50, help="timed samples per operation (50)")
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
    if args.which == "server":
        return _run_server(args)
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


def _run_server(args: argparse.Namespace) -> int:
    from stodapp.errors import UserInputError

    if not args.url or not args.owner:
        raise UserInputError(_("bench server kräver --url (en tom databas) och --owner"))
    if not 1 <= args.processes <= 100 or not 1 <= args.ops <= 100_000 or not 1 <= args.samples <= 10_000:
        raise UserInputError(_("--processes 1–100, --ops 1–100 000 och --samples 1–10 000"))
    from stodapp.bench.server import bench_server
    from stodapp.cli.common import read_secret
    from stodapp.server.connect import check_url

    check_url(args.url)
    password = read_secret(args.owner_password_file, "") if args.owner_password_file else None
    result = bench_server(args.url, args.owner, password, cases=args.cases or 100_000, notes=args.notes,
                          samples=args.samples, processes=args.processes, ops=args.ops)
    if args.json:
        print_json(result)
    else:
        for backend in ("server", "local"):
            r = result[backend]
            print(f"== {backend} ({result['cases']} ärenden, fyllt på {r['fill_s']} s)")
            for op in ("search_prefix", "search_pnr", "open", "note"):
                print(f"  {op:15} p50 {r[op]['p50_ms']:7} ms   p95 {r[op]['p95_ms']:7} ms")
        load = result["load"]
        print(f"== load ({load['processes']} × {load['ops_per_process']}, {load['ops_per_s']} op/s)")
        for key in ("lost_writes", "duplicated_writes", "unacknowledged_writes", "lost_updates", "conflicts",
                    "audit_chain_ok", "errors"):
            print(f"  {key:22} {load[key]}")
    return 0 if result["load_ok"] else 1
