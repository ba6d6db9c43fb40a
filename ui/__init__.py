"""stodapp desktop UI (PySide6 only): depends on stodapp, never the reverse."""
