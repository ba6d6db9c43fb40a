"""Checklist area: pick a case and a checklist, run it, sign, history and superseding (issue 4)."""
