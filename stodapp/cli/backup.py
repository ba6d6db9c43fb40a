"""`stodapp backup create|verify|restore|schedule|rotate`: encrypted backups (administrator)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from stodapp.cli.common import add_store_args, data_dir, open_core, print_json, read_secret
from stodapp.i18n import _


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="encrypted backups: create, verify, restore, schedule, rotate")
    bsub = p.add_subparsers(dest="backup_command", metavar="ACTION", required=True)

    c = bsub.add_parser("create", help="make an encrypted, verified backup in a new or empty folder")
    add_store_args(c)
    _secret_args(c)
    c.add_argument("--out", required=True, help="new or empty folder for the backup")
    c.add_argument("--json", action="store_true")
    c.set_defaults(func=run_create)

    v = bsub.add_parser("verify", help="check a backup: key, integrity, row counts, audit chain")
    v.add_argument("dir", help="the backup folder")
    _secret_args(v)
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=run_verify)

    r = bsub.add_parser("restore", help="verify, then restore into a NEW empty data dir (--data-dir)")
    r.add_argument("dir", help="the backup folder")
    add_store_args(r)  # --data-dir: the new folder; --user: the restoring administrator; --passphrase-file: new
    _secret_args(r)
    r.set_defaults(func=run_restore)

    s = bsub.add_parser("schedule", help="the daily job: one backup per day into --root, then rotation")
    add_store_args(s)
    _secret_args(s)
    s.add_argument("--root", required=True, help="folder that holds the dated backup folders")
    s.add_argument("--keep", type=int, default=7, help="number of backups to keep (default 7)")
    s.add_argument("--max-age-days", type=int, default=90, help="expire backups older than this (default 90)")
    s.set_defaults(func=run_schedule)

    o = bsub.add_parser("rotate", help="remove old backups in --root beyond --keep / --max-age-days")
    o.add_argument("--root", required=True)
    o.add_argument("--keep", type=int, required=True)
    o.add_argument("--max-age-days", type=int)
    o.set_defaults(func=run_rotate)


def _secret_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--backup-passphrase-file", help="file with the backup passphrase (or recovery key), first line")
    p.add_argument("--recovery-key", action="store_true",
                   help="the backup secret is the store's recovery key instead of a separate passphrase")


def _backup_secret(args: argparse.Namespace, confirm: bool = False) -> str:
    prompt = "Återställningsnyckel: " if getattr(args, "recovery_key", False) else "Lösenfras för säkerhetskopian: "
    return read_secret(args.backup_passphrase_file, prompt, confirm=confirm)


def run_create(args: argparse.Namespace) -> int:
    from stodapp.backup import create_backup

    secret = _backup_secret(args, confirm=True)
    core = open_core(args)
    try:
        manifest = create_backup(core, Path(args.out), secret,
                                 secret_kind="recovery" if args.recovery_key else "passphrase")
    finally:
        core.close()
    if args.json:
        print_json(manifest.model_dump(mode="json", exclude={"wrapped_dek", "key_check", "mac", "salt"}))
    else:
        print(f"Säkerhetskopia {manifest.backup_id} skapad och kontrollerad i {args.out} "
              f"({sum(manifest.row_counts.values())} rader, granskningslogg {manifest.audit_count} rader).")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    from stodapp.backup import verify_backup

    report = verify_backup(Path(args.dir), _backup_secret(args))
    if args.json:
        print_json(report.model_dump(mode="json"))
    else:
        print(f"Säkerhetskopian {report.backup_id} från {report.created_at} är hel: {report.tables} tabeller, "
              f"{report.rows} rader, granskningskedjan obruten ({report.audit_count} rader).")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from stodapp.cli.common import remember_default_user
    from stodapp.core import Core

    if not args.data_dir:
        from stodapp.errors import UserInputError

        raise UserInputError(_("ange --data-dir: en ny, tom mapp att återställa till"))
    target = data_dir(args)
    user = args.user or "admin"
    secret = _backup_secret(args)
    new = read_secret(args.passphrase_file, f"Ny lösenfras för {user}: ", confirm=True)
    core, recovery = Core.restore_and_open(Path(args.dir), secret, target, user, new)
    core.close()
    remember_default_user(target, user)
    print(f"Återställd till {target}. Bara {user} kan logga in; ge övriga användare nya lösenfraser "
          "(stodapp users passwd NAMN).")
    print("Ny återställningsnyckel (visas EN gång, skriv ut och förvara förseglad):")
    print(recovery)
    return 0


def run_schedule(args: argparse.Namespace) -> int:
    from stodapp.backup import scheduled_backup

    secret = _backup_secret(args)
    core = open_core(args)
    try:
        manifest = scheduled_backup(core, Path(args.root), secret, keep=args.keep, max_age_days=args.max_age_days,
                                    secret_kind="recovery" if args.recovery_key else "passphrase")
    finally:
        core.close()
    print("Dagens säkerhetskopia finns redan." if manifest is None
          else f"Säkerhetskopia {manifest.backup_id} skapad i {args.root}.")
    return 0


def run_rotate(args: argparse.Namespace) -> int:
    from stodapp.backup import rotate

    removed = rotate(Path(args.root), args.keep, max_age_days=args.max_age_days)
    print(f"{len(removed)} gamla säkerhetskopior borttagna.")
    return 0
