"""The ratings file: one trainee's (or the reference's) answers and judgements on one vignette, as JSON.

Format (format_version 1), written by the app on export and readable by hand::

    {
      "format": "stodapp-training-ratings",
      "format_version": 1,
      "trainee": "deltagare-3",              # pseudonymous id; "referens" in a reference file
      "role": "trainee",                      # "trainee" | "reference"
      "vignette": "hrv-flicka-resa",          # vignette id
      "completed_at": "2026-01-15T10:42:00+00:00",   # optional
      "checklists": [
        {
          "id": "se.stodapp.farlighet",       # checklist id ...
          "version": "1.0.0",                 # ... and the exact version that was run
          "answers": {"hot_doda": "ja",                         # choice item -> option code
                      "kontroll": {"nu": "J", "tidigare": "?"},  # faceted item -> facet -> code
                      "skadad": null},                           # null = left unanswered
          "judgements": {"samlad_risk": "hog"},
          "rationale": {"hot_doda": "…"}      # reference files only: why the author chose this answer
        }
      ]
    }

Bad input is refused with one line: not JSON, wrong format marker, no checklists or no answers at all
("empty ratings file"), duplicate checklist entries. Comparing files (same vignette, same checklist
versions, no file twice) is done in agreement_io.py.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from stodapp.errors import UserInputError
from stodapp.i18n import _

FORMAT = "stodapp-training-ratings"
MAX_BYTES = 2 * 1024 * 1024

AnswerValue = str | None | dict[str, str | None]
Ident = Annotated[str, Field(min_length=1, max_length=120)]


class ChecklistRatings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Ident
    version: Ident
    answers: dict[str, AnswerValue] = {}
    judgements: dict[str, str | None] = {}
    rationale: dict[str, str] = {}

    def flat_answers(self) -> dict[tuple[str, str | None], str | None]:
        """(item, facet) -> code; facet None for an item without facets."""
        out: dict[tuple[str, str | None], str | None] = {}
        for item, value in self.answers.items():
            if isinstance(value, dict):
                for facet, code in value.items():
                    out[(item, facet)] = code
            else:
                out[(item, None)] = value
        return out

    def answered_count(self) -> int:
        return sum(1 for v in self.flat_answers().values() if v is not None) + sum(
            1 for v in self.judgements.values() if v is not None
        )


class RatingsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["stodapp-training-ratings"]
    format_version: Literal[1]
    trainee: Ident
    role: Literal["trainee", "reference"] = "trainee"
    vignette: Ident
    completed_at: datetime | None = None
    checklists: list[ChecklistRatings]

    def checklist(self, checklist_id: str) -> ChecklistRatings | None:
        return next((c for c in self.checklists if c.id == checklist_id), None)


class LoadedRatings(BaseModel):
    """A parsed ratings file with its origin: display name and SHA-256 of the bytes (import dedup)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    digest: str
    ratings: RatingsFile


def parse_ratings(raw: bytes, name: str) -> LoadedRatings:
    """Parse and check one ratings file; raise UserInputError with a one-line message naming `name`."""
    if len(raw) > MAX_BYTES:
        raise UserInputError(_("{name}: filen är för stor").format(name=name))
    if not raw.strip():
        raise UserInputError(_("{name}: bedömningsfilen är tom").format(name=name))
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise UserInputError(_("{name}: inte en JSON-fil i UTF-8").format(name=name)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserInputError(_("{name}: inte en bedömningsfil (format saknas eller fel)").format(name=name))
    try:
        ratings = RatingsFile.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(fil)"
        raise UserInputError(_("{name}: {field}: {msg}").format(name=name, field=where, msg=first["msg"])) from None
    if not ratings.checklists or all(c.answered_count() == 0 for c in ratings.checklists):
        raise UserInputError(_("{name}: bedömningsfilen är tom (inga svar)").format(name=name))
    ids = [c.id for c in ratings.checklists]
    if len(set(ids)) != len(ids):
        raise UserInputError(_("{name}: samma checklista förekommer två gånger").format(name=name))
    return LoadedRatings(name=name, digest=hashlib.sha256(raw).hexdigest(), ratings=ratings)


def read_ratings(path: Path) -> LoadedRatings:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UserInputError(
            _("{name}: kan inte läsas ({why})").format(name=path.name, why=err.strerror or type(err).__name__)
        ) from None
    return parse_ratings(raw, path.name)


def dump_ratings(ratings: RatingsFile) -> bytes:
    """Canonical JSON bytes of a ratings file (UTF-8, sorted keys, trailing newline)."""
    data = ratings.model_dump(mode="json", exclude_none=False)
    if data.get("completed_at") is None:
        data.pop("completed_at", None)
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
