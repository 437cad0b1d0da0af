"""What portals harvest: the DCAT-AP catalogue, the data package, downloads and releases."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import PathParameter

from longgang_api.envelopes import ReleaseList
from longgang_api.http_caching import respond
from longgang_api.listing import check_single, item_response
from longgang_api.problems import BadParameter, NotAcceptable, problem_responses
from longgang_api.representation import accepted_media
from longgang_api.served import Served

_BOM = "\ufeff".encode()
_CATALOG_TYPES = ("application/ld+json", "text/turtle")


class SyndicationController(Controller):
    path = "/"
    tags = ["dataset"]

    @get(
        "/releases",
        operation_id="getReleases",
        summary="Releases",
        description="Every released version of the dataset, newest first, with its sha256.",
        responses=problem_responses(400, 406),
    )
    async def releases(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[ReleaseList]:
        meta = served.dataset.artifact.dataset
        items = tuple(
            msgspec.structs.replace(release, artifact_sha256=served.dataset.sha256)
            if index == 0
            else release
            for index, release in enumerate(meta.releases)
        )
        return item_response(request, served, ReleaseList(items=items))

    @get("/catalog", include_in_schema=False)
    async def catalog(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        check_single(request, frozenset(), frozenset())
        media = accepted_media(request.headers.get("accept"), _CATALOG_TYPES, "application/json")
        if media is None:
            raise NotAcceptable("available representations: " + ", ".join(_CATALOG_TYPES))
        return self._catalog(request, served, media)

    @get("/catalog.jsonld", include_in_schema=False)
    async def catalog_jsonld(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        check_single(request, frozenset(), frozenset())
        return self._catalog(request, served, "application/ld+json")

    @get("/catalog.ttl", include_in_schema=False)
    async def catalog_turtle(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        check_single(request, frozenset(), frozenset())
        return self._catalog(request, served, "text/turtle")

    @staticmethod
    def _catalog(request: Request[Any, Any, Any], served: Served, media: str) -> Response[bytes]:
        body = served.catalog.turtle if media == "text/turtle" else served.catalog.jsonld
        return respond(request, served.cache, f"catalog|{media}", media, lambda: body)

    @get("/datapackage.json", include_in_schema=False)
    async def datapackage(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        check_single(request, frozenset(), frozenset())
        body = served.downloads.datapackage
        return respond(request, served.cache, "datapackage", "application/json", lambda: body)

    @get("/downloads/{name:str}", include_in_schema=False)
    async def download(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        name: Annotated[str, PathParameter(description="File name of the download.")],
    ) -> Response[bytes]:
        download = served.downloads.files.get(name)
        if download is None:
            known = ", ".join(sorted(served.downloads.files))
            raise NotFoundException(detail=f"no download {name!r}; available: {known}")
        is_csv = download.media_type == "text/csv"
        check_single(request, frozenset({"bom"} if is_csv else ()), frozenset())
        bom_text = request.query_params.get("bom", "false")
        if bom_text not in ("true", "false"):
            raise BadParameter("bom", "bom must be true or false")
        bom = bom_text == "true"
        body = _BOM + download.data if bom else download.data
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        return respond(
            request,
            served.cache,
            f"download|{name}|{bom}",
            download.media_type,
            lambda: body,
            headers,
        )
