"""Answers kept as bytes: the dataset never changes under a running server.

The first GET of a (path, query, Accept, Accept-Language, gzip, CORS) combination goes through
the app; a 200 that carries an ETag is kept — status, headers and the body as
sent, gzipped or not — and later requests for the same combination are
answered straight from memory, an ``If-None-Match`` that
:func:`~longgang_api.http_caching.revalidates` (the app's own test) with a 304.
Bounded in entries and bytes, least recently used first out.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from litestar.types import HTTPResponseStartEvent, HTTPScope, Message, Send

from longgang_api.http_caching import accepts_gzip, revalidates

Headers = list[tuple[bytes, bytes]]
Key = tuple[str, bytes, bytes, bytes, bool, bool]
_NOT_MODIFIED_HEADERS = frozenset({b"etag", b"cache-control", b"last-modified", b"vary"})


@dataclass(frozen=True, slots=True)
class Entry:
    headers: Headers
    body: bytes
    etag: bytes
    not_modified_headers: Headers


def _header(scope: HTTPScope, name: bytes) -> bytes:
    for key, value in scope["headers"]:
        if key == name:
            return value
    return b""


class ResponseCache:
    """A bounded LRU of whole answers, used by the app before routing."""

    def __init__(self, max_entries: int = 4096, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Key, Entry] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(scope: HTTPScope) -> Key:
        gzip = accepts_gzip(_header(scope, b"accept-encoding").decode("latin-1"))
        cors = bool(_header(scope, b"origin"))
        # Pages without ?lang= are written in the language Accept-Language prefers.
        language = _header(scope, b"accept-language")
        accept = _header(scope, b"accept")
        return (scope["path"], scope["query_string"], accept, language, gzip, cors)

    async def answer(
        self, scope: HTTPScope, send: Send, extra: list[tuple[bytes, bytes]], *, head: bool
    ) -> bool:
        """Answer from memory if possible; ``False`` when the app must answer."""
        key = self.key(scope)
        entry = self._entries.get(key)
        if entry is None:
            self.misses += 1
            return False
        self.hits += 1
        self._entries.move_to_end(key)
        if_none_match = _header(scope, b"if-none-match").decode("latin-1")
        if if_none_match and revalidates(if_none_match, entry.etag.decode("latin-1")):
            status, headers, body = 304, entry.not_modified_headers, b""
        else:
            status, headers, body = 200, entry.headers, b"" if head else entry.body
        start: HTTPResponseStartEvent = {
            "type": "http.response.start",
            "status": status,
            "headers": headers + extra,
        }
        await send(start)
        await send({"type": "http.response.body", "body": body, "more_body": False})
        return True

    def recording(self, scope: HTTPScope, send: Send) -> Send:
        """``send`` that keeps a copy of a cacheable answer on its way out."""
        key = self.key(scope)
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def record(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                # A copy: the next send stamps request headers into the list in place.
                start = {**message, "headers": list(message.get("headers", []))}
            elif message["type"] == "http.response.body" and start.get("status") == 200:
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    self._store(key, start, b"".join(chunks))
            await send(message)

        return record

    def _store(self, key: Key, start: dict[str, Any], body: bytes) -> None:
        headers: Headers = [
            (bytes(name).lower(), bytes(value))
            for name, value in start.get("headers", [])
            if bytes(name).lower() != b"x-request-id"
        ]
        etag = next((value for name, value in headers if name == b"etag"), None)
        if etag is None or len(body) > self.max_bytes // 8 or key in self._entries:
            return
        not_modified = [(n, v) for n, v in headers if n in _NOT_MODIFIED_HEADERS]
        self._entries[key] = Entry(headers, body, etag, not_modified)
        self._bytes += len(body)
        while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
            _, evicted = self._entries.popitem(last=False)
            self._bytes -= len(evicted.body)

    def __len__(self) -> int:
        return len(self._entries)
