"""Saved server profiles: a name for a unit's server URL, the user who signs in there and the unit it must be.

`--server NAME` on a store command opens the profile's URL and refuses a database of another unit (the unit id is
recorded when the profile is saved). The file holds no secret — no password, no passphrase, no key — and is
written 0600 in the user data dir (`server-profiles.json`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from stodapp.errors import UserInputError
from stodapp.i18n import _
from stodapp.server.connect import check_url

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    user: str
    unit_id: str = ""  # "" = not yet known (saved before the first sign-in)


def load(path: Path) -> dict[str, Profile]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as err:
        raise UserInputError(_("kan inte läsa serverprofilerna: {strerror}").format(strerror=err.strerror)) from None
    try:
        data = json.loads(raw)
        return {str(k): Profile.model_validate(v) for k, v in dict(data).items()}
    except (ValueError, TypeError, ValidationError):
        raise UserInputError(_("serverprofilfilen {path} är skadad; ta bort den och spara profilerna igen").format(
            path=path)) from None


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise UserInputError(_("ogiltigt profilnamn: 1–40 tecken, små bokstäver a–z, siffror, - och _"))
    return name


def save(path: Path, name: str, profile: Profile) -> None:
    from stodapp.store.files import write_private

    check_name(name)
    check_url(profile.url)
    profiles = load(path)
    profiles[name] = profile
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    body = json.dumps({k: v.model_dump() for k, v in sorted(profiles.items())}, ensure_ascii=False, indent=2)
    write_private(path, (body + "\n").encode("utf-8"))


def resolve(value: str, path: Path) -> tuple[str, Profile | None]:
    """`--server` value -> (URL, the profile it names or None for a plain URL)."""
    if "://" in value:
        check_url(value)
        return value, None
    profile = load(path).get(check_name(value))
    if profile is None:
        raise UserInputError(
            _("ingen serverprofil heter {name}: spara den med `stodapp server profile save` eller ange en URL").format(
                name=value)
        )
    return profile.url, profile
