"""JSON list pages answered before routing: the common request, without the framework's work.

Most requests to an API like this one are a page of a list as JSON. Routing
one through the framework (its request object, dependency injection, the
validation of every parameter, its response object) costs more than finding
the page. So the :class:`~longgang_api.gateway.Gateway` first offers a GET to
:class:`DirectLists`, which answers it when it is plainly valid:

- its path is a list of ``/v1`` (``/v1/observations``, ``/v1/search`` …);
- :class:`~longgang_api.list_request.ListParser` reads it without a refusal:
  every parameter is one the list declares, given once unless repeatable, and
  valid against its declaration (the one the handler's signature is made from);
- the representation negotiated is JSON, and the request is not conditional
  and asks no range.

It answers with the same functions the list handler calls — the query
grammar, the page, the ETag, gzip and cache headers — so the bytes and headers
are the handler's. Anything else, and every request the handler would refuse,
goes on to the framework, which answers it or explains the 4xx: the problem
details have one author. A test sends the same requests through both and
compares the answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar.types import HTTPScope

from longgang_api import variants
from longgang_api.declarations import LISTINGS, Listing
from longgang_api.headers import Answer
from longgang_api.http_caching import accepts_gzip, encoded
from longgang_api.list_request import FORMATS, ListParser
from longgang_api.listing import json_page, list_key
from longgang_api.query import Collection, build_query
from longgang_api.query_error import QueryError
from longgang_api.representation import NotAcceptable, representation_chooser
from longgang_api.served import Served

#: Request headers that make an answer more than a plain 200 (the framework's path).
_DECLINED = frozenset({b"if-none-match", b"if-modified-since", b"range", b"if-range"})
#: Request headers read here; given twice, the framework decides which one counts.
_READ = (b"accept", b"accept-encoding")


class _Declined(Exception):
    """The request is for the framework to answer."""


@dataclass(frozen=True, slots=True)
class _List:
    listing: Listing[Any]
    collection: Collection[Any]
    parser: ListParser


class DirectLists:
    """Answers the plainly valid JSON page requests of every list, before routing."""

    def __init__(self, served: Served, listings: tuple[Listing[Any], ...] = LISTINGS) -> None:
        self.served = served
        self._lists = {
            listing.path: _List(
                listing,
                served.collections[listing.name],
                ListParser(listing, served.collections[listing.name]),
            )
            for listing in listings
        }
        # Each answer's cache headers but its ETag, encoded once: the same on every answer.
        self._cache_headers = [
            (n.lower().encode(), v.encode("latin-1"))
            for n, v in served.cache.headers("").items()
            if n != "ETag"
        ]
        #: Requests answered here (counted for the tests).
        self.answered = 0

    def answer(self, scope: HTTPScope) -> Answer | None:
        """The answer to ``scope`` if it is a plainly valid JSON page request; else None.

        Its headers never share a name with those the gateway adds to every answer.
        """
        found = self._lists.get(scope["path"])
        if found is None or scope.get("root_path"):
            return None
        try:
            answer = self._page(found, scope)
        except (_Declined, QueryError, NotAcceptable):
            return None
        self.answered += 1
        return answer

    def _page(self, found: _List, scope: HTTPScope) -> Answer:
        read: dict[bytes, str] = {}
        for header, raw in scope["headers"]:
            if header in _DECLINED or header in read:
                raise _Declined
            if header in _READ:
                read[header] = raw.decode("latin-1")
        request = found.parser.parse(scope["query_string"], read.get(b"accept"))
        if request.representation != "json":
            raise _Declined
        collection = found.collection
        served = self.served
        limit = request.limit
        query = build_query(
            collection,
            served.codec,
            request.filters,
            request.q,
            request.sort,
            limit,
            request.cursor,
        )
        path = scope["path"]
        items = request.items
        body, links = json_page(served, collection, found.listing.page_type, query, path, items)
        key = list_key(path, items, "json", str(limit))
        gzip_ok = accepts_gzip(read.get(b"accept-encoding"))
        body, etag, extra = encoded(body, served.cache.etag(key), gzip_ok, links)
        chooser = representation_chooser(request.format, FORMATS)
        variants.declare_in(scope, variants.by_accept(chooser))
        headers = [
            (b"etag", etag.encode("latin-1")),
            *self._cache_headers,
            *((n.lower().encode(), v.encode("latin-1")) for n, v in extra.items()),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        return 200, headers, body
