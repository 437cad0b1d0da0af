"""Answers kept as bytes: the dataset never changes under a running server.

The first GET of a resource (path and query) goes through the app, and so
does the second; the answer to the second, a 200 that carries an ETag, is
kept — status, headers and the body as sent, gzipped or not — under the
representation the handler negotiated (its :mod:`~longgang_api.web.variants`
token: media type, page language) and whether it was gzipped, never under
the raw ``Accept`` header. Later requests whose headers negotiate the same
representation are answered straight from memory, and revalidations
(``If-None-Match``, else ``If-Modified-Since``) with a 304 by the app's own
tests (:mod:`~longgang_api.web.http_caching`). Requests with ``Range`` go to the
app. Bounded in entries and in bytes — bodies, headers and keys alike —
least recently used first out.

Only a resource asked again while the cache remembers its first request is
kept (it remembers the last ``max_entries // 2`` to ``max_entries`` resources
first asked): pages asked once each, as a crawler walks them, cost nothing to
store and push out none of the answers asked again and again.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from litestar.types import HTTPScope, Message, Send

from longgang_api.web import variants
from longgang_api.web.headers import Answer
from longgang_api.web.http_caching import accepts_gzip, conditional_tag

Headers = list[tuple[bytes, bytes]]
#: (path, query string)
Resource = tuple[str, bytes]
#: (path, query string, variant token, gzipped)
Key = tuple[str, bytes, str, bool]
_NOT_MODIFIED_HEADERS = frozenset(
    {b"cache-control", b"last-modified", b"vary", b"accept-ranges", b"content-location"}
)
#: What an entry costs beyond its bytes (the Python objects holding them).
_OVERHEAD = 256


@dataclass(frozen=True, slots=True)
class Entry:
    headers: Headers
    body: bytes
    etag: str
    last_modified: str
    #: The headers of a 304, without the ETag (the 304 repeats the client's tag).
    not_modified_headers: Headers
    size: int


def _first_values(scope: HTTPScope) -> dict[bytes, bytes]:
    """Each request header's first value (what every reader of a header here takes)."""
    found: dict[bytes, bytes] = {}
    for name, value in scope["headers"]:
        if name not in found:
            found[name] = value
    return found


def _variant_key(
    scope: HTTPScope, chooser: variants.Chooser, headers: dict[bytes, bytes]
) -> Key | None:
    """The entry of ``scope``'s answer: its resource, representation and encoding."""
    token = chooser(scope)
    if token is None:
        return None
    gzip = accepts_gzip(headers.get(b"accept-encoding", b"").decode("latin-1"))
    return (scope["path"], scope["query_string"], token, gzip)


def _resource_size(resource: Resource) -> int:
    return len(resource[0].encode()) + len(resource[1]) + _OVERHEAD


def _key_size(key: Key) -> int:
    return _resource_size(key[:2]) + len(key[2].encode())


