"""The application factory: ``create_app(dataset) -> Litestar``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from litestar import Litestar, Router
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.di import Provide
from litestar.exceptions import HTTPException, NotFoundException, ValidationException
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.openapi.spec import Contact, License, Server, Tag

from longgang_api.data.addresses import API_ROOT
from longgang_api.data.artifact import LoadedDataset, read_source
from longgang_api.data.source_layout import SourceView
from longgang_api.pages.docs import DocsController, DocumentController
from longgang_api.pages.errors import routing_error
from longgang_api.pages.routes import PagesController, list_pages
from longgang_api.resources.lists import routers
from longgang_api.resources.meta import DOCUMENTS, HealthController, MetaController
from longgang_api.resources.syndication import FILES, SyndicationController
from longgang_api.settings import Settings
from longgang_api.web.gateway import Gateway
from longgang_api.web.limits import RateLimiter, parse_proxies
from longgang_api.web.listing import Lists
from longgang_api.web.parameter_errors import handle_validation, refuse_unwritten_values
from longgang_api.web.problems import handle_http_exception
from longgang_api.web.representation import NotAcceptable
from longgang_api.web.response_cache import ResponseCache
from longgang_api.web.served import Served

API_VERSION = "1.0.0"
#: Key of the served dataset in ``app.state``.
DATASET_STATE = "dataset"
#: Key of the served collections (their indexes) in ``app.state``.
COLLECTIONS_STATE = "collections"

_TAGS = (
    ("dataset", "The entry point and the dataset's metadata."),
    ("indicators", "Measured concepts of the report, with their observations."),
    (
        "observations",
        "Values of indicators: results of the report's year, targets and plan quantities.",
    ),
    ("projects", "Named projects, facilities and sites, with their mentions."),
    ("glossary", "The report's glossary (名词解释)."),
    ("sections", "The outline and text of the source document."),
    ("search", "Search across every collection."),
    ("reports", "The reports served: a series, each report a dataset of its own."),
    ("targets", "Every target and plan quantity checked against its outcome."),
    ("promises", "Every project planned for a year checked against what a later report says."),
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


def create_app(
    dataset: LoadedDataset,
    settings: Settings | None = None,
) -> Litestar:
    """Build the read-only API over a loaded, verified dataset, run as ``settings`` say.

    ``settings`` default to :class:`Settings`'s defaults. Their ``public_base_url``
    is where the API is reachable from outside; the catalogue's URIs are built on
    it, so it must stay the same across releases. Their ``dataset_folder`` holds
    the source document the ``/source`` page shows; a document other than the one
    the artifact was built from raises ``ArtifactError``.
    """
    settings = Settings() if settings is None else settings
    served = Served.build(dataset, settings.cache_max_age, settings.public_base_url.rstrip("/"))
    # The /source page shows the layout the build made of this document: refuse another.
    folders = {folder.name: folder for folder in settings.report_folders()}
    for part in dataset.parts:
        read_source(part, folders.get(part.artifact.dataset.id, Path(settings.dataset_folder)))

    def provide_served() -> Served:
        return served

    def provide_source_view() -> SourceView:
        return served.syndication.source_view

    v1 = Router(
        path=API_ROOT,
        route_handlers=[
            *DOCUMENTS,
            MetaController,
            *routers(),
            SyndicationController,
            *FILES,
        ],
    )
    app = Litestar(
        route_handlers=[
            v1,
            HealthController,
            DocumentController,
            DocsController,
            PagesController,
            *list_pages(),
        ],
        dependencies={
            "served": Provide(provide_served, sync_to_thread=False, use_cache=True),
            "source_view": Provide(provide_source_view, sync_to_thread=False, use_cache=True),
        },
        before_request=refuse_unwritten_values,
        exception_handlers={
            HTTPException: routing_error,
            ValidationException: handle_validation,
            NotAcceptable: handle_http_exception,
            Exception: handle_http_exception,
        },
        openapi_config=openapi_config(dataset),
        debug=False,
        state=State({DATASET_STATE: dataset, COLLECTIONS_STATE: served.collections}),
    )
    # Pre-routing layers wrap Litestar's handler, so they also see what routing refuses;
    # CORS is among them (longgang_api.web.cors), the same on every answer.
    app.asgi_handler = Gateway(
        app.asgi_handler,
        response_cache=ResponseCache() if settings.response_cache else None,
        rate_limiter=RateLimiter.parse(settings.rate_limit) if settings.rate_limit else None,
        lists=Lists(served),
        proxies=parse_proxies(settings.trusted_proxies),
    )
    return app
