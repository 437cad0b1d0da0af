"""The one function that answers a list, and the checks of parameter names."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, TypeVar
from urllib.parse import quote_plus

import msgspec
from litestar import Request, Response
from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from longgang_api import variants
from longgang_api.http_caching import not_modified, respond
from longgang_api.list_request import check_names, query_items
from longgang_api.problems import RecordNotFound
from longgang_api.query import (
    Collection,
    ListQuery,
    Page,
    Scalar,
    build_query,
    paginate,
)
from longgang_api.representation import MEDIA_TYPES, negotiate, representation_chooser
from longgang_api.served import Served
from longgang_api.streaming import respond_streamed
from longgang_api.suggestions import closest_ids, did_you_mean
from longgang_api.tabular import csv_chunks, ndjson_chunks, render_csv, render_ndjson

R = TypeVar("R", bound=msgspec.Struct)

#: What every list operation's description says about its representations.
COMPLETENESS_NOTE = (
    "JSON pages carry total, the number of items matching the query. As CSV or NDJSON "
    "without limit, the answer holds every matching record, streamed; with limit, it "
    "pages like JSON, the next page in the Link header."
)


def check_single(
    request: Request[Any, Any, Any],
    allowed: frozenset[str],
    repeatable: frozenset[str],
    *,
    answers: str | None = None,
) -> None:
    """Refuse undocumented parameters and repeats of single-valued ones.

    ``answers`` names the one representation of a resource that takes no
    parameter, for whoever tries ``format`` on it.
    """
    check_names(request.query_params.multi_items(), allowed, repeatable, answers=answers)


def takes_no_parameters(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """A guard for the routes that take no query parameter: any one is refused (400)."""
    check_names(connection.query_params.multi_items(), frozenset(), frozenset())


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


def list_response(
    request: Request[Any, Any, Any],
    served: Served,
    collection: Collection[R],
    page_type: Callable[..., msgspec.Struct],
    filters: Mapping[str, Sequence[Scalar] | Scalar],
    *,
    q: str | None,
    sort: str | None,
    limit: int,
    cursor: str | None,
    format: Literal["auto", "json", "csv", "ndjson"],
    bom: bool,
) -> Response[Any]:
    """Answer a list request in the negotiated representation, with paging links."""
    items = query_items(request.scope["query_string"])
    check_names(items, collection.parameters, collection.repeatable)
    chosen = None if format == "auto" else format
    representation = negotiate(request.headers.get("accept"), chosen, ("json", "csv", "ndjson"))
    # CSV and NDJSON readers never follow a Link header: without limit, every row.
    complete = representation != "json" and "limit" not in request.query_params
    query = build_query(collection, served.codec, filters, q, sort, limit, cursor)
    path = request.url.path
    key = list_key(path, items, representation, "all" if complete else str(limit))
    variant = variants.by_accept(representation_chooser(chosen, ("json", "csv", "ndjson")))
    unchanged = not_modified(request, served.cache, key, variant, ranges=not complete)
    if unchanged is not None:  # a revalidation costs no selection and no serialisation
        return unchanged
    media_type = MEDIA_TYPES[representation]
    if complete:
        page = paginate(collection, query, whole=True)
        rows = page.items

        def chunks() -> Iterator[bytes]:
            if representation == "csv":
                return csv_chunks(rows, collection.csv_columns, bom)
            return ndjson_chunks(rows)

        return respond_streamed(request, served.cache, key, media_type, chunks, variant=variant)
    if representation == "json":
        body, headers = json_page(served, collection, page_type, query, path, items)
        return respond(request, served.cache, key, media_type, lambda: body, headers, variant)
    page, _, headers = _paged(served, collection, query, path, items)

    def render() -> bytes:
        if representation == "csv":
            return render_csv(page.items, collection.csv_columns, bom)
        return render_ndjson(page.items)

    return respond(request, served.cache, key, media_type, render, headers, variant)


def item_response(
    request: Request[Any, Any, Any], served: Served, record: msgspec.Struct
) -> Response[Any]:
    """Answer a single record (JSON only)."""
    check_single(request, frozenset(), frozenset(), answers="JSON")
    negotiate(request.headers.get("accept"), None, ("json",))
    return respond(
        request,
        served.cache,
        f"{request.url.path}|json",
        MEDIA_TYPES["json"],
        lambda: msgspec.json.encode(record),
        variant=variants.by_accept(representation_chooser(None, ("json",))),
    )


def find(collection: Collection[R], id_: str) -> R:
    """The record with id ``id_``, or a 404 naming what was looked for and close ids."""
    try:
        return collection.by_id[id_]
    except KeyError:
        pass
    suggestions = closest_ids(id_, collection.by_id)
    detail = f"no {collection.noun} with id {id_!r}"
    if suggestions:
        detail += did_you_mean(suggestions)
    else:
        detail += f"; the ids are listed at /v1/{collection.name}"
    raise RecordNotFound(detail, suggestions)
