"""The unit's `server_meta` as a client reads it at sign-in: is this a stodapp server, of the expected unit, at the
schema this client was built for — each refusal one clear line, nothing written."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from stodapp.errors import StoreError, StoreMissing
from stodapp.i18n import _
from stodapp.server import schema as t


class ServerSchemaError(StoreError):
    """Not a stodapp database, a database of another unit, or a schema newer than this client."""


def read_meta(conn: Any) -> dict[str, str]:
    import psycopg
    from sqlalchemy.exc import ProgrammingError

    try:
        rows = conn.execute(select(t.server_meta.c.key, t.server_meta.c.value)).all()
    except ProgrammingError as err:
        if isinstance(err.orig, psycopg.errors.UndefinedTable):
            raise StoreMissing(
                _("databasen är tom eller inte förberedd för stodapp: kör `stodapp server init` först")
            ) from None
        raise
    return {str(k): str(v) for k, v in rows}


def check_kind(meta: dict[str, str]) -> None:
    if meta.get("kind") != "stodapp-server":
        raise ServerSchemaError(_("databasen är inte en stodapp-serverdatabas"))


def check_unit(meta: dict[str, str], expected_unit: str | None) -> str:
    unit = meta["unit_id"]
    if expected_unit is not None and unit != expected_unit:
        raise ServerSchemaError(
            _("databasen tillhör en annan enhet ({unit}) än den sparade profilen; inget har öppnats").format(
                unit=meta.get("unit_name", "?")
            )
        )
    return unit


def check_meta(meta: dict[str, str], expected_unit: str | None) -> str:
    check_kind(meta)
    version = int(meta.get("schema_version", "0"))
    if version > t.SCHEMA_VERSION:
        raise ServerSchemaError(
            _(
                "databasens schema (version {version}) är nyare än denna stodapp (version {schema_version}): "
                "uppdatera stodapp"
            ).format(version=version, schema_version=t.SCHEMA_VERSION)
        )
    if version < t.SCHEMA_VERSION:
        raise ServerSchemaError(
            _("databasens schema (version {version}) är äldre: kör `stodapp server upgrade`").format(version=version)
        )
    return check_unit(meta, expected_unit)