class ResponseCache:
    """A bounded LRU of whole answers, used by the app before routing."""

    def __init__(self, max_entries: int = 4096, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Key, Entry] = OrderedDict()
        #: How each resource chose its representation, replayed on later requests.
        self._choosers: OrderedDict[Resource, variants.Chooser] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0
        # Hashes of the resources asked once, in two generations: the older is
        # dropped whole when the newer is full, so remembering costs one set lookup.
        self._asked: set[int] = set()
        self._asked_before: set[int] = set()
        self._remembered = max(1, max_entries // 2)

    @property
    def size_in_bytes(self) -> int:
        """Bytes held: bodies, headers and keys, counted against ``max_bytes``."""
        return self._bytes

    def key(self, scope: HTTPScope) -> Key | None:
        """The entry that would answer ``scope``, or None when the app must negotiate."""
        return self._key(scope, _first_values(scope))

    def _key(self, scope: HTTPScope, headers: dict[bytes, bytes]) -> Key | None:
        chooser = self._choosers.get((scope["path"], scope["query_string"]))
        return None if chooser is None else _variant_key(scope, chooser, headers)

    def answer(self, scope: HTTPScope) -> Answer | None:
        """The answer from memory, or None when the app must answer."""
        chooser = self._choosers.get((scope["path"], scope["query_string"]))
        if chooser is None:  # most requests the cache does not hold: no header read
            self.misses += 1
            return None
        asked = _first_values(scope)
        key = None if asked.get(b"range") else _variant_key(scope, chooser, asked)
        entry = self._entries.get(key) if key is not None else None
        if key is None or entry is None:
            self.misses += 1
            return None
        self.hits += 1
        self._entries.move_to_end(key)
        if_none_match = asked.get(b"if-none-match")
        if_modified_since = asked.get(b"if-modified-since")
        if if_none_match is None and if_modified_since is None:
            return 200, entry.headers, entry.body
        tag = conditional_tag(
            (if_none_match or b"").decode("latin-1"),
            (if_modified_since or b"").decode("latin-1"),
            entry.etag,
            entry.last_modified,
        )
        if tag is not None:
            return 304, [(b"etag", tag.encode("latin-1")), *entry.not_modified_headers], b""
        return 200, entry.headers, entry.body

    def admits(self, scope: HTTPScope) -> bool:
        """Whether to keep the answer to ``scope``: its resource was asked lately.

        Called for each request the cache could not answer; the first call for a
        resource remembers it and says no.
        """
        mark = hash((scope["path"], scope["query_string"]))
        if mark in self._asked or mark in self._asked_before:
            return True
        if len(self._asked) >= self._remembered:
            self._asked_before = self._asked
            self._asked = set()
        self._asked.add(mark)
        return False

    def recording(self, scope: HTTPScope, send: Send) -> Send:
        """``send`` that keeps a copy of a cacheable answer on its way out."""
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
                    self._store(scope, start, b"".join(chunks))
            await send(message)

        return record

    def keep(
        self, scope: HTTPScope, status: int, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> None:
        """Keep a whole answer made without :meth:`recording` (an OK answer with an ETag)."""
        if status == 200:
            self._store(scope, {"status": status, "headers": headers}, body)

    def _store(self, scope: HTTPScope, start: dict[str, Any], body: bytes) -> None:
        headers: Headers = [
            (bytes(name).lower(), bytes(value))
            for name, value in start.get("headers", [])
            if bytes(name).lower() != b"x-request-id"
        ]
        found = dict(headers)
        etag = found.get(b"etag")
        if etag is None:
            return
        declared: list[variants.Chooser] = scope.get(variants.SCOPE_KEY, [])  # type: ignore[assignment]
        chooser = declared[-1] if declared else variants.constant
        key = _variant_key(scope, chooser, _first_values(scope))
        if key is None:
            return
        resource: Resource = key[:2]
        size = len(body) + sum(len(n) + len(v) for n, v in headers) + _key_size(key)
        if size > self.max_bytes // 8 or key in self._entries:
            return
        if resource not in self._choosers:
            self._choosers[resource] = chooser
            self._bytes += _resource_size(resource)
        self._choosers.move_to_end(resource)
        not_modified = [(n, v) for n, v in headers if n in _NOT_MODIFIED_HEADERS]
        last_modified = found.get(b"last-modified", b"").decode("latin-1")
        self._entries[key] = Entry(
            headers, body, etag.decode("latin-1"), last_modified, not_modified, size
        )
        self._bytes += size
        self._evict()

    def _evict(self) -> None:
        """Drop the least recently used answers, then choosers, until within both bounds."""
        while self._entries and (
            len(self._entries) > self.max_entries or self._bytes > self.max_bytes
        ):
            _, evicted = self._entries.popitem(last=False)
            self._bytes -= evicted.size
        while self._choosers and (
            len(self._choosers) > self.max_entries or self._bytes > self.max_bytes
        ):
            resource, _ = self._choosers.popitem(last=False)
            self._bytes -= _resource_size(resource)

    def __len__(self) -> int:
        return len(self._entries)
