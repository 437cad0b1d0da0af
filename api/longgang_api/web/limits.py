"""Limits on what one request, and optionally one client, may ask of the server.

- a request target over 8 KiB is answered 414, request headers over 16 KiB
  431 — as problem details, before any routing;
- ``RATE_LIMIT`` (off by default), e.g. ``120/minute`` or ``10/second``: a
  token bucket per client address; a client over its budget gets 429 with
  ``Retry-After``, and every answer carries ``RateLimit-Limit``,
  ``RateLimit-Remaining`` and ``RateLimit-Reset``. Behind proxies named by
  ``TRUSTED_PROXIES`` (addresses or networks), a client is the address its
  nearest untrusted hop, as ``X-Forwarded-For`` records it: the proxy's own
  address would otherwise put every client in one bucket, and an address the
  client wrote itself (further left in the header) counts for nothing.
"""

from __future__ import annotations

import ipaddress
import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from litestar.types import HTTPScope

MAX_TARGET_BYTES = 8 * 1024
MAX_HEADER_BYTES = 16 * 1024
_PERIODS = {"second": 1.0, "minute": 60.0, "hour": 3600.0}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour)\s*$")


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_proxies(text: str) -> tuple[Network, ...]:
    """The proxies of ``TRUSTED_PROXIES``: comma-separated addresses or networks (CIDR)."""
    found: list[Network] = []
    for part in text.split(","):
        if part.strip():
            try:
                found.append(ipaddress.ip_network(part.strip(), strict=False))
            except ValueError:
                raise ValueError(
                    f"TRUSTED_PROXIES: {part.strip()!r} is not an IP address or network"
                ) from None
    return tuple(found)


def client_address(scope: HTTPScope, proxies: tuple[Network, ...]) -> str:
    """Who a request counts for: its peer, or behind trusted proxies the hop before them."""
    peer = (scope.get("client") or ("unknown", 0))[0]
    if not proxies or not _trusted(peer, proxies):
        return peer
    forwarded = b",".join(value for name, value in scope["headers"] if name == b"x-forwarded-for")
    hops = [hop.strip() for hop in forwarded.decode("latin-1").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            return hop
    return hops[0] if hops else peer


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def oversize_status(scope: HTTPScope) -> int | None:
    """414 or 431 when the request is larger than the server accepts, else None."""
    if len(scope.get("raw_path", b"")) + len(scope["query_string"]) + 1 > MAX_TARGET_BYTES:
        return 414
    if sum(len(name) + len(value) + 4 for name, value in scope["headers"]) > MAX_HEADER_BYTES:
        return 431
    return None


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    limit: int
    remaining: int
    reset_seconds: int

    def headers(self) -> list[tuple[bytes, bytes]]:
        headers = [
            (b"ratelimit-limit", str(self.limit).encode()),
            (b"ratelimit-remaining", str(self.remaining).encode()),
            (b"ratelimit-reset", str(self.reset_seconds).encode()),
        ]
        if not self.allowed:
            headers.append((b"retry-after", str(self.reset_seconds).encode()))
        return headers


class RateLimiter:
    """A token bucket per client, the least recently seen forgotten past ``max_clients``."""

    def __init__(
        self,
        requests: int,
        period_seconds: float,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if requests < 1 or period_seconds <= 0:
            raise ValueError("a rate limit needs at least one request per period")
        #: Seconds on a steady clock; a fixed one makes the answers repeatable (the
        #: OpenAPI export's 429 example would otherwise depend on how slow its requests were).
        self.clock = clock
        self.capacity = requests
        self.refill_per_second = requests / period_seconds
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    @classmethod
    def parse(cls, text: str) -> RateLimiter:
        match = _RATE.match(text)
        if not match:
            raise ValueError(f"RATE_LIMIT must look like '120/minute', not {text!r}")
        return cls(int(match.group(1)), _PERIODS[match.group(2)])

    def check(self, client: str, now: float | None = None) -> Decision:
        now = self.clock() if now is None else now
        tokens, seen = self._buckets.pop(client, (float(self.capacity), now))
        tokens = min(self.capacity, tokens + (now - seen) * self.refill_per_second)
        allowed = tokens >= 1
        if allowed:
            tokens -= 1
        self._buckets[client] = (tokens, now)
        if len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        missing = 1 - tokens if not allowed else self.capacity - tokens
        reset = math.ceil(missing / self.refill_per_second) if missing > 0 else 0
        return Decision(allowed, self.capacity, int(tokens), max(reset, 1 if not allowed else 0))
