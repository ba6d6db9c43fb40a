"""Vignette authoring: trainer-made vignettes kept inside the training store, YAML import and export.

Decisions (issue 8 only says "create or edit in the app (or as a file), import/export"):
- Authored vignettes live in the encrypted training store (table `training_vignettes`, migration 0010) as the
  canonical YAML text, not as loose files: they are encrypted at rest and covered by backups, a save is one
  transaction (nothing half-saved) with an audit row, and a colleague trainer signed in to the same training
  store sees them. The YAML text is re-validated on every read with the same model and checklist cross-checks
  as a shipped file, so a row that no longer matches the checklists is reported, never run.
- Import and export use the shipped file format (YAML), validated with `parse_vignette` + `reference_issues`.
- An id that belongs to a shipped vignette is refused (shipped ones are read-only; copy one under a new id).
  Importing an id that is already authored is refused too (no silent overwrite): edit it in the app instead.
- Every save of an edit bumps the version by one; editing a vignette with an open session is refused, since
  the trainees' run would otherwise no longer match the reference frozen at the session's start.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select

from stodapp.changes import Change
from stodapp.checklists.safe_yaml import YamlRefused, read_text
from stodapp.checklists.schema import ChecklistDefinition
from stodapp.checklists.validate import issue_lines
from stodapp.errors import NotFound, StoreError, UserInputError, ValidationFailed
from stodapp.i18n import _
from stodapp.service import ServiceContext
from stodapp.training.authoring_tables import AuthoredVignetteRow
from stodapp.training.tables import TrainingSessionRow
from stodapp.training.vignettes import Vignette, _pyd_message, parse_vignette, reference_issues

FORM_SOURCE = "formulär"
HEADER = "# Fiktiv fallbeskrivning för övning. Alla namn och händelser är påhittade.\n"


class AuthoredList(BaseModel):
    """The authored vignettes that validate, and one line per stored vignette that no longer does."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    vignettes: tuple[Vignette, ...]
    problems: tuple[str, ...] = ()


# ---- YAML text ---------------------------------------------------------------------------------------------
def dump_vignette(vignette: Vignette) -> str:
    """The vignette as YAML in the shipped file format (loads back to an equal Vignette)."""
    data = vignette.model_dump(mode="json")
    body: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110, default_flow_style=False)
    return HEADER + body


def check_text(text: str, source: str, definitions: Collection[ChecklistDefinition]) -> Vignette:
    """Structure and checklist cross-checks of a YAML text; ValidationFailed lists every problem."""
    vignette, data, node = parse_vignette(text, source)
    problems = reference_issues(vignette, definitions)
    if problems:
        lines = list(dict.fromkeys(issue_lines(source, data, node, problems)))
        raise ValidationFailed(_("{source}: {n} fel").format(source=source, n=len(lines)), lines)
    return vignette


def check_data(data: Mapping[str, Any], definitions: Collection[ChecklistDefinition]) -> Vignette:
    """The editor's form data: the same model and cross-checks; lines read "formulär: field.path: message"."""
    try:
        vignette = Vignette.model_validate(dict(data))
    except ValidationError as err:
        issues = [(e["loc"], _pyd_message(e["type"], e["msg"])) for e in err.errors()]
        lines = list(dict.fromkeys(issue_lines(FORM_SOURCE, dict(data), None, issues)))
        raise ValidationFailed(_("{n} fel i fallbeskrivningen").format(n=len(lines)), lines) from None
    problems = reference_issues(vignette, definitions)
    if problems:
        lines = list(dict.fromkeys(issue_lines(FORM_SOURCE, vignette.model_dump(mode="json"), None, problems)))
        raise ValidationFailed(_("{n} fel i fallbeskrivningen").format(n=len(lines)), lines)
    return vignette


def read_vignette_file(path: Path, definitions: Collection[ChecklistDefinition]) -> Vignette:
    """A vignette file to import: size/encoding limits of the safe reader, then `check_text`."""
    try:
        raw = read_text(path)
    except YamlRefused as err:
        raise ValidationFailed(
            _("{source}: kan inte läsas").format(source=path.name), [f"{path.name}: {err}"]
        ) from None
    return check_text(raw, path.name, definitions)


def export_vignette(vignette: Vignette, path: Path) -> None:
    """Write the vignette as YAML to a path the user chose (shipped or authored)."""
    try:
        path.write_text(dump_vignette(vignette), encoding="utf-8")
    except OSError as err:
        raise UserInputError(
            _("Kunde inte spara {name}: {reason}").format(name=path.name, reason=err.strerror or type(err).__name__)
        ) from None


