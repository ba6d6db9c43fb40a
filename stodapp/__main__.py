"""`python -m stodapp` is the same as the `stodapp` console command."""

from __future__ import annotations

from stodapp.cli import main

raise SystemExit(main())
