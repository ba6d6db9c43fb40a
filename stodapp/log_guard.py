"""Keep case content out of logs even when someone turns logging up to DEBUG.

SQLAlchemy logs result rows ("Row (...)") and column names at DEBUG on the engine's logger; bound parameters are
already hidden (`hide_parameters=True` in stodapp.store.engine), but rows are not. `install()` adds a filter to the
SQLAlchemy loggers that drops their DEBUG records; statements (SQL text with placeholders) still log at INFO.
Call it once before the first engine is created (the lead wires it into stodapp.store.engine.make_engine).
"""

from __future__ import annotations

import logging

LOGGERS = ("sqlalchemy.engine.Engine", "sqlalchemy.engine", "sqlalchemy.orm", "sqlalchemy.pool")


class DropDebugRows(logging.Filter):
    """Drop SQLAlchemy DEBUG records (result rows and column names may hold case content)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


_FILTER = DropDebugRows("stodapp-log-guard")


def install() -> None:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def uninstall() -> None:
    """For the test that proves the guard is what keeps rows out."""
    for name in LOGGERS:
        logging.getLogger(name).removeFilter(_FILTER)


def installed() -> bool:
    return all(_FILTER in logging.getLogger(name).filters for name in LOGGERS)
