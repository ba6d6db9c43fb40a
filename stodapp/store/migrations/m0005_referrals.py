"""0005: referral directory (issue 7): the municipality's local entries and referrals given on cases."""

from __future__ import annotations

from sqlalchemy.engine import Connection

import stodapp.cases.tables  # noqa: F401 - registers `cases` and `persons` for the foreign keys
import stodapp.store.tables  # noqa: F401 - registers `users` for the foreign keys
from stodapp.referrals.tables import ReferralGivenRow, ReferralLocalRow
from stodapp.store.base import Base

VERSION = 5
NAME = "referrals"


def upgrade(conn: Connection) -> None:
    tables = [ReferralLocalRow.__table__, ReferralGivenRow.__table__]
    Base.metadata.create_all(conn, tables=tables)  # type: ignore[arg-type]
