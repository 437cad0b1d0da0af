"""The list and get-one operations of ``/v1``, made from their declarations.

Each :class:`~longgang_api.declarations.Listing` becomes a Router holding a
list handler, whose query parameters are the declared filters followed by the
ones every list shares, and, where declared, a get-one handler.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

from litestar import Request, Response, Router, get
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler
from litestar.params import PathParameter, QueryParameter

from longgang_api.declarations import LISTINGS, Item, Listing, Text
from longgang_api.listing import (
    COMPLETENESS_NOTE,
    Bom,
    Cursor,
    FormatParam,
    Limit,
    find,
    item_response,
    list_response,
    sort_parameter,
)
from longgang_api.problems import problem_responses
from longgang_api.query import DEFAULT_LIMIT
from longgang_api.served import Served

_NO_DEFAULT = inspect.Parameter.empty


def parameter(name: str, annotation: Any, default: Any = _NO_DEFAULT) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
    )


def with_signature(handler: Any, parameters: list[inspect.Parameter], returns: Any) -> Any:
    # Litestar reads the parameters, their documentation and validation from the signature.
    handler.__signature__ = inspect.Signature(parameters, return_annotation=returns)
    handler.__annotations__ = {p.name: p.annotation for p in parameters} | {"return": returns}
    return handler


def context_parameters() -> list[inspect.Parameter]:
    return [
        parameter("request", Request[Any, Any, Any]),
        parameter("served", NamedDependency[Served]),
    ]


def filter_parameters(listing: Listing[Any]) -> list[inspect.Parameter]:
    """The declared filters as query parameters: each optional and repeatable."""
    return [
        parameter(
            f.name,
            Annotated[list[f.type] | None, QueryParameter(description=f.description)],  # type: ignore[name-defined]
            None,
        )
        for f in listing.filters
    ]


def text_annotation(text: Text, *, required: bool) -> Any:
    """The annotation a handler declares a text parameter with, from its declaration."""
    declared = QueryParameter(
        description=text.description,
        min_length=text.min_length,
        max_length=text.max_length,
        pattern=text.pattern,
    )
    return Annotated[str if required else str | None, declared]


def query_parameters(listing: Listing[Any]) -> list[inspect.Parameter]:
    """The query parameters of a list: its declared filters, then those every list shares."""
    filters = filter_parameters(listing)
    # A required q comes first, as Python wants parameters without a default first.
    q_type = text_annotation(listing.q, required=listing.q_required)
    q = parameter("q", q_type) if listing.q_required else parameter("q", q_type, None)
    shared = [
        parameter("sort", Annotated[str | None, sort_parameter(listing.sorts)], None),
        parameter("limit", Limit, DEFAULT_LIMIT),
        parameter("cursor", Cursor, None),
        parameter("format", FormatParam, "auto"),
        parameter("bom", Bom, False),
    ]
    return [q, *filters, *shared] if listing.q_required else [*filters, q, *shared]


def list_handler(listing: Listing[Any]) -> HTTPRouteHandler:
    async def handler(request: Request[Any, Any, Any], served: Served, **query: Any) -> Any:
        filters = {f.name: query.pop(f.name) for f in listing.filters}
        collection = served.collections[listing.name]
        return list_response(request, served, collection, listing.page_type, filters, **query)

    returns = Response[listing.page_type]  # type: ignore[name-defined]
    with_signature(handler, [*context_parameters(), *query_parameters(listing)], returns)
    return get(
        "/",
        operation_id=listing.operation_id,
        summary=listing.summary,
        description=f"{listing.description} {COMPLETENESS_NOTE}",
        responses=problem_responses(400, 406),
        name=listing.operation_id,
    )(handler)


def item_handler(listing: Listing[Any], item: Item) -> HTTPRouteHandler:
    async def handler(request: Request[Any, Any, Any], served: Served, **path: Any) -> Any:
        record = find(served.collections[listing.name], path[item.parameter])
        return item_response(request, served, record)

    path_parameter = parameter(
        item.parameter, Annotated[str, PathParameter(description=item.parameter_description)]
    )
    with_signature(handler, [*context_parameters(), path_parameter], Response[item.type])  # type: ignore[name-defined]
    return get(
        f"/{{{item.parameter}:str}}",
        operation_id=item.operation_id,
        summary=item.summary,
        description=item.description,
        responses=problem_responses(400, 404, 406),
        name=item.operation_id,
    )(handler)


def router(listing: Listing[Any]) -> Router:
    handlers = [list_handler(listing)]
    if listing.item is not None:
        handlers.append(item_handler(listing, listing.item))
    return Router(path=f"/{listing.name}", route_handlers=handlers, tags=[listing.tag])


def routers() -> list[Router]:
    """One Router per declared list resource, each a fresh one (an app owns its handlers)."""
    return [router(listing) for listing in LISTINGS]
