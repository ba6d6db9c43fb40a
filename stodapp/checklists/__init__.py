"""Checklists as data: schema, safe loading, validation, scoring, judgements, assessment records."""
