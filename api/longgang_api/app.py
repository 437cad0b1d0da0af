"""The application factory: ``create_app(dataset) -> Litestar``."""

from __future__ import annotations

from typing import Any, cast

from litestar import Litestar, Router
from litestar.config.cors import CORSConfig
from litestar.connection import ASGIConnection
from litestar.di import Provide
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException, NotFoundException
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.openapi.spec import Contact, License, Server, Tag
from litestar.types import (
    HTTPScope,
    LifeSpanReceive,
    LifeSpanScope,
    LifeSpanSend,
    Receive,
    Scope,
    Send,
)

from longgang_api.artifact import LoadedDataset
from longgang_api.docs import DocsController
from longgang_api.headers import standard_headers, wrap_send
from longgang_api.landing import LandingController
from longgang_api.limits import RateLimiter, oversize_status
from longgang_api.problems import NotAcceptable, handle_http_exception, send_problem
from longgang_api.resources.glossary import GlossaryController
from longgang_api.resources.indicators import IndicatorController
from longgang_api.resources.meta import HealthController, MetaController
from longgang_api.resources.observations import ObservationController
from longgang_api.resources.projects import ProjectController
from longgang_api.resources.search import SearchController
from longgang_api.resources.sections import SectionController
from longgang_api.resources.syndication import SyndicationController
from longgang_api.response_cache import ResponseCache
from longgang_api.served import Served

API_VERSION = "1.0.0"
DEFAULT_MAX_AGE = 3600
DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"

_TAGS = (
    ("dataset", "The entry point and the dataset's metadata."),
    ("indicators", "Measured concepts of the report, with their observations."),
    ("observations", "Values of indicators: 2023 actuals, 2024 targets and plan quantities."),
    ("projects", "Named projects, facilities and sites, with their mentions."),
    ("glossary", "The report's glossary (名词解释)."),
    ("sections", "The outline and text of the source document."),
    ("search", "Search across every collection."),
    ("health", "Liveness and readiness of the server."),
)


def openapi_config(dataset: LoadedDataset) -> OpenAPIConfig:
    meta = dataset.artifact.dataset
    return OpenAPIConfig(
        title="Longgang Open Data API",
        version=API_VERSION,
        summary=meta.title.en,
        description=(
            f"{meta.description.en}\n\n{meta.translation_note.en} "
            "Errors are RFC 9457 problem details (application/problem+json)."
        ),
        license=License(name=meta.license.id, identifier=meta.license.id),
        contact=Contact(name="Longgang Open Data"),
        servers=[Server(url="/", description="This server")],
        tags=[Tag(name=name, description=text) for name, text in _TAGS],
        use_handler_docstrings=False,
        # Litestar always mounts a router for its own documentation pages and a
        # second document; an empty ``render_plugins`` even brings back all of them
        # (with scripts from other hosts). Ours are /docs and /openapi.json: one
        # plugin keeps that router to its smallest, and the router refuses every request.
        render_plugins=[JsonRenderPlugin()],
        openapi_router=Router(
            _FRAMEWORK_DOCS_PATH,
            route_handlers=[],
            include_in_schema=False,
            guards=[_not_served],
        ),
    )


_FRAMEWORK_DOCS_PATH = "/schema"


def _not_served(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    raise NotFoundException(detail=f"nothing is served at {connection.url.path}")


class ReadOnlyApp(Litestar):
    """The Litestar app behind one entry that every request passes first.

    There: oversized requests are refused, the optional rate limit applies,
    HEAD is answered as GET without the body (so the document lists each
    operation once), every answer gets its request id and security headers,
    and a :class:`ResponseCache` answers repeated reads before any routing.
    """

    response_cache: ResponseCache | None = None
    rate_limiter: RateLimiter | None = None

    async def __call__(
        self,
        scope: Scope | LifeSpanScope,
        receive: Receive | LifeSpanReceive,
        send: Send | LifeSpanSend,
    ) -> None:
        if scope["type"] != ScopeType.HTTP:
            await super().__call__(scope, receive, send)
            return
        http_scope = cast("HTTPScope", scope)
        raw_send = cast("Send", send)
        extra = standard_headers(http_scope)
        oversize = oversize_status(http_scope)
        if oversize is not None:
            await send_problem(
                raw_send, oversize, "the request is larger than this server accepts", extra
            )
            return
        if self.rate_limiter is not None:
            client = http_scope.get("client") or ("unknown", 0)
            decision = self.rate_limiter.check(client[0])
            extra += decision.headers()
            if not decision.allowed:
                detail = f"too many requests; retry in {decision.reset_seconds} s"
                await send_problem(raw_send, 429, detail, extra)
                return
        head = http_scope["method"] == "HEAD"
        if head:
            http_scope = cast("HTTPScope", {**http_scope, "method": "GET"})
        cache = self.response_cache
        if cache is not None and http_scope["method"] == "GET":
            if await cache.answer(http_scope, raw_send, extra, head=head):
                return
            outgoing = cache.recording(http_scope, wrap_send(raw_send, extra, head=head))
        else:
            outgoing = wrap_send(raw_send, extra, head=head)
        await super().__call__(http_scope, receive, outgoing)


def create_app(
    dataset: LoadedDataset,
    *,
    max_age: int = DEFAULT_MAX_AGE,
    public_base_url: str = DEFAULT_PUBLIC_BASE_URL,
    response_cache: bool = True,
    rate_limit: str | None = None,
) -> Litestar:
    """Build the read-only API over a loaded, verified dataset.

    ``public_base_url`` is where the API is reachable from outside; the
    catalogue's URIs are built on it, so it must stay the same across releases.
    """
    served = Served.build(dataset, max_age, public_base_url.rstrip("/"))

    def provide_served() -> Served:
        return served

    v1 = Router(
        path="/v1",
        route_handlers=[
            MetaController,
            IndicatorController,
            ObservationController,
            ProjectController,
            GlossaryController,
            SectionController,
            SearchController,
            SyndicationController,
        ],
    )
    app = ReadOnlyApp(
        route_handlers=[v1, HealthController, DocsController, LandingController],
        dependencies={"served": Provide(provide_served, sync_to_thread=False, use_cache=True)},
        exception_handlers={
            HTTPException: handle_http_exception,
            NotAcceptable: handle_http_exception,
            Exception: handle_http_exception,
        },
        cors_config=CORSConfig(
            allow_origins=["*"],
            allow_methods=["GET", "HEAD", "OPTIONS"],
            allow_headers=["Accept", "If-None-Match", "X-Request-ID"],
            expose_headers=["ETag", "Link", "X-Request-ID"],
            max_age=86400,
        ),
        openapi_config=openapi_config(dataset),
        debug=False,
    )
    if response_cache:
        app.response_cache = ResponseCache()
    if rate_limit:
        app.rate_limiter = RateLimiter.parse(rate_limit)
    return app
