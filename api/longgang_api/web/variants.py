"""Which representation a request gets, as a function the response cache can replay.

A handler that negotiates (by ``Accept``, ``format=``, later a page language)
declares how it chose, as a :data:`Chooser` of the request's headers: the
token it returns names the representation (``text/csv``, ``text/html|en``),
and ``None`` means none is acceptable. The response cache keeps an answer
under that token, not under the raw headers, so two ``Accept`` headers that
negotiate the same representation share one entry, and a 16 KB ``Accept``
costs the cache nothing. A handler that declares nothing answers the same
bytes whatever the request's headers say (apart from ``Accept-Encoding``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import Request
from litestar.types import Scope

#: Where a handler leaves its chooser in the ASGI scope for the pre-routing layers.
SCOPE_KEY = "longgang.variant"
#: The token of an answer that does not depend on any negotiated header.
ONLY = ""

Chooser = Callable[[Scope], str | None]


def header(scope: Scope, name: bytes) -> str | None:
    """The first value of request header ``name`` (lower case), or None."""
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def declare(request: Request[Any, Any, Any], chooser: Chooser) -> None:
    """Say how this request's representation was chosen (read by the response cache)."""
    declare_in(request.scope, chooser)


def declare_in(scope: Scope, chooser: Chooser) -> None:
    """:func:`declare`, for an answer made before routing."""
    slot = scope.get(SCOPE_KEY)
    if isinstance(slot, list):
        slot.append(chooser)


def by_accept(choose: Callable[[str | None], str | None]) -> Chooser:
    """A chooser that reads ``Accept`` alone."""
    return lambda scope: choose(header(scope, b"accept"))


def constant(_: Scope) -> str | None:
    return ONLY
