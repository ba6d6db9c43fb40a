"""`stodapp server init --url postgresql://…`: prepare an empty PostgreSQL database as a unit's shared store;
`stodapp server upgrade --server URL|PROFILE --owner ROLE`: run the pending server migrations (stodapp.server.upgrade);
`stodapp server users add|list`: the unit's users (stodapp.cli.server_users).

Credentials never go on the command line: the owner role's password comes from `--owner-password-file`, or,
without it, libpq finds it itself (PGPASSFILE / ~/.pgpass, or a PG service file named with `service=` in the URL).
"""

from __future__ import annotations

import argparse
from typing import Any

from stodapp.cli.common import read_secret
from stodapp.i18n import _, ngettext


def register(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("server", help="shared server mode on PostgreSQL (issue 16)")
    group = p.add_subparsers(dest="server_command", metavar="SUBCOMMAND", required=True)
    init = group.add_parser("init", help="create schema, first administrator and key slots in an empty database")
    init.add_argument("--url", required=True, help="postgresql://host[:port]/database[?sslmode=…] (no password)")
    init.add_argument("--owner", required=True, help="database owner role that runs migrations (not a superuser)")
    init.add_argument("--owner-password-file",
                      help="file holding the owner role's password (else libpq: PGPASSFILE or a service file)")
    init.add_argument("--admin", required=True, help="the unit's first administrator (stodapp user name)")
    init.add_argument("--passphrase-file", help="read the administrator's new passphrase from this file")
    init.add_argument("--unit-name", default="", help="the unit's display name")
    init.add_argument("--json", action="store_true", help="print the result as JSON")
    init.add_argument("--fast-kdf", action="store_true", help=argparse.SUPPRESS)  # tests only
    init.add_argument("--save-profile", metavar="NAME", help="save the URL, the administrator and the unit as a "
                      "profile for --server NAME")
    init.set_defaults(func=run_init)

    up = group.add_parser("upgrade", help="run the server's pending migrations as the owner role (refuses while "
                          "older clients are connected)")
    up.add_argument("--server", required=True, metavar="URL|PROFILE",
                    help="postgresql://host[:port]/database[?sslmode=…] (no password) or a saved profile (its unit "
                    "is checked)")
    up.add_argument("--owner", required=True, help="the database owner role that ran `server init`")
    up.add_argument("--owner-password-file",
                    help="file holding the owner role's password (else libpq: PGPASSFILE or a service file)")
    up.add_argument("--force", action="store_true",
                    help="upgrade even while older clients are connected (they are counted in the warning)")
    up.add_argument("--json", action="store_true", help="print the result as JSON")
    up.set_defaults(func=run_upgrade)

    imp = group.add_parser("import", help="copy a local store's cases, persons, assignments and journal notes into "
                           "the unit's server (one transaction; a repeated import adds only what is new)")
    imp.add_argument("--data-dir", required=True, help="the local store to copy (it is only read)")
    imp.add_argument("--user", help="the local store's administrator (default: the administrator made by init)")
    imp.add_argument("--passphrase-file",
                     help="read the local passphrase from this file (first line; /dev/stdin reads standard input)")
    imp.add_argument("--server", required=True, metavar="URL|PROFILE",
                     help="postgresql://host[:port]/database[?sslmode=…] (no password) or a saved profile")
    imp.add_argument("--server-user", help="the server's administrator (default: the profile's user, else --user)")
    imp.add_argument("--server-passphrase-file", help="read the server administrator's passphrase from this file")
    imp.add_argument("--owner", required=True, help="the database owner role that ran `server init`")
    imp.add_argument("--owner-password-file",
                     help="file holding the owner role's password (else libpq: PGPASSFILE or a service file)")
    imp.add_argument("--json", action="store_true", help="print the counts as JSON")
    imp.set_defaults(func=run_import)

    prof = group.add_parser("profile", help="saved server profiles (URL, user, unit; never a secret)")
    psub = prof.add_subparsers(dest="profile_command", metavar="SUBCOMMAND", required=True)
    save = psub.add_parser("save", help="sign in once and save the server as a profile for --server NAME")
    save.add_argument("name", metavar="NAME")
    save.add_argument("--url", required=True, help="postgresql://host[:port]/database[?sslmode=…] (no password)")
    save.add_argument("--user", required=True, help="the stodapp user who signs in")
    save.add_argument("--passphrase-file", help="read the passphrase from this file (first line)")
    save.set_defaults(func=run_profile_save)
    ls = psub.add_parser("list", help="the saved profiles")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=run_profile_list)

    from stodapp.cli.server_users import register as register_users

    register_users(group)


def run_init(args: argparse.Namespace) -> int:
    from stodapp.server.connect import check_url
    from stodapp.server.provision import init_unit
    from stodapp.store.keyslots import KdfParams

    address = check_url(args.url)  # refuse a bad URL before asking for any secret
    owner_password = None
    if args.owner_password_file:
        owner_password = read_secret(args.owner_password_file, "")
    secret = read_secret(args.passphrase_file, f"Ny lösenfras för {args.admin}: ", confirm=True)
    kdf = KdfParams.for_tests() if args.fast_kdf else None
    if args.save_profile:
        from stodapp.server.profiles import check_name

        check_name(args.save_profile)  # before anything is created
    unit_id = init_unit(args.url, args.owner, owner_password, args.admin, secret, unit_name=args.unit_name,
                        kdf=kdf)
    if args.save_profile:
        from stodapp.server.profile_names import profiles_path
        from stodapp.server.profiles import Profile, save

        save(profiles_path(), args.save_profile, Profile(url=args.url, user=args.admin, unit_id=unit_id))
    if args.json:
        from stodapp.cli.common import print_json

        print_json({"unit_id": unit_id, "server": address.display(), "admin": args.admin})
    else:
        print(f"Enheten är skapad på {address.display()} (enhets-id {unit_id}).")
    return 0


