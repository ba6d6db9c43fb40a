"""The referral data model: a resource, its channels and the geography it serves, and the national file (pydantic).

A channel's weekly hours are `stodapp.referrals.opening_hours`; where the facts come from is
`stodapp.referrals.provenance`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from stodapp.localized_text import LocalizedText
from stodapp.referrals.codes import (
    CHANNEL_KINDS,
    PHONE_CHANNELS,
    TARGET_GROUPS,
    is_language,
    normalise_phone,
)
from stodapp.referrals.opening_hours import OpeningHours
from stodapp.referrals.provenance import Provenance, check_source, is_web_source

Gender = Literal["women", "men"]
#: A need the person must state before an entry built around it is suggested (see referrals/audience.py).
Need = Literal["sign_language"]

_ID = re.compile(r"[a-z0-9][a-z0-9_\-]{1,63}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}")
_WEB = re.compile(r"(https?://)?[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+(/\S*)?")
UNCERTAIN_FIELDS = frozenset(
    {"name", "organisation", "description", "languages", "target_groups", "age", "geography", "anonymous"}
)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Channel(_Frozen):
    """One way to reach a resource: its contact, hours and safety facts."""

    kind: str
    contact: str | None = None
    label: str = ""
    hours: OpeningHours | None = None  # None = hours unknown ("okänt")
    languages: tuple[str, ...] = ()
    shows_on_phone_bill: bool | None = None
    anonymous: bool | None = None
    uncertain: bool = False  # the contact was read from OCR and is not certain
    raw_ocr: str | None = None
    source: str | None = None  # where the contact is printed: "seed.txt:line" or a public https:// page
    checked: date | None = None  # when the contact (and hours) were last checked against `source`
    bill_source: str | None = None  # where `shows_on_phone_bill` is stated (seed line or https:// page)
    bill_checked: date | None = None
    note: str = ""

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str) -> str:
        if v not in CHANNEL_KINDS:
            raise ValueError(f"okänd kanal '{v}' (tillåtna: {', '.join(CHANNEL_KINDS)})")
        return v

    @field_validator("languages")
    @classmethod
    def _langs(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return _check_languages(v)

    @field_validator("source", "bill_source")
    @classmethod
    def _source(cls, v: str | None) -> str | None:
        return None if v is None else check_source(v)

    @model_validator(mode="after")
    def _contact(self) -> Channel:
        if self.source and is_web_source(self.source) and self.checked is None:
            raise ValueError("en webbkälla kräver datum för kontrollen (checked)")
        if self.bill_source is not None and self.shows_on_phone_bill is None:
            raise ValueError("bill_source utan uppgift om telefonräkningen")
        if self.bill_source and is_web_source(self.bill_source) and self.bill_checked is None:
            raise ValueError("en webbkälla kräver datum för kontrollen (bill_checked)")
        c = self.contact
        if c is None:
            return self
        if self.kind in PHONE_CHANNELS and normalise_phone(c) is None:
            raise ValueError(f"'{c}' är inte ett svenskt telefonnummer")
        if self.kind == "email" and not _EMAIL.fullmatch(c):
            raise ValueError(f"'{c}' är ingen e-postadress")
        if self.kind in ("web", "chat", "eservice") and not _WEB.fullmatch(c):
            raise ValueError(f"'{c}' är ingen webbadress")
        return self


class Geography(_Frozen):
    """Where a resource serves: the whole country, listed counties (län) or municipalities (kommunkod)."""

    level: Literal["national", "county", "municipality"]
    counties: tuple[str, ...] = ()
    municipalities: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Geography:
        from stodapp.municipalities import counties, is_known

        if self.level == "national" and (self.counties or self.municipalities):
            raise ValueError("nationell resurs ska inte ha län eller kommuner")
        if self.level == "county" and not self.counties:
            raise ValueError("ange minst en länskod")
        if self.level == "municipality" and not self.municipalities:
            raise ValueError("ange minst en kommunkod")
        known_counties = {code for code, _name in counties()}
        for code in self.counties:
            if code not in known_counties:
                raise ValueError(f"okänd länskod '{code}'")
        for code in self.municipalities:
            if not (len(code) == 4 and is_known(code)):
                raise ValueError(f"okänd kommunkod '{code}'")
        return self


class Resource(_Frozen):
    """An organisation or service a person can be referred to."""

    id: str
    name: str = Field(min_length=1)
    organisation: str = ""
    description: LocalizedText  # Swedish, optional easy Swedish (sv_easy) and English
    channels: tuple[Channel, ...] = Field(min_length=1)
    languages: tuple[str, ...] = ()
    interpreter_available: bool | None = None
    easy_swedish_material: bool | None = None
    target_groups: tuple[str, ...] = Field(min_length=1)
    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    # Only these genders, where the entry says so ("för killar", "kvinno- och tjejjour"); empty = not limited.
    genders: tuple[Gender, ...] = ()
    # The entry speaks to young people ("tjejer", "killar", "unga") without stating an age limit.
    youth_only: bool = False
    # Only for a person who states one of these needs (a shelter run in sign language); empty = anyone.
    only_for_needs: tuple[Need, ...] = ()
    client_facing: bool = True
    anonymous: bool | None = None
    geography: Geography
    status: Literal["active", "temporarily_closed", "ended"] = "active"
    status_note: str = ""
    phone_not_in_sources: bool = False
    uncertain_fields: tuple[str, ...] = ()
    slot: str | None = None  # local template slot, e.g. "socialjour"
    notes: str = ""
    provenance: Provenance

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not _ID.fullmatch(v):
            raise ValueError(f"ogiltigt id '{v}' (a–z, 0–9, _ och -, 2–64 tecken)")
        return v

    @field_validator("languages")
    @classmethod
    def _langs(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return _check_languages(v)

    @field_validator("target_groups")
    @classmethod
    def _groups(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for g in v:
            if g not in TARGET_GROUPS:
                raise ValueError(f"okänd målgrupp '{g}' (tillåtna: {', '.join(TARGET_GROUPS)})")
        if len(set(v)) != len(v):
            raise ValueError("samma målgrupp står två gånger")
        return v

    @field_validator("uncertain_fields")
    @classmethod
    def _uncertain(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        for f in v:
            if f not in UNCERTAIN_FIELDS:
                raise ValueError(f"okänt fält '{f}' i uncertain_fields")
        return v

    @model_validator(mode="after")
    def _check(self) -> Resource:
        if self.age_min is not None and self.age_max is not None and self.age_min > self.age_max:
            raise ValueError("age_min är större än age_max")
        if self.phone_not_in_sources and any(c.kind == "phone" and c.contact for c in self.channels):
            raise ValueError("phone_not_in_sources men ett telefonnummer är angivet")
        if len(set(self.genders)) != len(self.genders):
            raise ValueError("samma kön står två gånger i genders")
        if len(set(self.only_for_needs)) != len(self.only_for_needs):
            raise ValueError("samma behov står två gånger i only_for_needs")
        if self.provenance.kind != "local":
            self._check_sourced_facts()
        return self

    def _check_sourced_facts(self) -> None:
        """Shipped data: every number and every phone-bill fact says where it comes from (and when it was checked)."""
        for i, c in enumerate(self.channels):
            if c.kind in PHONE_CHANNELS and c.contact and not c.source:
                raise ValueError(f"kanal {i + 1} ({c.kind}): telefonnumret saknar källa (source)")
            if c.shows_on_phone_bill is not None and not c.bill_source:
                raise ValueError(f"kanal {i + 1} ({c.kind}): uppgiften om telefonräkningen saknar källa (bill_source)")
            if self.provenance.last_checked is not None and c.checked and c.checked > self.provenance.last_checked:
                raise ValueError(f"kanal {i + 1} ({c.kind}): checked ligger efter provenance.last_checked")

    @property
    def phone_bill_warning(self) -> bool:
        """True when a channel is known to show on the phone bill."""
        return any(c.shows_on_phone_bill for c in self.channels)

    @property
    def phone_bill_channels(self) -> tuple[str, ...]:
        """Kinds of the channels known to show on the phone bill (e.g. the text relay)."""
        return tuple(c.kind for c in self.channels if c.shows_on_phone_bill)

    @property
    def channel_kinds(self) -> frozenset[str]:
        return frozenset(c.kind for c in self.channels)

    def all_languages(self) -> frozenset[str]:
        return frozenset(self.languages).union(*(c.languages for c in self.channels))


def _check_languages(v: tuple[str, ...]) -> tuple[str, ...]:
    for code in v:
        if not is_language(code):
            raise ValueError(f"okänd språkkod '{code}' (ISO 639, t.ex. sv, en, ar, swl)")
    return v


class ResourceFile(_Frozen):
    """The national directory file (resources/referrals/national.yaml)."""

    format: Literal["stodapp-referrals"]
    format_version: int = Field(ge=1)
    data_date: date
    resources: tuple[Resource, ...]

    @model_validator(mode="after")
    def _unique(self) -> ResourceFile:
        check_unique_ids(self.resources)
        return self


def check_unique_ids(resources: tuple[Resource, ...]) -> None:
    seen: set[str] = set()
    for r in resources:
        if r.id in seen:
            raise ValueError(f"id '{r.id}' förekommer två gånger")
        seen.add(r.id)
