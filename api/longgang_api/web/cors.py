"""Cross-origin reads: one policy, the same headers on every answer.

Any origin may read, so ``Access-Control-Allow-Origin: *`` goes on every
answer — 200, 206, 304, every 4xx and 5xx, those of the pre-routing layers
included — whether or not the request had an ``Origin``. An answer that
differed by ``Origin`` would need ``Vary: Origin``; without it a shared cache
(nginx ``proxy_cache``, a CDN) that stored the variant of a request without
``Origin`` would serve it to browsers that need the header. The framework's
CORS middleware adds the headers only when ``Origin`` is sent and answers a
failed preflight with ``400 text/plain``, so this module takes its place.

A preflight (``OPTIONS`` with ``Origin`` and ``Access-Control-Request-Method``)
is answered here, before the rate limit counts anything: ``204`` when the
method and headers asked for are allowed, else a ``400`` problem.
"""

from __future__ import annotations

from litestar.types import Scope

from longgang_api.web.variants import header

ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW_HEADERS = (
    "Accept",
    "Accept-Language",
    "If-None-Match",
    "If-Modified-Since",
    "If-Range",
    "Range",
    "X-Request-ID",
)
EXPOSE_HEADERS = (
    "ETag",
    "Link",
    "X-Request-ID",
    "Content-Range",
    "Accept-Ranges",
    "Content-Disposition",
    "Retry-After",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
)
#: Seconds a browser may keep a preflight's answer.
PREFLIGHT_MAX_AGE = 86400

#: The headers of every answer.
HEADERS: list[tuple[bytes, bytes]] = [
    (b"access-control-allow-origin", b"*"),
    (b"access-control-expose-headers", ", ".join(EXPOSE_HEADERS).encode()),
]
PREFLIGHT_HEADERS: list[tuple[bytes, bytes]] = [
    (b"access-control-allow-methods", ", ".join(ALLOW_METHODS).encode()),
    (b"access-control-allow-headers", ", ".join(ALLOW_HEADERS).encode()),
    (b"access-control-max-age", str(PREFLIGHT_MAX_AGE).encode()),
]
_ALLOWED_HEADERS = frozenset(name.lower() for name in ALLOW_HEADERS)


def is_preflight(scope: Scope) -> bool:
    return (
        scope.get("method") == "OPTIONS"
        and header(scope, b"origin") is not None
        and header(scope, b"access-control-request-method") is not None
    )


def preflight_refusal(scope: Scope) -> str | None:
    """Why the preflight of ``scope`` is refused, or None when it is allowed."""
    method = (header(scope, b"access-control-request-method") or "").strip()
    if method not in ALLOW_METHODS:
        return f"cross-origin requests may use {', '.join(ALLOW_METHODS)}, not {method!r}"
    asked = header(scope, b"access-control-request-headers") or ""
    refused = sorted(
        name
        for name in (item.strip().lower() for item in asked.split(","))
        if name and name not in _ALLOWED_HEADERS
    )
    if refused:
        return (
            f"cross-origin requests may send {', '.join(ALLOW_HEADERS)}; "
            f"not allowed: {', '.join(refused)}"
        )
    return None
