"""Content packs: a licensed definition a municipality loads locally, validated with the same models."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from stodapp.checklists.digest import definition_digest
from stodapp.checklists.render_pdf import provenance_line
from stodapp.checklists.schema import ChecklistDefinition
from stodapp.checklists.validate import load_definition_file
from stodapp.errors import UserInputError, ValidationFailed
from stodapp.i18n import _


class PackInfo(BaseModel):
    """What an import screen shows before the administrator confirms (the store import comes later)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    definition_id: str
    version: str
    digest: str
    licensee: str
    copyright_line: str
    requires_training: tuple[str, ...]


def check_content_pack(path: Path) -> tuple[ChecklistDefinition, PackInfo]:
    """Validate a pack file: a full definition with `provenance.origin: licensed_local`."""
    if Path(path).is_dir():
        raise UserInputError(_("{path} är en mapp, inte en paketfil; ange paketets definitionsfil (.yaml)").format(
            path=path))
    definition = load_definition_file(path)
    p = definition.provenance
    if p.origin != "licensed_local":
        line = f"{path}: provenance.origin: ett innehållspaket ska ha origin: licensed_local"
        raise ValidationFailed(_("{source}: inte ett innehållspaket").format(source=path), [line])
    info = PackInfo(
        definition_id=definition.id,
        version=definition.version,
        digest=definition_digest(definition),
        licensee=p.licensee or "",
        copyright_line=provenance_line(definition),
        requires_training=tuple(p.requires_training),
    )
    return definition, info


def missing_training(definition: ChecklistDefinition, completed: Iterable[str]) -> list[str]:
    """Training ids the definition requires that the user has not completed (empty: may use it)."""
    done = set(completed)
    return [t for t in definition.provenance.requires_training if t not in done]
