"""The separate training store: its own encrypted file in <case data dir>/training/, opened by a trainer.

Decisions (issue 8 was silent on how a trainer reaches it):
- Location: the sub-folder `training/` of the case store's data dir, so a demo store's training store is
  deleted with the demo's temp dir and an installation has one obvious place. It is a complete store of
  its own (own key slots, own data key, own audit chain, store kind "training"); nothing links the two.
- Accounts: the trainer signs in with their own user name and a passphrase of their own choosing for the
  training store (it may differ from the case-store passphrase; nothing is copied between the stores).
  Creating the store makes an administrator `ovningsadmin` (needed to add colleague trainers with
  `stodapp users add --data-dir <dir>/training`) with the same passphrase, and the trainer as `utbildare`.
  The recovery key is returned once, like for a case store.
- A store in that folder that is not a training store is refused, never opened as one.
"""

from __future__ import annotations

from pathlib import Path

from stodapp.auth import Role
from stodapp.clock import Clock
from stodapp.core import Core
from stodapp.errors import StoreError, UserInputError
from stodapp.i18n import _
from stodapp.store import keyslots as ks
from stodapp.users import check_username

SUBDIR = "training"
ADMIN_NAME = "ovningsadmin"
KIND = "training"


def training_dir(case_data_dir: Path) -> Path:
    """Where the training store of the installation with `case_data_dir` lives."""
    return Path(case_data_dir) / SUBDIR


def training_store_exists(case_data_dir: Path) -> bool:
    return Core.store_exists(training_dir(case_data_dir))


def _checked(core: Core) -> Core:
    if core.store_kind != KIND:
        core.lock()
        raise StoreError(_("Databasen i övningsmappen är ingen övningsdatabas; den öppnas inte."))
    return core


def create_training_store(case_data_dir: Path, username: str, passphrase: str, *, display_name: str = "",
                          clock: Clock | None = None, kdf: ks.KdfParams | None = None) -> tuple[Core, str]:
    """Create the training store with `username` as trainer; returns (the trainer's Core, recovery key)."""
    username = check_username(username)
    if username == ADMIN_NAME:
        raise UserInputError(_("Användarnamnet {name} är reserverat i övningsdatabasen.").format(name=ADMIN_NAME))
    folder = training_dir(case_data_dir)
    admin, recovery = Core.initialize(folder, ADMIN_NAME, passphrase, clock=clock, kdf=kdf, store_kind=KIND,
                                      display_name=_("Administratör för övningsdatabasen"))
    try:
        admin.users.add(username, Role.TRAINER, passphrase, display_name=display_name)
    finally:
        admin.close()
    return open_training_store(case_data_dir, username, passphrase, clock=clock), recovery


def open_training_store(case_data_dir: Path, username: str, passphrase: str, *,
                        clock: Clock | None = None) -> Core:
    """Sign in to the existing training store (StoreMissing when there is none, AuthError on a wrong pair)."""
    return _checked(Core.unlock(training_dir(case_data_dir), username, passphrase, clock=clock))
