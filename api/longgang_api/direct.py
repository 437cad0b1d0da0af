"""JSON list pages answered before routing: the common request, without the framework's work.

Most requests to an API like this one are a page of a list as JSON. Routing
one through the framework (its request object, dependency injection, the
validation of every parameter, its response object) costs more than finding
the page. So the :class:`~longgang_api.gateway.Gateway` first offers a GET to
:class:`DirectLists`, which answers it when it is plainly valid:

- its path is a list of ``/v1`` (``/v1/observations``, ``/v1/search`` …);
- every parameter is one the list declares, given once unless repeatable,
  non-empty, and valid against the same declaration the framework reads
  (:func:`longgang_api.resources.lists.query_parameters`: types, patterns,
  lengths and bounds), an integer or a boolean written in the API's one
  grammar (:mod:`longgang_api.parameter_values`);
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

import inspect
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Union

import msgspec
from litestar.params import KwargDefinition
from litestar.types import HTTPScope

from longgang_api import variants
from longgang_api.declarations import LISTINGS, Listing
from longgang_api.headers import Answer
from longgang_api.http_caching import accepts_gzip, encoded
from longgang_api.listing import check_names, json_page, list_key, query_items
from longgang_api.parameter_values import Kind, kind_of, read
from longgang_api.query import Collection, build_query
from longgang_api.query_error import QueryError
from longgang_api.representation import Format, NotAcceptable, negotiate, representation_chooser
from longgang_api.resources.lists import query_parameters
from longgang_api.served import Served

#: Request headers that make an answer more than a plain 200 (the framework's path).
_DECLINED = frozenset({b"if-none-match", b"if-modified-since", b"range", b"if-range"})
#: Request headers read here; given twice, the framework decides which one counts.
_READ = (b"accept", b"accept-encoding")
_FORMATS: tuple[Format, ...] = ("json", "csv", "ndjson")
#: Constraints a declaration may carry, as msgspec names them.
_BOUNDS = ("ge", "gt", "le", "lt", "multiple_of", "pattern", "min_length", "max_length")
#: Constraints read nowhere here: a declaration using one is refused at start-up.
_UNREAD = ("const", "lower_case", "upper_case", "min_items", "max_items")


class _Declined(Exception):
    """The request is for the framework to answer."""


#: Texts whose reading each parameter remembers (most parameters take few values).
_REMEMBERED = 4096


@dataclass(frozen=True, slots=True)
class _Parameter:
    """One query parameter of a list: how its text is read, and its default."""

    name: str
    type: Any
    repeatable: bool
    required: bool
    default: Any
    #: Integer or boolean: read by the API's grammar before the type checks the value.
    kind: Kind | None
    _seen: dict[str, Any] = field(default_factory=dict)

    def read(self, texts: list[str]) -> Any:
        if len(texts) > 1 and not self.repeatable:
            raise _Declined
        values = [self._value(t) for t in texts]
        return values if self.repeatable else values[0]

    def _value(self, text: str) -> Any:
        try:
            return self._seen[text]
        except KeyError:
            pass
        written: Any = text
        if self.kind is not None:
            # msgspec's lenient reading of text would take 1e2 or 1; the grammar does not.
            written = read(self.kind, text)
            if written is None:
                raise _Declined
        try:
            value = msgspec.convert(written, self.type)
        except msgspec.ValidationError:
            raise _Declined from None
        if len(self._seen) >= _REMEMBERED:
            self._seen.clear()
        self._seen[text] = value
        return value


def _parameter(declared: inspect.Parameter) -> _Parameter:
    """How to read a parameter, from the annotation the framework reads."""
    annotation = declared.annotation
    kind = kind_of(annotation)
    bound: dict[str, Any] = {}
    if typing.get_origin(annotation) is Annotated:
        annotation, *metadata = typing.get_args(annotation)
        for marker in metadata:
            if isinstance(marker, KwargDefinition):
                unread = [name for name in _UNREAD if getattr(marker, name) not in (None, False)]
                if unread:
                    raise ValueError(f"{declared.name}: constraints {unread} are not read here")
                bound = {n: getattr(marker, n) for n in _BOUNDS if getattr(marker, n) is not None}
    if typing.get_origin(annotation) in (Union, types.UnionType):
        annotation = Union[tuple(a for a in typing.get_args(annotation) if a is not type(None))]  # noqa: UP007
    repeatable = typing.get_origin(annotation) is list
    if repeatable:
        (annotation,) = typing.get_args(annotation)
    checked = Annotated[annotation, msgspec.Meta(**bound)] if bound else annotation
    required = declared.default is inspect.Parameter.empty
    default = None if required else declared.default
    return _Parameter(declared.name, checked, repeatable, required, default, kind)


@dataclass(frozen=True, slots=True)
class _List:
    listing: Listing[Any]
    collection: Collection[Any]
    parameters: Mapping[str, _Parameter]

    def kwargs(self, texts: Mapping[str, list[str]]) -> dict[str, Any]:
        read: dict[str, Any] = {}
        for name, parameter in self.parameters.items():
            given = texts.get(name)
            if given is None:
                if parameter.required:
                    raise _Declined
                read[name] = parameter.default
            else:
                read[name] = parameter.read(given)
        return read


class DirectLists:
    """Answers the plainly valid JSON page requests of every list, before routing."""

    def __init__(self, served: Served, listings: tuple[Listing[Any], ...] = LISTINGS) -> None:
        self.served = served
        self._lists = {
            f"/v1/{listing.name}": _List(
                listing,
                served.collections[listing.name],
                {p.name: _parameter(p) for p in query_parameters(listing)},
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
        # The list handler's reading of the query string (blank values kept, to decline).
        items = query_items(scope["query_string"], keep_blank=True)
        collection = found.collection
        check_names(items, collection.parameters, collection.repeatable)
        texts: dict[str, list[str]] = {}
        for name, value in items:
            if not value:
                raise _Declined
            texts.setdefault(name, []).append(value)
        kwargs = found.kwargs(texts)
        chosen = None if kwargs["format"] == "auto" else kwargs["format"]
        if negotiate(read.get(b"accept"), chosen, _FORMATS) != "json":
            raise _Declined
        filters = {f.name: kwargs[f.name] for f in found.listing.filters}
        served = self.served
        limit = kwargs["limit"]
        query = build_query(
            collection, served.codec, filters, kwargs["q"], kwargs["sort"], limit, kwargs["cursor"]
        )
        path = scope["path"]
        body, links = json_page(served, collection, found.listing.page_type, query, path, items)
        key = list_key(path, items, "json", str(limit))
        gzip_ok = accepts_gzip(read.get(b"accept-encoding"))
        body, etag, extra = encoded(body, served.cache.etag(key), gzip_ok, links)
        variants.declare_in(scope, variants.by_accept(representation_chooser(chosen, _FORMATS)))
        headers = [
            (b"etag", etag.encode("latin-1")),
            *self._cache_headers,
            *((n.lower().encode(), v.encode("latin-1")) for n, v in extra.items()),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        return 200, headers, body
