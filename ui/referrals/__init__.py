"""Referral directory UI: the search panel (issue 7)."""
