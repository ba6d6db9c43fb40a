"""What the "Lokala stödkontakter" tab's file work means, apart from its widgets: the lines a refused save, import
or export says, and how an imported file joins the draft (our own file replaces it, a neighbour's is added).

The tab runs the work itself (the write, reading and checking the file, the export) on the background helper."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from stodapp.errors import StodError, ValidationFailed
from stodapp.i18n import _
from stodapp.referrals.loader import error_lines
from stodapp.referrals.local_entries import LocalEntries, Logo
from stodapp.referrals.schema import Resource
from ui.referrals.local_entries_words import one_line


def draft_document(code: str, logo: Logo | None, entries: list[Resource]) -> LocalEntries | list[str]:
    """The whole draft checked by the model: the document, or the lines saying what is wrong."""
    data: dict[str, Any] = {
        "municipality": code,
        "logo": logo.model_dump(mode="json") if logo else None,
        "resources": [r.model_dump(mode="json") for r in entries],
    }
    try:
        return LocalEntries.model_validate(data)
    except ValidationError as err:
        return [line.split(": ", 1)[1] for line in error_lines("-", err, data, None)]


def file_error_lines(path: Path, exc: BaseException) -> list[str]:
    """What a file that could not be read or checked says (its name and why, never its content)."""
    if isinstance(exc, OSError):
        return [_("{name}: kan inte läsas ({why})").format(name=path.name, why=type(exc).__name__)]
    if isinstance(exc, StodError):
        lines = list(exc.lines) if isinstance(exc, ValidationFailed) else []
        return [one_line(exc), *lines] if len(lines) != 1 else lines
    raise exc


class Imported(NamedTuple):
    """How an imported file joins the draft: `replace` (our own file, or no municipality chosen yet), else the
    neighbour's entries `added`; `error` set when nothing may be imported."""

    replace: LocalEntries | None
    added: list[Resource]
    message: str
    error: str = ""


def join_import(doc: LocalEntries, ours: str | None, entries: list[Resource], path: Path) -> Imported:
    if ours is None or ours == doc.municipality:
        return Imported(doc, [], _("{n} poster importerade från {name} – granska och spara.").format(
            n=len(doc.resources), name=path.name))
    taken = {r.id for r in entries}
    clash = sorted(r.id for r in doc.resources if r.id in taken)
    if clash:
        return Imported(None, [], "", _("{name}: id finns redan bland de lokala posterna: {ids}. Inget "
                                         "importerades.").format(name=path.name, ids=", ".join(clash[:5])))
    added = [r.model_copy(update={"slot": "grannkommun"}) for r in doc.resources if r.client_facing]
    return Imported(None, added, _("{n} poster från grannkommunen {code} tillagda – granska och spara.").format(
        n=len(added), code=doc.municipality))