# ---- the service -------------------------------------------------------------------------------------------
class AuthoringService:
    """Trainer-made vignettes in the training store; trainers only (`training.manage`)."""

    def __init__(self, ctx: ServiceContext, definitions: Mapping[tuple[str, str], ChecklistDefinition],
                 shipped_ids: Collection[str]) -> None:  # fmt: skip
        self._ctx = ctx
        self._definitions = list(definitions.values())
        self._shipped = frozenset(shipped_ids)

    def _guard(self) -> None:
        if self._ctx.store_kind != "training":
            raise StoreError(_("Övningsläget används bara i övningsdatabasen, aldrig i ärendedatabasen."))
        self._ctx.require("training.manage")

    def _refuse_shipped(self, vignette_id: str) -> None:
        if vignette_id in self._shipped:
            raise UserInputError(
                _("Id '{id}' tillhör en medföljande fallbeskrivning; välj ett annat id.").format(id=vignette_id)
            )

    def authored(self) -> AuthoredList:
        """Every authored vignette, re-validated; a stored one that fails (e.g. a checklist removed) is listed."""
        self._guard()
        with self._ctx.session() as s:
            rows = [(r.vignette_id, r.source) for r in s.scalars(select(AuthoredVignetteRow)
                                                                 .order_by(AuthoredVignetteRow.title))]  # fmt: skip
        ok: list[Vignette] = []
        problems: list[str] = []
        for vignette_id, source in rows:
            try:
                ok.append(check_text(source, vignette_id, self._definitions))
            except ValidationFailed as err:
                problems += list(err.lines) or [str(err)]
        return AuthoredList(vignettes=tuple(ok), problems=tuple(problems))

    def create(self, vignette: Vignette) -> Change:
        """A new authored vignette (version 1). Its id must be free among shipped and authored ones."""
        self._guard()
        self._refuse_shipped(vignette.id)
        vignette = check_data(vignette.model_copy(update={"version": 1}).model_dump(mode="json"), self._definitions)
        return self._insert(vignette, "training.vignette.create", "created")

    def update(self, vignette: Vignette) -> Change:
        """Save an edit of an authored vignette; the stored version + 1. Refused while a session on it is open."""
        self._guard()
        self._refuse_shipped(vignette.id)
        with self._ctx.session() as s:
            row = s.get(AuthoredVignetteRow, vignette.id)
            if row is None:
                raise NotFound(_("Fallbeskrivningen '{id}' finns inte bland de egna.").format(id=vignette.id))
            open_session = s.scalar(select(TrainingSessionRow.id).where(
                TrainingSessionRow.vignette_id == vignette.id, TrainingSessionRow.status == "open"))  # fmt: skip
            if open_session is not None:
                raise UserInputError(
                    _("Övningstillfälle {n} på fallbeskrivningen pågår; avsluta det innan du ändrar.").format(
                        n=open_session
                    )
                )
            data = vignette.model_copy(update={"version": row.version + 1}).model_dump(mode="json")
            checked = check_data(data, self._definitions)
            row.version, row.title = checked.version, checked.title.sv[:200]
            row.source = dump_vignette(checked)
            row.updated_at, row.updated_by = self._ctx.clock.now(), self._ctx.principal.user_id
            self._ctx.audit(s, "training.vignette.update", "training_vignette", checked.id)
            return self._ctx.published(Change(area="training", action="updated", ids=(checked.id,)))

    def import_file(self, path: Path) -> Change:
        """Import a YAML file: same validation as shipped files; shipped or existing ids are refused."""
        self._guard()
        vignette = read_vignette_file(path, self._definitions)
        self._refuse_shipped(vignette.id)
        return self._insert(vignette, "training.vignette.import", "imported")

    def _insert(self, vignette: Vignette, audit_action: str, action: str) -> Change:
        with self._ctx.session() as s:
            if s.get(AuthoredVignetteRow, vignette.id) is not None:
                raise UserInputError(_("Det finns redan en egen fallbeskrivning med id '{id}'.").format(id=vignette.id))
            now, who = self._ctx.clock.now(), self._ctx.principal.user_id
            s.add(AuthoredVignetteRow(
                vignette_id=vignette.id, version=vignette.version, title=vignette.title.sv[:200],
                source=dump_vignette(vignette), created_at=now, created_by=who, updated_at=now, updated_by=who,
            ))  # fmt: skip
            s.flush()
            self._ctx.audit(s, audit_action, "training_vignette", vignette.id)
            return self._ctx.published(Change(area="training", action=action, ids=(vignette.id,)))

    def export(self, vignette_id: str, path: Path) -> Change:
        """Write an authored vignette to `path` (audited: the text leaves the encrypted store)."""
        self._guard()
        with self._ctx.session() as s:
            row = s.get(AuthoredVignetteRow, vignette_id)
            if row is None:
                raise NotFound(_("Fallbeskrivningen '{id}' finns inte bland de egna.").format(id=vignette_id))
            vignette = check_text(row.source, vignette_id, self._definitions)
            export_vignette(vignette, path)
            self._ctx.audit(s, "training.vignette.export", "training_vignette", vignette_id)
            return self._ctx.published(Change(area="training", action="exported", ids=(vignette_id,)))
