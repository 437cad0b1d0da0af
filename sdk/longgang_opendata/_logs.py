"""The SDK's logger, ``logging.getLogger("longgang_opendata")``.

``LONGGANG_OPENDATA_LOG=debug`` (or ``info``) attaches a stderr handler at import, so requests,
retries and cache hits show without touching the application's logging set-up.
"""

from __future__ import annotations

import logging
import os

__all__ = ["LOG_ENV", "logger", "setup_logging"]

LOG_ENV = "LONGGANG_OPENDATA_LOG"
logger = logging.getLogger("longgang_opendata")
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


def setup_logging() -> None:
    """Honour ``LONGGANG_OPENDATA_LOG``; any other value leaves the application's logging be."""
    level = _LEVELS.get(os.environ.get(LOG_ENV, "").strip().lower())
    if level is None:
        return
    if not any(getattr(h, "_longgang_opendata", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        handler._longgang_opendata = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(level)
