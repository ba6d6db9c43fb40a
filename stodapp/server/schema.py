"""Server-mode schema (SQLAlchemy Core, PostgreSQL): tables whose identifying columns hold only ciphertext.

Plain columns are codes, dates, counts and ids — what the supervisor's statistics need without decryption.
`*_ct` columns are FieldCipher ciphertext, `*_idx` / `person_terms.term` are keyed blind indexes.
The audit log is the local store's own table definition (stodapp.store.tables.AuditRow), so the same HMAC chain
code writes and verifies it on both backends.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Sequence,
    String,
    Table,
    Text,
)

from stodapp.store.tables import AuditRow

SCHEMA_VERSION = 6  # = stodapp.server.migrations.head() (pinned by tests/core/server/test_upgrade.py)
metadata = MetaData()

server_meta = Table(
    "server_meta", metadata,
    Column("key", String(60), primary_key=True),
    Column("value", Text, nullable=False),
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("db_role", String(63), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

key_slots = Table(
    "key_slots", metadata,
    Column("slot_id", String(40), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=True),
    Column("lookup", String(64), nullable=False, unique=True),
    Column("body", Text, nullable=False),  # a stodapp.store.keyslots.Slot as JSON (no secret in clear)
)

# Row ids come from sequences; the client takes the next id (nextval) BEFORE it encrypts, because the id is part
# of every field's associated data. Case numbers are VNR-<year>-<id>, as in the local store.
case_id_seq = Sequence("case_id_seq", metadata=metadata)
person_id_seq = Sequence("person_id_seq", metadata=metadata)
note_id_seq = Sequence("note_id_seq", metadata=metadata)
form_id_seq = Sequence("form_id_seq", metadata=metadata)

cases = Table(
    "cases", metadata,
    Column("id", Integer, case_id_seq, primary_key=True),
    Column("case_no", String(32), nullable=False, unique=True),
    Column("status", String(20), nullable=False, default="open"),
    Column("unit", String(80), nullable=False, default=""),  # the organisational unit (not a person)
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("opened_month", String(7), nullable=False),
    Column("closed_at", DateTime(timezone=True), nullable=True),
    Column("last_entry_at", DateTime(timezone=True), nullable=False),  # retention (gallring)
    Column("created_by", Integer, ForeignKey("users.id"), nullable=False),
    Column("version", Integer, nullable=False, default=1),  # optimistic concurrency: bumped by every update
)

case_assignments = Table(
    "case_assignments", metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    PrimaryKeyConstraint("case_id", "user_id"),
    Index("ix_assign_user", "user_id", "case_id"),
)

persons = Table(
    "persons", metadata,
    Column("id", Integer, person_id_seq, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", String(20), nullable=False),
    Column("sex", String(10), nullable=False, default="okant"),
    Column("age_band", String(10), nullable=False, default=""),
    Column("protected_identity", Boolean, nullable=False, default=False),
    Column("given_ct", LargeBinary, nullable=False),
    Column("family_ct", LargeBinary, nullable=False),
    Column("pnr_ct", LargeBinary, nullable=True),  # personnummer or samordningsnummer, YYYYMMDD-NNNN
    Column("reserve_ct", LargeBinary, nullable=True),
    Column("birth_ct", LargeBinary, nullable=True),  # ISO date
    Column("address_ct", LargeBinary, nullable=False),
    Column("details_ct", LargeBinary, nullable=False),  # JSON: interpreter need, groups
    Column("pnr_idx", LargeBinary, nullable=True, index=True),
    Column("version", Integer, nullable=False, default=1),
)

person_terms = Table(
    "person_terms", metadata,
    Column("term", LargeBinary, nullable=False),
    Column("person_id", Integer, ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
    Column("case_id", Integer, nullable=False),
    PrimaryKeyConstraint("term", "person_id"),
    Index("ix_terms_person", "person_id"),
)

case_notes = Table(
    "case_notes", metadata,
    Column("id", Integer, note_id_seq, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("author_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("body_ct", LargeBinary, nullable=False),
    Column("corrects_id", Integer, nullable=True),  # a correction points at the note it corrects
)

case_forms = Table(
    "case_forms", metadata,
    Column("id", Integer, form_id_seq, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(40), nullable=False),  # e.g. a checklist id, "safety_plan"
    Column("body_ct", LargeBinary, nullable=False),
    Column("version", Integer, nullable=False, default=1),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

write_receipts = Table(
    "write_receipts", metadata,
    Column("op_id", String(32), primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("record_id", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

audit_log = cast(Table, AuditRow.__table__).to_metadata(metadata)

# Made by migration 2; read by the owner role only (`server upgrade`).
schema_history = Table(
    "schema_history", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(80), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
    Column("applied_by", String(63), nullable=False),
)

# Made by migration 3; owner role only (`server import`): local record -> server row, so a re-import skips it.
import_map = Table(
    "import_map", metadata,
    Column("source_store", String(64), nullable=False),
    Column("kind", String(20), nullable=False),  # case | person | assignment | note
    Column("local_id", String(64), nullable=False),
    Column("server_key", String(64), nullable=False),  # the server row's id ("<case id>/<user id>" for assignments)
    Column("local_ref", String(32), nullable=False, default=""),  # a case's local case number
    Column("imported_at", DateTime(timezone=True), nullable=False),
    PrimaryKeyConstraint("source_store", "kind", "local_id"),
)

# Made by migration 5: a user whose passphrase an administrator set, until she chose her own (RLS: her own row).
passphrase_resets = Table(
    "passphrase_resets", metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("reset_at", DateTime(timezone=True), nullable=False),
)

RLS_TABLES = ("key_slots", "cases", "case_assignments", "persons", "person_terms", "case_notes", "case_forms",
              "audit_log", "write_receipts")
APP_ROLES = ("administrator", "handlaggare", "arbetsledare", "utbildare")
