"""Translation packs: a municipality's reviewed client.po that replaces our draft for one language.

Like the checklist content packs (`stodapp.checklists.packs`): the file is validated in full before anything
is written (known language code, placeholders intact, a version, no fuzzy entries, every character printable
with the embedded fonts), the administrator sees `PackInfo`, and the install is one atomic file replace.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from stodapp.client_lang.catalog import ClientCatalog, pack_path, parse_po
from stodapp.client_lang.languages import language
from stodapp.errors import UserInputError, ValidationFailed
from stodapp.i18n import _


class PackInfo(BaseModel):
    """What the import screen shows before the administrator confirms."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lang: str
    version: str
    translator: str
    reviewed: bool
    reviewed_by: str
    messages: int
    sha256: str


def check_pack(path: Path) -> tuple[ClientCatalog, PackInfo]:
    """Validate a pack file; ValidationFailed / MissingGlyph with one clear summary when it cannot be used."""
    from stodapp.pdf.shaping import MissingGlyph, used_characters_covered

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserInputError(_("Kan inte läsa {path}.").format(path=path.name)) from exc
    catalog = parse_po(data, path.name, source="paket")
    script = language(catalog.lang).script
    try:
        used_characters_covered("".join(catalog.messages.values()), script)
    except MissingGlyph as exc:
        raise ValidationFailed(_("{source}: översättningen kan inte användas").format(source=path.name),
                               [str(exc)]) from exc
    p = catalog.provenance
    info = PackInfo(lang=catalog.lang, version=p.version, translator=p.translator, reviewed=p.reviewed,
                    reviewed_by=p.reviewed_by, messages=len(catalog.messages), sha256=hashlib.sha256(data).hexdigest())
    return catalog, info


def install_pack(path: Path, pack_dir: Path) -> PackInfo:
    """Validate, then replace the language's pack in `pack_dir` in one step (readable by the user only)."""
    catalog, info = check_pack(path)
    pack_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = path.read_bytes()
    fd, tmp = tempfile.mkstemp(dir=pack_dir, prefix=".pack-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, pack_path(pack_dir, catalog.lang))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return info


def remove_pack(pack_dir: Path, lang: str) -> bool:
    """Go back to the shipped draft for `lang`; True when a pack was removed."""
    path = pack_path(pack_dir, lang)
    if path.exists():
        path.unlink()
        return True
    return False