def run_upgrade(args: argparse.Namespace) -> int:
    import sys
    from dataclasses import asdict

    from stodapp.server.connect import check_url
    from stodapp.server.profile_names import profiles_path
    from stodapp.server.profiles import resolve
    from stodapp.server.upgrade import upgrade_unit

    url, profile = resolve(args.server, profiles_path())
    check_url(url)  # refuse a bad URL before reading any secret
    owner_password = read_secret(args.owner_password_file, "") if args.owner_password_file else None
    report = upgrade_unit(url, args.owner, owner_password, expected_unit=profile.unit_id if profile else None,
                          force=args.force)
    if report.forced:
        print(ngettext("Varning: {count} äldre stodapp-klient var ansluten under uppgraderingen; den kan inte öppna "
                       "databasen förrän den är uppdaterad.",
                       "Varning: {count} äldre stodapp-klienter var anslutna under uppgraderingen; de kan inte öppna "
                       "databasen förrän de är uppdaterade.", report.older_clients).format(count=report.older_clients),
              file=sys.stderr)
    if args.json:
        from stodapp.cli.common import print_json

        print_json(asdict(report))
    elif report.applied:
        print(_("{server}: schema {old} → {new} (migrering {versions}).").format(
            server=report.server, old=report.from_version, new=report.to_version,
            versions=", ".join(str(v) for v in report.applied)))
    else:
        print(_("{server}: schemat är redan version {new}; inget att göra.").format(server=report.server,
                                                                                  new=report.to_version))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from stodapp.cli.common import default_user
    from stodapp.core import Core
    from stodapp.errors import StoreMissing
    from stodapp.server.connect import check_url
    from stodapp.server.profile_names import profiles_path
    from stodapp.server.profiles import resolve
    from stodapp.server.store import ServerStore

    url, profile = resolve(args.server, profiles_path())
    address = check_url(url)  # refuse a bad URL before reading any secret
    data = Path(args.data_dir)
    if not Core.store_exists(data):
        raise StoreMissing(_("ingen lokal databas i {data}").format(data=data))
    local_user = args.user or default_user(data)
    server_user = args.server_user or (profile.user if profile else None) or local_user
    owner_password = read_secret(args.owner_password_file, "") if args.owner_password_file else None
    local_secret = read_secret(args.passphrase_file, f"Lösenfras för {local_user} (lokal databas): ")
    server_secret = read_secret(args.server_passphrase_file, f"Lösenfras för {server_user} (servern): ")
    core = Core.unlock(data, local_user, local_secret)
    try:
        admin = ServerStore.open(url, server_user, server_secret,
                                 expected_unit=(profile.unit_id or None) if profile else None)
        try:
            report = core.import_into_server(admin, args.owner, owner_password)
        finally:
            admin.close()
    finally:
        core.close()
    if args.json:
        from stodapp.cli.common import print_json

        print_json(report.as_dict())
    else:
        on = report.on_server
        print(_("Importerat till {server}: {cases} ärenden, {persons} personer, {assignments} tilldelningar, "
                "{notes} journalanteckningar, {assessments} bedömningar och {plans} versioner av säkerhetsplaner "
                "finns nu där från denna databas ({new} nya poster i denna körning).")
              .format(server=address.display(), cases=on.cases, persons=on.persons, assignments=on.assignments,
                      notes=on.notes, assessments=on.assessments, plans=on.safety_plans,
                      new=sum(report.written.as_tuple())))
    return 0


def run_profile_save(args: argparse.Namespace) -> int:
    from stodapp.server.connect import check_url
    from stodapp.server.profile_names import profiles_path
    from stodapp.server.profiles import Profile, check_name, save
    from stodapp.server.session import ServerSession

    check_name(args.name)
    check_url(args.url)
    secret = read_secret(args.passphrase_file, f"Lösenfras för {args.user}: ")
    session = ServerSession.sign_in(args.url, args.user, secret)  # proves the URL and the sign-in, learns the unit
    try:
        unit_id = session.store.unit_id
    finally:
        session.close()
    save(profiles_path(), args.name, Profile(url=args.url, user=args.user, unit_id=unit_id))
    print(f"Profilen {args.name} är sparad: --server {args.name}")
    return 0


def run_profile_list(args: argparse.Namespace) -> int:
    from stodapp.cli.common import print_json
    from stodapp.server.connect import check_url
    from stodapp.server.profile_names import profiles_path
    from stodapp.server.profiles import load

    profiles = load(profiles_path())
    if args.json:
        print_json({k: v.model_dump() for k, v in profiles.items()})
    else:
        for name, p in sorted(profiles.items()):
            print(f"{name}\t{check_url(p.url).display()}\t{p.user}")
    return 0
