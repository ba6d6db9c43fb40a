"""Supervisor summaries: disclosure-controlled aggregate statistics, report PDF and audit review."""
