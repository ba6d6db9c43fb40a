"""Retention (gallring): dated rules, dry-run report, culling with unrecoverable deletion, subject-access export."""
