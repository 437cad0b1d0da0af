"""What the framework's handlers share: a :class:`~longgang_api.web.http_caching.Reply` as a
framework response, single records, and the refusal of parameters a resource does not take.

The lists are answered before routing (:mod:`longgang_api.web.listing`); every
other resource — a record, the metadata, the files, the pages — by a handler
of the framework, which answers through :func:`respond`: the same conditional
requests, ranges and gzip as the lists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import msgspec
from litestar import Request, Response, get
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi.datastructures import ResponseSpec

from longgang_api.data.addresses import API_ROOT
from longgang_api.engine.list_request import check_names
from longgang_api.engine.query import Collection
from longgang_api.engine.suggestions import closest_ids, did_you_mean
from longgang_api.web import variants
from longgang_api.web.http_caching import CachePolicy, Reply, buffered
from longgang_api.web.problems import RecordNotFound, problem_responses
from longgang_api.web.representation import (
    MEDIA_TYPES,
    Format,
    negotiate,
    representation_chooser,
)
from longgang_api.web.served import Served

R = TypeVar("R", bound=msgspec.Struct)


def as_response(reply: Reply) -> Response[Any]:
    """``reply`` as the framework sends it (a buffered reply: the handlers stream nothing)."""
    assert isinstance(reply.body, bytes), "a handler's answer is buffered"
    return Response(
        content=reply.body,
        status_code=reply.status,
        media_type=reply.media_type,
        headers=dict(reply.headers),
    )


def respond(
    request: Request[Any, Any, Any],
    policy: CachePolicy,
    key: str,
    media_type: str,
    render: Callable[[], bytes],
    headers: Mapping[str, str] | None = None,
    variant: variants.Chooser = variants.constant,
) -> Response[Any]:
    """:func:`~longgang_api.web.http_caching.buffered` for a handler of the framework.

    ``variant`` says how the representation was chosen, for the response cache.
    """
    variants.declare(request, variant)
    return as_response(buffered(request.headers, policy, key, media_type, render, headers))


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


def item_response(
    request: Request[Any, Any, Any],
    served: Served,
    record: msgspec.Struct,
    linked: Callable[[], bytes] | None = None,
) -> Response[Any]:
    """Answer a single record: JSON, or, when ``linked`` renders one, its JSON-LD view if
    ``Accept`` prefers it."""
    check_single(request, frozenset(), frozenset(), answers="JSON")
    offered: tuple[Format, ...] = ("json",) if linked is None else ("json", "jsonld")
    chosen = negotiate(request.headers.get("accept"), None, offered)
    render = linked if chosen == "jsonld" and linked is not None else None
    return respond(
        request,
        served.cache,
        f"{request.url.path}|{chosen}",
        MEDIA_TYPES[chosen],
        render or (lambda: msgspec.json.encode(record)),
        variant=variants.by_accept(representation_chooser(None, offered)),
    )


def document_route(
    path: str,
    operation_id: str,
    summary: str,
    description: str,
    type_: type[R],
    body_of: Callable[[Served], R],
) -> HTTPRouteHandler:
    """A JSON document of the served data at a fixed path (``type_``, made by ``body_of``)."""

    async def handler(request: Request[Any, Any, Any], served: NamedDependency[Served]) -> Any:
        return item_response(request, served, body_of(served))

    spec = ResponseSpec(
        data_container=type_,
        description="Request fulfilled, document follows",
        generate_examples=False,
    )
    return get(
        path,
        operation_id=operation_id,
        summary=summary,
        description=description,
        responses={200: spec, **problem_responses(400, 406)},
        tags=["dataset"],
    )(handler)


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
        detail += f"; the ids are listed at {API_ROOT}/{collection.name}"
    raise RecordNotFound(detail, suggestions)
