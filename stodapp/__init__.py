"""stodapp: domain core and encrypted storage. Never imports Qt (tests/core/test_architecture.py)."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
