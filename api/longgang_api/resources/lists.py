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

from longgang_api.declarations import LISTINGS, Item, Listing
from longgang_api.list_request import Parameter, list_parameters
from longgang_api.listing import COMPLETENESS_NOTE, find, item_response, list_response
from longgang_api.problems import problem_responses
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


def signature_parameter(declared: Parameter) -> inspect.Parameter:
    """A declared query parameter as the framework reads it from a handler's signature."""
    annotation: Any = list[declared.type] if declared.repeatable else declared.type  # type: ignore[name-defined]
    optional = not declared.required and declared.default is None
    if optional:
        annotation = annotation | None
    documented = QueryParameter(description=declared.description, **declared.bounds)
    default = _NO_DEFAULT if declared.required else declared.default
    return parameter(declared.name, Annotated[annotation, documented], default)


def query_parameters(listing: Listing[Any]) -> list[inspect.Parameter]:
    """The query parameters of a list, from their declarations."""
    return [signature_parameter(p) for p in list_parameters(listing)]


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
