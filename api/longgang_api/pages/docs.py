"""``/openapi.json`` (the committed document), ``/docs`` (Swagger UI, served by us) and the guides.

None of them takes a query parameter: any one is refused with a 400, as
problem details on ``/openapi.json`` and for a program, as the error page for a
browser under ``/docs``.

The document is answered like the data: a strong ETag, 304s and gzip.

The documentation page (``reference.html``, on the pages' layout under the
documentation's bar, styled by the pages' one stylesheet) runs Swagger UI, whose
assets come from the installed ``swagger-ui-py`` package; nothing is fetched from
another host (the validator badge, which would call one, is switched off), and
the page's Content-Security-Policy (:data:`~longgang_api.pages.csp.SWAGGER_UI`)
allows only what Swagger UI uses, from this origin.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

import msgspec
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from longgang_api.data import media_types
from longgang_api.pages import csp
from longgang_api.pages.errors import PAGE_EXCEPTION_HANDLERS
from longgang_api.pages.guides import INDEX, pages
from longgang_api.pages.rendering import render
from longgang_api.web.routed import respond, takes_no_parameters
from longgang_api.web.served import Served

#: The committed document (``openapi/v1.json``), shipped in the package as data.
OPENAPI_RESOURCE = "openapi.json"
#: Each asset of ``/docs`` (Swagger UI's, from the ``swagger-ui-py`` package): its media type.
_ASSETS = {
    "swagger-ui.css": media_types.CSS,
    "swagger-ui-bundle.js": media_types.JAVASCRIPT,
    "favicon-32x32.png": media_types.PNG,
}
_INIT = """window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: true,
    tryItOutEnabled: true
  });
};
"""
_IMMUTABLE = {"Cache-Control": "public, max-age=86400"}


def _asset_path(name: str) -> Path:
    return Path(str(resources.files("swagger_ui") / "static" / name))


@functools.cache
def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.cache
def _file(path: Path) -> bytes:
    # These files never change while the server runs: read each once.
    return path.read_bytes()


def _openapi_document() -> bytes:
    return _file(Path(str(resources.files("longgang_api") / OPENAPI_RESOURCE)))


@functools.cache
def _reference_page(dataset_version: str) -> bytes:
    """``/docs``: Swagger UI under the documentation's bar, which names both versions.

    Swagger UI's badge shows the API document's ``info.version``, the version of
    the interface; the data has its own (the dataset's ``version``), and a reader
    who sees only the badge would take one for the other.
    """
    api_version = msgspec.json.decode(_openapi_document())["info"]["version"]
    return render(
        "reference.html",
        "en",
        "/docs",
        alternates=[],
        api_version=api_version,
        dataset_version=dataset_version,
    ).encode()


def _guide(request: Request[Any, Any, Any], served: Served, slug: str) -> Response[bytes]:
    """A page of ``/docs/guides``, cached like every page: strong ETag, 304s, gzip."""
    body = pages()[slug]
    # The guides ship with the code, not with the artifact: the page's own hash is in the key.
    key = f"guide|{slug}|{_digest(body)}"
    headers = {"Content-Security-Policy": csp.PAGE, "Content-Language": "en"}
    return respond(request, served.cache, key, media_types.HTML, lambda: body, headers)


class DocumentController(Controller):
    """``/openapi.json``: read by programs like the API, so its errors are problem details."""

    path = "/"
    include_in_schema = False
    guards = [takes_no_parameters]

    @get("/openapi.json")
    async def openapi_document(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        document = _openapi_document()
        # The document ships with the code, not with the artifact: its own hash is in the key.
        key = f"openapi.json|{_digest(document)}"
        media = media_types.OPENAPI_JSON
        return respond(request, served.cache, key, media, lambda: document)


class DocsController(Controller):
    """``/docs``, its assets and the guides: read by people, so a browser's error is a page."""

    path = "/"
    include_in_schema = False
    guards = [takes_no_parameters]
    exception_handlers = PAGE_EXCEPTION_HANDLERS

    @get("/docs")
    async def docs_page(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        body = _reference_page(served.dataset.artifact.dataset.version)
        key = f"docs|{_digest(body)}"
        headers = {"Content-Security-Policy": csp.SWAGGER_UI, "Content-Language": "en"}
        return respond(request, served.cache, key, media_types.HTML, lambda: body, headers)

    @get("/docs/guides")
    async def guides_index(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        return _guide(request, served, INDEX)

    @get("/docs/guides/{slug:str}")
    async def guide(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served], slug: FromPath[str]
    ) -> Response[bytes]:
        if slug == INDEX or slug not in pages():
            raise NotFoundException(detail=f"no guide {slug!r}")
        return _guide(request, served, slug)

    @get("/docs/init.js")
    async def docs_init(self) -> Response[str]:
        return Response(content=_INIT, media_type=media_types.JAVASCRIPT, headers=_IMMUTABLE)

    @get("/docs/assets/{name:str}")
    async def docs_asset(self, name: FromPath[str]) -> Response[bytes]:
        if name not in _ASSETS:
            raise NotFoundException(detail=f"no documentation asset {name!r}")
        return Response(
            content=_file(_asset_path(name)),
            media_type=_ASSETS[name],
            headers=_IMMUTABLE,
        )
