"""Definition digest: sha256 over canonical JSON, and the snapshot a signed assessment keeps."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from stodapp.checklists.schema import ChecklistDefinition


def canonical_json(obj: Any) -> bytes:
    """Sorted keys, no whitespace, UTF-8: the same data always gives the same bytes."""
    return json.dumps(
        obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode()


def definition_snapshot(definition: ChecklistDefinition) -> dict[str, Any]:
    """The JSON copy of a definition stored with an assessment (defaults left out, so new optional fields
    added to the schema later do not change old digests)."""
    data: dict[str, Any] = definition.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return data


def snapshot_digest(snapshot: dict[str, Any]) -> str:
    return "sha256:" + hashlib.sha256(canonical_json(snapshot)).hexdigest()


def definition_digest(definition: ChecklistDefinition) -> str:
    return snapshot_digest(definition_snapshot(definition))
