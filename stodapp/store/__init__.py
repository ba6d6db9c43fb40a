"""Encrypted storage: SQLCipher engine, key slots, schema, migrations.

SQLite-only features stay behind single modules (FTS5 in stodapp/cases/fts.py, JSON views in migration 0008), so a
later PostgreSQL server mode replaces those modules, not the services.
"""
