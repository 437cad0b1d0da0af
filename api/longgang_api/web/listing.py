"""The one answer to a list request, whatever its representation, made before routing.

:class:`Lists` answers every ``GET`` and ``HEAD`` of a ``/v1`` list (the
:class:`~longgang_api.web.gateway.Gateway` asks it first): it reads the request
with the list's :class:`~longgang_api.engine.list_request.ListParser`, asks the query
engine for the page, and answers JSON, CSV or NDJSON with the conditional
requests, ranges and gzip of :mod:`~longgang_api.web.http_caching` — or the
problem that says what to fix. Nothing of the framework runs for a list: its
route exists so that the framework lists the operation in the OpenAPI document
and answers other methods with 405.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote_plus

import msgspec

from longgang_api.data.tabular import csv_chunks, ndjson_chunks, render_csv, render_ndjson
from longgang_api.engine.declarations import LISTINGS, Listing
from longgang_api.engine.list_request import FORMATS, ListParser, ListRequest
from longgang_api.engine.query import Collection, ListQuery, Page, build_query, paginate
from longgang_api.engine.query_error import QueryError
from longgang_api.web import variants
from longgang_api.web.headers import Answer, Streamed
from longgang_api.web.http_caching import buffered, first_values, revalidation, streamed
from longgang_api.web.problems import problem_answer
from longgang_api.web.representation import MEDIA_TYPES, NotAcceptable, representation_chooser
from longgang_api.web.served import Served

if TYPE_CHECKING:
    from litestar.types import HTTPScope

R = TypeVar("R", bound=msgspec.Struct)

#: What every list operation's description says about its representations.
COMPLETENESS_NOTE = (
    "JSON pages carry total, the number of items matching the query. As CSV or NDJSON "
    "without limit, the answer holds every matching record, streamed; with limit, it "
    "pages like JSON, the next page in the Link header."
)


def list_key(path: str, items: Iterable[tuple[str, str]], representation: str, size: str) -> str:
    """What a list answer's ETag is made from: everything that chooses its bytes."""
    return f"{path}?{sorted(items)}|{representation}|{size}"


def json_page(
    served: Served,
    collection: Collection[R],
    page_type: Callable[..., msgspec.Struct],
    query: ListQuery,
    path: str,
    items: Sequence[tuple[str, str]],
) -> tuple[bytes, dict[str, str]]:
    """The JSON page of ``query`` and its headers (the next page's ``Link``)."""
    page, next_cursor, headers = _paged(served, collection, query, path, items)
    body = msgspec.json.encode(
        page_type(items=page.items, next_cursor=next_cursor, total=page.total)
    )
    return body, headers


def _paged(
    served: Served,
    collection: Collection[R],
    query: ListQuery,
    path: str,
    items: Sequence[tuple[str, str]],
) -> tuple[Page[R], str | None, dict[str, str]]:
    page = paginate(collection, query)
    if page.next_key is None:
        return page, None, {}
    next_cursor = served.codec.encode(f"{collection.name}|{query.scope}", page.next_key)
    params = [(k, v) for k, v in items if k != "cursor"]
    params.append(("cursor", next_cursor))
    return page, next_cursor, {"Link": f'<{path}?{query_string(params)}>; rel="next"'}


_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")


def query_string(params: Iterable[tuple[str, str]]) -> str:
    """``urllib.parse.urlencode(params)``, quoting only what holds a character to quote:
    names, cursors and most values hold none, and quoting them costs a page microseconds."""
    return "&".join(f"{_plain_or_quoted(name)}={_plain_or_quoted(value)}" for name, value in params)


def _plain_or_quoted(text: str) -> str:
    return text if _UNRESERVED.fullmatch(text) else quote_plus(text)


@dataclass(frozen=True, slots=True)
class _List:
    listing: Listing[Any]
    collection: Collection[Any]
    parser: ListParser


class Lists:
    """Answers every request of every ``/v1`` list, before routing."""

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

    def answer(self, scope: HTTPScope) -> Answer | Streamed | None:
        """The answer to ``scope`` (a GET) when its path is a list's; None for any other path.

        The path is the list's with or without one closing slash, as the
        framework routes it; the links and ETags name the list's own path.
        """
        path = scope["path"]
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :]
        found = self._lists.get(path) or self._lists.get(path[:-1] if path[-1:] == "/" else "")
        if found is None:
            return None
        try:
            return self._answer(found, scope)
        except QueryError as refused:
            return problem_answer(400, refused.detail, refused.parameter, refused.suggestions)
        except NotAcceptable as refused:
            return problem_answer(406, str(refused))

    def _answer(self, found: _List, scope: HTTPScope) -> Answer | Streamed:
        headers = first_values(scope["headers"])
        request = found.parser.parse(scope["query_string"], headers.get("accept"))
        representation = request.representation or "json"
        served = self.served
        collection = found.collection
        query = _query(served, collection, request)
        path = found.listing.path
        # CSV and NDJSON readers never follow a Link header: without limit, every row.
        complete = representation != "json" and not request.limit_given
        size = "all" if complete else str(request.limit)
        key = list_key(path, request.items, representation, size)
        chooser = representation_chooser(request.format, FORMATS)
        variants.declare_in(scope, variants.by_accept(chooser))
        media_type = MEDIA_TYPES[representation]
        revalidated = revalidation(headers, served.cache, key, ranges=not complete)
        if revalidated is not None:  # a revalidation costs no selection and no serialisation
            return revalidated.encoded()
        if complete:
            rows = paginate(collection, query, whole=True).items
            columns = collection.csv_columns

            def chunks() -> Iterator[bytes]:
                if representation == "csv":
                    return csv_chunks(rows, columns, request.bom)
                return ndjson_chunks(rows)

            return streamed(headers, served.cache, key, media_type, chunks).encoded()
        items = request.items
        if representation == "json":
            body, links = json_page(served, collection, found.listing.page_type, query, path, items)
            return buffered(headers, served.cache, key, media_type, lambda: body, links).encoded()
        page, _, links = _paged(served, collection, query, path, items)
        if representation == "csv":
            body = render_csv(page.items, collection.csv_columns, request.bom)
        else:
            body = render_ndjson(page.items)
        return buffered(headers, served.cache, key, media_type, lambda: body, links).encoded()


def _query(served: Served, collection: Collection[Any], request: ListRequest) -> ListQuery:
    return build_query(
        collection,
        served.codec,
        request.filters,
        request.q,
        request.sort,
        request.limit,
        request.cursor,
    )
