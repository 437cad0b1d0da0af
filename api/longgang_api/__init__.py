"""The Longgang Open Data API: ``create_app(dataset, settings)`` builds it.

The package is laid out by role (``docs/maintainers.md`` draws it):
:mod:`~longgang_api.data` (the data model and the built files, which the build
shares), :mod:`~longgang_api.engine` (the query engine, free of HTTP),
:mod:`~longgang_api.web` (HTTP: the layers before routing and the one answer of
every list), :mod:`~longgang_api.resources` (the ``/v1`` handlers) and
:mod:`~longgang_api.pages` (the HTML pages); :mod:`~longgang_api.app` puts them
together, :mod:`~longgang_api.asgi` and :mod:`~longgang_api.server` run it.

The two names below are loaded when first used, so that the build, which
imports the data model from here, never loads the server.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from longgang_api.app import create_app
    from longgang_api.settings import Settings

__all__ = ["Settings", "create_app"]

_HOMES = {"create_app": "longgang_api.app", "Settings": "longgang_api.settings"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'longgang_api' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
