"""``python -m longgang_opendata``: the ``longgang-opendata`` command line."""

from __future__ import annotations

from longgang_opendata.lib.cli import main

raise SystemExit(main())
