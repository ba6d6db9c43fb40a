"""Shared server mode (issue 16): PostgreSQL store whose identifying fields are encrypted on the client."""
