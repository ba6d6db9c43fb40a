"""Read referral files (YAML or JSON) and turn pydantic errors into 'file:line: field.path: message' lines."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from stodapp.errors import ValidationFailed
from stodapp.i18n import _
from stodapp.paths import resource_dir
from stodapp.referrals.schema import ResourceFile

M = TypeVar("M", bound=BaseModel)
MAX_BYTES = 5_000_000


def national_path() -> Path:
    return resource_dir() / "referrals" / "national.yaml"


def read_document(path: Path) -> tuple[Any, Any]:
    """(parsed data, yaml node tree or None); raises ValidationFailed for unreadable or malformed files."""
    import yaml

    name = path.name
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ValidationFailed(_("{name}: filen är för stor").format(name=name))
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ValidationFailed(
            _("{name}: kan inte läsas ({reason})").format(
                name=name, reason=err.strerror or type(err).__name__
            )
        ) from None
    except UnicodeDecodeError:
        raise ValidationFailed(_("{name}: filen är inte UTF-8").format(name=name)) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)  # JSON is valid YAML too
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f"{name}:{mark.line + 1}" if mark is not None else name
        problem = getattr(err, "problem", None) or "syntaxfel"
        raise ValidationFailed(
            _("{name}: kan inte tolkas").format(name=name), [f"{line}: {problem}"]
        ) from None
    if not isinstance(data, dict):
        raise ValidationFailed(_("{name}: förväntade en mappning överst i filen").format(name=name))
    return data, node


def _line_of(node: Any, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the YAML node at a pydantic error location (best effort)."""
    import yaml

    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            nxt = next((v for k, v in node.value if getattr(k, "value", None) == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            nxt = node.value[part]
        else:
            break
        if nxt is None:
            break
        node = nxt
        line = node.start_mark.line + 1
    return line


def _describe(loc: tuple[Any, ...], data: Any) -> str:
    """'resources[3](bris).channels[0].contact' for a pydantic location."""
    out = ""
    cur = data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            cur = cur[part] if isinstance(cur, list) and part < len(cur) else None
            if isinstance(cur, dict) and isinstance(cur.get("id"), str):
                out += f"({cur['id']})"
        else:
            out += f".{part}" if out else str(part)
            cur = cur.get(part) if isinstance(cur, dict) else None
    return out or "(fil)"


def error_lines(name: str, err: ValidationError, data: Any, node: Any) -> list[str]:
    lines = []
    for e in err.errors():
        loc = tuple(p for p in e["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        line = _line_of(node, loc)
        where = f"{name}:{line}" if line else name
        msg = str(e["msg"]).removeprefix("Value error, ")
        lines.append(f"{where}: {_describe(loc, data)}: {msg}")
    return lines


def validate_as(model: type[M], data: Any, node: Any, name: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as err:
        lines = error_lines(name, err, data, node)
        summary = lines[0] if len(lines) == 1 else _("{name}: {n} fel").format(name=name, n=len(lines))
        raise ValidationFailed(summary, lines) from None


def load_resource_file(path: Path) -> ResourceFile:
    """Load and validate a national-format file; every problem is reported as file:line: field: message."""
    data, node = read_document(path)
    version = data.get("format_version")
    if isinstance(version, int) and version > SUPPORTED_VERSION:
        raise ValidationFailed(
            _("{name}: formatversion {v} är nyare än denna version av stodapp kan läsa ({s})").format(
                name=path.name, v=version, s=SUPPORTED_VERSION
            )
        )
    return validate_as(ResourceFile, data, node, path.name)


SUPPORTED_VERSION = 1


@lru_cache(maxsize=2)
def _national_cached(path_str: str, mtime: float) -> ResourceFile:
    return load_resource_file(Path(path_str))


def load_national(path: Path | None = None) -> ResourceFile:
    """The shipped national directory (cached per file version)."""
    p = path or national_path()
    try:
        mtime = p.stat().st_mtime
    except OSError:
        raise ValidationFailed(_("{name}: saknas").format(name=p.name)) from None
    return _national_cached(str(p), mtime)
