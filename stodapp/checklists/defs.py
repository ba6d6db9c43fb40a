"""The definitions a store can use: shipped files plus imported packs, and the registry that pins them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from stodapp.checklists.digest import definition_digest
from stodapp.checklists.loader import FolderResult, load_folder
from stodapp.checklists.packs import missing_training
from stodapp.checklists.render_pdf import provenance_line
from stodapp.checklists.schema import ChecklistDefinition
from stodapp.checklists.store_views import BrokenDefinition, DefinitionList, DefinitionSummary
from stodapp.checklists.tables import DefinitionRegistryRow
from stodapp.errors import NotFound, UserInputError
from stodapp.i18n import _
from stodapp.service import ServiceContext

Source = Literal["shipped", "pack"]


_FOLDER_CACHE: dict[Path, tuple[tuple[tuple[str, int, int], ...], FolderResult]] = {}


def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    from stodapp.checklists.loader import definition_files

    out = []
    for path in definition_files(folder):
        try:
            st = path.stat()
        except OSError:
            continue
        out.append((path.name, st.st_mtime_ns, st.st_size))
    return tuple(out)


def load_folder_cached(folder: Path) -> FolderResult:
    """load_folder, reused while no file in the folder changed (name, mtime, size): parsing takes seconds."""
    stamp = _stamp(folder)
    hit = _FOLDER_CACHE.get(folder)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    result = load_folder(folder)
    _FOLDER_CACHE[folder] = (stamp, result)
    return result


def semver_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return (-1,)


class DefinitionCatalog:
    """Shipped folder (read once, cached) + pack rows from the registry; no access checks (the service does)."""

    def __init__(self, ctx: ServiceContext, folder: Path | None = None) -> None:
        from stodapp.paths import checklist_dir

        self._ctx = ctx
        self._folder = folder if folder is not None else checklist_dir()
        self._shipped: FolderResult | None = None

    def reload(self) -> None:
        self._shipped = None

    def shipped(self) -> FolderResult:
        if self._shipped is None:
            self._shipped = load_folder_cached(self._folder)
        return self._shipped

    def shipped_by_key(self, definition_id: str, version: str) -> ChecklistDefinition | None:
        for entry in self.shipped().loaded:
            if entry.definition.id == definition_id and entry.definition.version == version:
                return entry.definition
        return None

    def source_of(self, definition: ChecklistDefinition) -> Source:
        shipped = self.shipped_by_key(definition.id, definition.version)
        return "shipped" if shipped is not None and shipped == definition else "pack"

    @staticmethod
    def _packs(s: Session) -> tuple[list[ChecklistDefinition], list[BrokenDefinition]]:
        ok: list[ChecklistDefinition] = []
        broken: list[BrokenDefinition] = []
        rows = s.scalars(select(DefinitionRegistryRow).where(DefinitionRegistryRow.source == "pack")).all()
        for row in rows:
            try:
                ok.append(ChecklistDefinition.model_validate(json.loads(row.definition_json)))
            except (ValueError, ValidationError):
                where = f"pack:{row.definition_id} {row.version}"
                broken.append(BrokenDefinition(source=where, summary=_("{source}: kan inte läsas").format(
                    source=where), errors=(f"{where}: " + _("lagrad definition är skadad"),)))
        return ok, broken

    def _changed(self, s: Session, definition: ChecklistDefinition) -> str | None:
        """An error line if a published definition registered under this id+version had other content."""
        row = s.scalar(select(DefinitionRegistryRow).where(
            DefinitionRegistryRow.definition_id == definition.id, DefinitionRegistryRow.version == definition.version))
        if row is None or row.status != "published" or row.digest == definition_digest(definition):
            return None
        if definition_digest(definition.model_copy(update={"status": row.status})) == row.digest:
            return None  # only retired since: same content
        return _(
            "{id} {version} är redan registrerad med annat innehåll; en publicerad version ändras aldrig "
            "(ge den ändrade filen ett nytt versionsnummer)"
        ).format(id=definition.id, version=definition.version)

    def listing(self, s: Session, completed: set[str]) -> DefinitionList:
        shipped = self.shipped()
        broken = [BrokenDefinition(source=str(b.path), summary=b.summary, errors=b.errors) for b in shipped.broken]
        entries: list[tuple[ChecklistDefinition, Source, str]] = []
        for entry in shipped.loaded:
            problem = self._changed(s, entry.definition)
            if problem is not None:
                broken.append(BrokenDefinition(source=str(entry.path), summary=f"{entry.path}: {problem}",
                                               errors=(f"{entry.path}:1: version: {problem}",)))
            else:
                entries.append((entry.definition, "shipped", str(entry.path)))
        packs, bad = self._packs(s)
        broken += bad
        entries += [(d, "pack", "") for d in packs]
        out = [
            DefinitionSummary(
                definition_id=d.id, version=d.version, status=d.status, audience=d.audience,
                title=d.title, source=src, digest=definition_digest(d),
                copyright_line=provenance_line(d), requires_training=tuple(d.provenance.requires_training),
                missing_training=tuple(missing_training(d, completed)), path=path,
            )
            for d, src, path in entries
        ]
        out.sort(key=lambda x: (x.path or "~", x.definition_id, semver_key(x.version)))
        return DefinitionList(definitions=tuple(out), broken=tuple(broken))

    def find(self, s: Session, definition_id: str, version: str | None) -> tuple[ChecklistDefinition, Source]:
        """The definition by id (newest non-retired version when `version` is None)."""
        candidates: list[tuple[ChecklistDefinition, Source]] = [
            (e.definition, "shipped") for e in self.shipped().loaded if e.definition.id == definition_id
        ]
        candidates += [(d, "pack") for d in self._packs(s)[0] if d.id == definition_id]
        if version is not None:
            candidates = [c for c in candidates if c[0].version == version]
        elif any(c[0].status != "retired" for c in candidates):
            candidates = [c for c in candidates if c[0].status != "retired"]
        if not candidates:
            raise NotFound(_("Checklistan {id} finns inte.").format(id=str(definition_id)[:120]))
        return max(candidates, key=lambda c: semver_key(c[0].version))

    def register(self, s: Session, definition: ChecklistDefinition, source: Source) -> None:
        """Pin id+version to this content; refuses a changed published definition (drafts may change)."""
        problem = self._changed(s, definition)
        if problem is not None:
            raise UserInputError(problem)
        digest = definition_digest(definition)
        row = s.scalar(select(DefinitionRegistryRow).where(
            DefinitionRegistryRow.definition_id == definition.id, DefinitionRegistryRow.version == definition.version))
        if row is not None and row.digest == digest:
            return
        if row is not None and row.status == "published":
            return  # retired since, content unchanged (checked above)
        payload = json.dumps(definition.model_dump(mode="json", by_alias=True), ensure_ascii=False)
        if row is None:
            s.add(DefinitionRegistryRow(
                definition_id=definition.id, version=definition.version, status=definition.status, digest=digest,
                source=source, copyright_line=provenance_line(definition)[:600], definition_json=payload,
                registered_at=self._ctx.clock.now()))
        else:
            row.status, row.digest, row.definition_json = definition.status, digest, payload
            row.copyright_line = provenance_line(definition)[:600]
        s.flush()
