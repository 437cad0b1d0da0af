"""The parameters every list shares and the one function that answers a list."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlencode

import msgspec
from litestar import Request, Response
from litestar.exceptions import NotFoundException
from litestar.params import QueryParameter

from longgang_api import variants
from longgang_api.http_caching import not_modified, respond
from longgang_api.problems import BadParameter
from longgang_api.query import (
    MAX_LIMIT,
    Collection,
    Scalar,
    build_query,
    paginate,
    select,
)
from longgang_api.representation import (
    MEDIA_TYPES,
    negotiate,
    render_csv,
    render_ndjson,
    representation_chooser,
)
from longgang_api.served import Served

R = TypeVar("R", bound=msgspec.Struct)


def sort_parameter(fields: Iterable[str]) -> QueryParameter:
    """The ``sort`` parameter of a list, its pattern naming exactly the sortable fields."""
    names = sorted(fields)
    field = "-?(?:" + "|".join(names) + ")"
    return QueryParameter(
        description=(
            "Comma-separated fields to sort by, '-' before a field for descending: "
            + ", ".join(names)
            + ". The record id always closes the order, so pages are stable."
        ),
        max_length=200,
        pattern=f"^{field}(?:,{field})*$",
    )


Limit = Annotated[
    int,
    QueryParameter(
        description=f"Records per page (1–{MAX_LIMIT}).",
        ge=1,
        le=MAX_LIMIT,
    ),
]
Cursor = Annotated[
    str | None,
    QueryParameter(
        description="Opaque cursor from the previous page's next_cursor; valid for the same query.",
        min_length=1,
        max_length=64,
        pattern=r"^[A-Za-z0-9_-]+$",
    ),
]
FormatParam = Annotated[
    Literal["auto", "json", "csv", "ndjson"],
    QueryParameter(
        description="Representation; 'auto' (the default) chooses by the Accept header."
    ),
]
Bom = Annotated[
    bool,
    QueryParameter(description="With CSV: prepend the UTF-8 byte order mark (for Excel)."),
]


def check_single(
    request: Request[Any, Any, Any], allowed: frozenset[str], repeatable: frozenset[str]
) -> None:
    """Refuse undocumented parameters and repeats of single-valued ones."""
    seen: set[str] = set()
    for name, _ in request.query_params.multi_items():
        if name not in allowed:
            known = ", ".join(sorted(allowed))
            raise BadParameter(name, f"unknown query parameter {name!r}; accepted here: {known}")
        if name in seen and name not in repeatable:
            raise BadParameter(name, f"query parameter {name!r} may be given only once")
        seen.add(name)


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
    check_single(request, collection.parameters, frozenset(collection.filters))
    chosen = None if format == "auto" else format
    representation = negotiate(request.headers.get("accept"), chosen, ("json", "csv", "ndjson"))
    query = build_query(collection, served.codec, filters, q, sort, limit, cursor)
    key = (
        f"{request.url.path}?{sorted(request.query_params.multi_items())}|{representation}|{limit}"
    )
    variant = variants.by_accept(representation_chooser(chosen, ("json", "csv", "ndjson")))
    unchanged = not_modified(request, served.cache, key, variant)
    if unchanged is not None:  # a revalidation costs no selection and no serialisation
        return unchanged
    records = select(collection, query)
    page = paginate(records, query)
    if query.offset and query.offset >= len(records):
        raise BadParameter("cursor", "cursor points past the end of the list")
    next_cursor = (
        served.codec.encode(f"{collection.name}|{query.scope}", page.next_offset)
        if page.next_offset is not None
        else None
    )
    headers: dict[str, str] = {}
    if next_cursor is not None:
        params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
        params.append(("cursor", next_cursor))
        headers["Link"] = f'<{request.url.path}?{urlencode(params)}>; rel="next"'

    def render() -> bytes:
        if representation == "csv":
            return render_csv(page.items, collection.csv_columns, bom)
        if representation == "ndjson":
            return render_ndjson(page.items)
        return msgspec.json.encode(page_type(items=page.items, next_cursor=next_cursor))

    return respond(
        request, served.cache, key, MEDIA_TYPES[representation], render, headers, variant
    )


def item_response(
    request: Request[Any, Any, Any], served: Served, record: msgspec.Struct
) -> Response[Any]:
    """Answer a single record (JSON only)."""
    check_single(request, frozenset(), frozenset())
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
    """The record with id ``id_``, or a 404 naming what was looked for."""
    try:
        return collection.by_id[id_]
    except KeyError:
        raise NotFoundException(detail=f"no {collection.name} record with id {id_!r}") from None
