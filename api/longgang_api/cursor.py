"""Opaque pagination cursors that cannot be forged or carried elsewhere.

A cursor holds the offset of the next page. It is bound, by an HMAC keyed
with the artifact's sha256, to the collection and to the query (filters,
``q`` and ``sort``) it was issued for: a cursor from another collection,
another query or another dataset version, or one altered by hand, is
refused. Offsets are stable because the dataset never changes under a
running server.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

_SIGNATURE_BYTES = 12


class CursorError(ValueError):
    """The cursor was not issued by this server for this query."""


class CursorCodec:
    """Encodes and verifies cursors for one dataset version."""

    def __init__(self, key: str) -> None:
        self._key = key.encode()

    def _sign(self, scope: str, offset: int) -> bytes:
        message = f"{scope}\x00{offset}".encode()
        return hmac.new(self._key, message, hashlib.sha256).digest()[:_SIGNATURE_BYTES]

    def encode(self, scope: str, offset: int) -> str:
        raw = offset.to_bytes(4, "big") + self._sign(scope, offset)
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    def decode(self, scope: str, cursor: str) -> int:
        if not 1 <= len(cursor) <= 64:
            raise CursorError("cursor has the wrong length")
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        except (binascii.Error, ValueError):
            raise CursorError("cursor is not valid base64url") from None
        if len(raw) != 4 + _SIGNATURE_BYTES:
            raise CursorError("cursor has the wrong length")
        offset = int.from_bytes(raw[:4], "big")
        if not hmac.compare_digest(raw[4:], self._sign(scope, offset)):
            raise CursorError(
                "cursor was not issued for this collection, query and dataset version"
            )
        return offset
