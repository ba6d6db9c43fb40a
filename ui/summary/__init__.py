"""Supervisor summary area: anonymised statistics (preview, save, print) and the audit review."""
