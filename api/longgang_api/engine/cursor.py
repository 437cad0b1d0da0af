"""Opaque pagination cursors, bound to the query they were issued for.

A cursor holds the place of the last record served in the query's order (its
rank there, led by its match rank where relevance leads the order): a keyset
position, so the next page is found in the indexes, not by counting records.
An HMAC binds it to the collection, the query (filters, ``q`` and ``sort``)
and the dataset version: a cursor from another collection, another query or
another release, or one altered by hand, is refused.

What the signature protects, and what it does not: its key is the artifact's
sha256, which is published, so anyone can make a cursor that this server
accepts. That is harmless by design: a cursor names a place in a public,
immutable list and grants nothing that the first page's link does not. The
signature catches mistakes (a cursor pasted into another query, truncated or
from an older release), not adversaries. So a signed place is not trusted
either: one that no record holds in the query's order (a rank out of range, a
match rank where the order has none) is refused by the query engine
(:meth:`longgang_api.engine.index.CollectionIndex.check_place`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct

_SIGNATURE_BYTES = 12
_MAX_PARTS = 2


class CursorError(ValueError):
    """The cursor was not issued by this server for this query."""


class CursorCodec:
    """Encodes and verifies cursors for one dataset version."""

    def __init__(self, key: str) -> None:
        # Keyed once: each signature then copies its state instead of hashing the key again.
        self._keyed = hmac.new(key.encode(), digestmod=hashlib.sha256)

    def _sign(self, scope: str, packed: bytes) -> bytes:
        mac = self._keyed.copy()
        mac.update(scope.encode() + b"\x00" + packed)
        return mac.digest()[:_SIGNATURE_BYTES]

    def encode(self, scope: str, place: tuple[int, ...]) -> str:
        if not 1 <= len(place) <= _MAX_PARTS:
            raise ValueError("a cursor holds one or two numbers")
        packed = struct.pack(f">B{len(place)}i", len(place), *place)
        raw = packed + self._sign(scope, packed)
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    def decode(self, scope: str, cursor: str) -> tuple[int, ...]:
        if not 1 <= len(cursor) <= 64:
            raise CursorError("cursor has the wrong length")
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        except (binascii.Error, ValueError):
            raise CursorError("cursor is not valid base64url") from None
        parts = raw[0] if raw else 0
        size = 1 + 4 * parts
        if not 1 <= parts <= _MAX_PARTS or len(raw) != size + _SIGNATURE_BYTES:
            raise CursorError("cursor has the wrong length")
        packed = raw[:size]
        if not hmac.compare_digest(raw[size:], self._sign(scope, packed)):
            raise CursorError(
                "cursor was not issued for this collection, query and dataset version"
            )
        return struct.unpack(f">{parts}i", packed[1:])
