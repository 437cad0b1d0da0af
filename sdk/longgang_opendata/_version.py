"""The distribution's version, in one place for ``__version__`` and the User-Agent."""

from __future__ import annotations

__version__ = "1.0.0"
