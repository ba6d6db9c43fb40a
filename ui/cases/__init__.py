"""Cases area: case list, case detail, persons, asking dialog, next steps."""
