"""Encrypted storage: SQLCipher engine, key slots, schema, migrations. SQLite-only features live in sqlite_features.py."""
