"""The municipality's own entries (socialtjänst, socialjour, shelters, neighbours, logo) as a shareable file.

Import is all-or-nothing: the whole file is validated (format version, every field, ids unique and not
clashing with the national list) before anything is returned; the caller stores the result in one transaction.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from pathlib import Path
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from stodapp.calendar_se import local_today
from stodapp.errors import ValidationFailed
from stodapp.i18n import N_, _
from stodapp.referrals.loader import read_document, validate_as
from stodapp.referrals.schema import Resource, check_unique_ids

FORMAT: Final = "stodapp-referrals-local"
FORMAT_VERSION = 1
MAX_LOGO_BYTES = 512_000

SLOTS: dict[str, str] = {
    "socialtjanst": N_("Socialtjänsten"),
    "socialjour": N_("Socialjouren"),
    "kvinnojour": N_("Kvinnojour"),
    "tjejjour": N_("Tjejjour"),
    "mansjour": N_("Mansjour"),
    "ungdomsjour": N_("Ungdomsjour"),
    "valdsutovare": N_("Stöd för den som utövar våld"),
    "grannkommun": N_("Grannkommunens tjänst"),
    "annan": N_("Annan lokal resurs"),
}
# What the first run asks the administrator to fill in.
REQUIRED_SLOTS = ("socialtjanst", "socialjour")


class Logo(BaseModel):
    """The municipality logo for handouts: PNG or JPEG, base64 in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    media_type: Literal["image/png", "image/jpeg"]
    data_base64: str

    @model_validator(mode="after")
    def _check(self) -> Logo:
        raw = self.raw()
        if len(raw) > MAX_LOGO_BYTES:
            raise ValueError(f"logotypen är för stor ({len(raw)} byte, högst {MAX_LOGO_BYTES})")
        is_png = raw.startswith(b"\x89PNG\r\n\x1a\n")
        is_jpeg = raw.startswith(b"\xff\xd8\xff")
        if (self.media_type == "image/png" and not is_png) or (
            self.media_type == "image/jpeg" and not is_jpeg
        ):
            raise ValueError(f"logotypen är inte en giltig {self.media_type}")
        return self

    def raw(self) -> bytes:
        try:
            return base64.b64decode(self.data_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("logotypen är inte giltig base64") from None

    @classmethod
    def from_file(cls, path: Path) -> Logo:
        raw = path.read_bytes()
        media = "image/png" if path.suffix.lower() == ".png" else "image/jpeg"  # checked by the validator
        return cls.model_validate({"media_type": media, "data_base64": base64.b64encode(raw).decode("ascii")})


class LocalEntries(BaseModel):
    """A municipality's local entries file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["stodapp-referrals-local"] = FORMAT
    format_version: int = Field(default=FORMAT_VERSION, ge=1)
    municipality: str
    exported_at: date | None = None
    logo: Logo | None = None
    resources: tuple[Resource, ...] = ()

    @field_validator("municipality")
    @classmethod
    def _municipality(cls, v: str) -> str:
        from stodapp.municipalities import is_known

        if not (len(v) == 4 and is_known(v)):
            raise ValueError(f"okänd kommunkod '{v}'")
        return v

    @model_validator(mode="after")
    def _check(self) -> LocalEntries:
        if self.format_version > FORMAT_VERSION:
            raise ValueError(f"formatversion {self.format_version} är nyare än {FORMAT_VERSION}")
        check_unique_ids(self.resources)
        for r in self.resources:
            if r.provenance.kind != "local":
                raise ValueError(f"'{r.id}': lokala poster ska ha provenance.kind: local")
            if r.slot is not None and r.slot not in SLOTS:
                raise ValueError(f"'{r.id}': okänd plats '{r.slot}' (tillåtna: {', '.join(SLOTS)})")
        return self


def load_local(path: Path, national_ids: frozenset[str] = frozenset()) -> LocalEntries:
    """Validate a local-entries file completely; raises ValidationFailed on any problem (all or nothing)."""
    data, node = read_document(path)
    if data.get("format") != FORMAT:
        raise ValidationFailed(
            _("{name}: inte en fil med lokala poster (format ska vara {fmt})").format(
                name=path.name, fmt=FORMAT
            )
        )
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValidationFailed(
            _("{name}: format_version saknas eller är inget heltal").format(name=path.name)
        )
    if version > FORMAT_VERSION:
        raise ValidationFailed(
            _(
                "{name}: formatversion {v} är nyare än denna version av stodapp kan läsa ({s}); "
                "uppdatera stodapp. Inget importerades."
            ).format(name=path.name, v=version, s=FORMAT_VERSION)
        )
    entries = validate_as(LocalEntries, data, node, path.name)
    clash = sorted({r.id for r in entries.resources} & national_ids)
    if clash:
        raise ValidationFailed(
            _("{name}: id som redan finns i den nationella katalogen: {ids}").format(
                name=path.name, ids=", ".join(clash[:5])
            )
        )
    return entries


def dump_local(entries: LocalEntries, today: date | None = None) -> bytes:
    """The export file (YAML, UTF-8) other municipalities can import."""
    import yaml

    data = entries.model_copy(update={"exported_at": today or local_today()}).model_dump(
        mode="json", exclude_none=True, exclude_defaults=False
    )
    text = "# stodapp: lokala poster i referenskatalogen (kan delas med grannkommuner)\n"
    text += str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120))
    return text.encode("utf-8")


def missing_slots(entries: LocalEntries | None) -> list[str]:
    """Required template slots that no local entry fills yet (plus 'logo' when there is none)."""
    filled = {r.slot for r in entries.resources} if entries else set()
    missing = [s for s in REQUIRED_SLOTS if s not in filled]
    if entries is None or entries.logo is None:
        missing.append("logo")
    return missing
