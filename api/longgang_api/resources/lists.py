"""The list and get-one operations of ``/v1``, made from their declarations.

Each :class:`~longgang_api.engine.declarations.Listing` becomes a Router holding the
route of its list (answered before routing) and, where declared, a get-one handler.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import msgspec
from litestar import Request, Response, Router, get
from litestar.di import NamedDependency
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec

from longgang_api.data.release_changes import gone
from longgang_api.data.web_annotation import SOURCE_TEXT_NAME, record_view
from longgang_api.engine.declarations import LISTINGS, Item, Listing
from longgang_api.web.links import download_href, record_href
from longgang_api.web.listing import COMPLETENESS_NOTE
from longgang_api.web.problems import RecordNotFound, problem_responses
from longgang_api.web.routed import find, item_response
from longgang_api.web.served import Served


def list_handler(listing: Listing[Any]) -> HTTPRouteHandler:
    """The route of a list: it lists the operation in the document; the gateway answers it.

    Every GET and HEAD of a list is answered before routing, by
    :class:`~longgang_api.web.listing.Lists`; the route makes the framework answer
    any other method with 405 and write the operation, its answers and
    problems into the document. Its query parameters are written there from
    their declarations (``longgang_release.openapi``).
    """

    async def handler() -> None:
        raise RuntimeError(f"{listing.path} is answered before routing")

    page = ResponseSpec(
        data_container=listing.page_type,
        description="Request fulfilled, document follows",
        generate_examples=False,
    )
    return get(
        "/",
        operation_id=listing.operation_id,
        summary=listing.summary,
        description=f"{listing.description} {COMPLETENESS_NOTE}",
        responses={200: page, **problem_responses(400, 406)},
        name=listing.operation_id,
    )(handler)


def _linked(served: Served, listing: Listing[Any], id_: str, record: msgspec.Struct) -> bytes:
    """The JSON-LD view of one record (:mod:`longgang_api.data.web_annotation`)."""
    base = served.public_base_url
    downloaded = served.dataset.artifact.dataset.id

    def document(report: str | None) -> tuple[str, str]:
        report = report or downloaded
        page = f"{base}/source/{quote(report, safe='')}"
        # The text the selectors index is a download of the report whose files are served
        # (the latest of a series); an earlier report's text is not served, so its target
        # names the document.
        text = f"{base}{download_href(SOURCE_TEXT_NAME)}" if report == downloaded else page
        return page, text

    view = record_view(record, f"{base}{record_href(listing, id_)}", id_, document)
    return msgspec.json.encode(view)


def item_handler(listing: Listing[Any], item: Item) -> HTTPRouteHandler:
    """The get-one operation of a list: its record by id, or a 404 naming the closest ids
    (or, for an id of an earlier release, the release that removed or renamed it).

    Its id is read from the path; the document describes it from the declaration
    (``longgang_release.openapi``), as it does the lists' query parameters.
    """

    async def handler(
        request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[Any]:
        id_ = request.path_params[item.parameter]
        collection = served.collections[listing.name]
        try:
            record = find(collection, id_)
        except RecordNotFound:
            # An id of an earlier release: say where it went, by the change lists.
            went = gone(served.dataset.artifact.changes, listing.name, collection.noun, id_)
            if went is None:
                raise
            raise RecordNotFound(went.detail, went.ids) from None
        return item_response(request, served, record, lambda: _linked(served, listing, id_, record))

    record = ResponseSpec(
        data_container=item.type,
        description="Request fulfilled, document follows",
        generate_examples=False,
    )
    return get(
        f"/{{{item.parameter}:str}}",
        operation_id=item.operation_id,
        summary=item.summary,
        description=item.description,
        responses={200: record, **problem_responses(400, 404, 406)},
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
