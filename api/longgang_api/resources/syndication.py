"""What portals harvest: the DCAT-AP catalogue, the data package, downloads and releases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.handlers import HTTPRouteHandler
from litestar.params import PathParameter, QueryParameter

from longgang_api.data import media_types
from longgang_api.data.model import ChangeList
from longgang_api.data.tabular import BOM
from longgang_api.web import links, variants
from longgang_api.web.problems import problem_responses
from longgang_api.web.representation import NotAcceptable, accepted_media
from longgang_api.web.routed import check_single, item_response, respond
from longgang_api.web.served import Served

OCTET_STREAM = media_types.OCTET_STREAM
#: The one parameter of both download routes.
Bom = Annotated[
    bool,
    QueryParameter(description="For a CSV file: prepend the UTF-8 byte order mark (for Excel)."),
]
_CATALOG_TYPES = (media_types.JSON_LD, media_types.TURTLE)


def _catalog(
    request: Request[Any, Any, Any],
    served: Served,
    media: str,
    variant: variants.Chooser = variants.constant,
) -> Response[bytes]:
    body = _catalog_body(served, media)
    return respond(request, served.cache, f"catalog|{media}", media, lambda: body, variant=variant)


def _catalog_body(served: Served, media: str) -> bytes:
    return served.catalog.turtle if media == media_types.TURTLE else served.catalog.jsonld


def _catalog_media(accept: str | None) -> str | None:
    return accepted_media(accept, _CATALOG_TYPES, media_types.JSON)


def _file(
    path: str,
    operation_id: str,
    summary: str,
    description: str,
    media: str,
    body_of: Callable[[Served], bytes],
) -> HTTPRouteHandler:
    """A file of the served data at a fixed path: one representation, whatever Accept says."""

    @get(
        path,
        operation_id=operation_id,
        summary=summary,
        description=description,
        responses=problem_responses(400),
        tags=["dataset"],
    )
    async def file(
        request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        check_single(request, frozenset(), frozenset())
        body = body_of(served)
        return respond(request, served.cache, operation_id, media, lambda: body)

    return file


def _catalog_file(path: str, operation_id: str, media: str, label: str) -> HTTPRouteHandler:
    return _file(
        path,
        operation_id,
        f"DCAT-AP catalogue ({label})",
        f"The DCAT-AP 3.0.1 catalogue as {label}, whatever Accept says.",
        media,
        lambda served: (
            served.catalog.turtle if media == media_types.TURTLE else served.catalog.jsonld
        ),
    )


#: The files at fixed paths, routed beside :class:`SyndicationController`.
FILES = (
    _catalog_file(links.CATALOG_JSONLD, "getCatalogJsonLd", media_types.JSON_LD, "JSON-LD"),
    _catalog_file(links.CATALOG_TURTLE, "getCatalogTurtle", media_types.TURTLE, "Turtle"),
    _file(
        links.DATAPACKAGE,
        "getDataPackage",
        "Data package",
        (
            "Frictionless Data Package (v2) describing the downloads: Table Schemas with types, "
            "constraints, enums and keys, byte sizes and sha256 hashes. JSON, whatever Accept says."
        ),
        media_types.JSON,
        lambda served: served.downloads.datapackage,
    ),
    _file(
        links.DATASETTE_METADATA,
        "getDatasetteMetadata",
        "Datasette metadata",
        (
            "Metadata of the SQLite download for Datasette (`datasette longgang-2024.sqlite "
            "--metadata datasette-metadata.json`): title, licence, source, and the label column "
            "and search table of each table. JSON, whatever Accept says."
        ),
        media_types.JSON,
        lambda served: served.downloads.datasette_metadata,
    ),
    _file(
        links.RELEASES_FEED,
        "getReleasesFeed",
        "Release feed (Atom)",
        (
            "Every release as an Atom 1.0 feed, newest first: each entry has the release notes "
            "in Chinese and English and what its change list says (how many ids were added, "
            "removed and renamed and how many values changed; the renamed ids old → new and the "
            "removed ids with what replaces them), and links to the release on the releases "
            "page (HTML, /releases#v1.2.0) and to the change list. Links resolve against the "
            "feed's xml:base, the API's public root. Atom, whatever Accept says."
        ),
        media_types.ATOM,
        lambda served: served.syndication.releases_feed,
    ),
)


class SyndicationController(Controller):
    path = "/"
    tags = ["dataset"]

    @get(
        links.RELEASE_CHANGES,
        operation_id="getReleaseChanges",
        summary="What a release changed",
        description=(
            "The change list of a release, as data: the ids it added, removed (with the ids "
            "that replace them and why), renamed (old → new) and the values it changed "
            "(old → new). The first release has none. A GET of a removed or renamed id "
            "answers 404 with these facts."
        ),
        responses=problem_responses(400, 404, 406),
    )
    async def release_changes(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        # A plain string, so an unknown version is a 404 rather than a 400.
        version: Annotated[str, PathParameter(description="A released version, e.g. '1.2.0'.")],
    ) -> Response[ChangeList]:
        change = served.change_list(version)
        if change is not None:
            return item_response(request, served, change)
        artifact = served.dataset.artifact
        listed = ", ".join(change.version for change in artifact.changes)
        released = {release.version for release in artifact.dataset.releases}
        reason = "it is the first release" if version in released else "no such release"
        raise NotFoundException(
            detail=f"no change list for release {version!r} ({reason}); lists exist for {listed}"
        )

    @get(
        links.CATALOG,
        operation_id="getCatalog",
        summary="DCAT-AP catalogue",
        description=(
            "The DCAT-AP 3.0.1 catalogue of the dataset, its distributions and this API: "
            "JSON-LD (default) or Turtle by Accept. Also at "
            f"{links.href(links.CATALOG_JSONLD)} and {links.href(links.CATALOG_TURTLE)}."
        ),
        responses=problem_responses(400, 406),
    )
    async def catalog(
        self, request: Request[Any, Any, Any], served: NamedDependency[Served]
    ) -> Response[bytes]:
        check_single(request, frozenset(), frozenset())
        media = _catalog_media(request.headers.get("accept"))
        if media is None:
            raise NotAcceptable("available representations: " + ", ".join(_CATALOG_TYPES))
        return _catalog(request, served, media, variants.by_accept(_catalog_media))

    @get(
        f"{links.DOWNLOADS}/{{name:str}}",
        operation_id="getDownload",
        summary="Download a file",
        description=(
            "A bulk download: one CSV per table (UTF-8, header row), the whole dataset as JSON "
            "or as a SQLite database. The statistical formats are in folders beside them "
            f"({links.href(links.DOWNLOADS)}/{{folder}}/{{name}}). Listed, with sizes and "
            "hashes, in the data package. "
            "The file comes as application/octet-stream when Accept prefers that, else as its "
            "own media type, whatever Accept says."
        ),
        responses=problem_responses(400, 404),
    )
    async def download(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        # A plain string, so an unknown file is a 404 rather than a 400; the
        # document lists the names (see openapi.py).
        name: Annotated[str, PathParameter(description="File name of the download.")],
        bom: Bom = False,
    ) -> Response[bytes]:
        return _download(request, served, "", name, bom)

    @get(
        f"{links.DOWNLOADS}/{{folder:str}}/{{name:str}}",
        operation_id="getFormatDownload",
        summary="Download a file of a statistical format",
        description=(
            "The data in the formats of official statistics, a folder each: parquet (one "
            "Parquet file per table, the CSV's columns typed), csvw (the CSV on the Web "
            "metadata of the CSV files), jsonstat (the observations as a JSON-stat 2.0 "
            "collection, one dataset per indicator) and sdmx (the observations as SDMX-CSV 2.0 "
            "and their SDMX-ML 3.0 structure); and the provenance of every value: source (the "
            "source document's text, as the quotes are checked against it) and provenance (every "
            "quote as a W3C Web Annotation, its TextQuoteSelector and TextPositionSelector in "
            "that text). Listed, with sizes, hashes and the standard "
            "each conforms to, in the data package and the catalogue. The file comes as "
            "application/octet-stream when Accept prefers that, else as its own media type."
        ),
        responses=problem_responses(400, 404),
    )
    async def format_download(
        self,
        request: Request[Any, Any, Any],
        served: NamedDependency[Served],
        folder: Annotated[str, PathParameter(description="Folder of the format.")],
        name: Annotated[str, PathParameter(description="File name in the folder.")],
        bom: Bom = False,
    ) -> Response[bytes]:
        return _download(request, served, folder, name, bom)


def _download(
    request: Request[Any, Any, Any], served: Served, folder: str, name: str, bom: bool
) -> Response[bytes]:
    """The download ``folder/name`` (``name`` alone at the top), or a 404 naming the files
    of that folder."""
    key = f"{folder}/{name}" if folder else name
    download = served.downloads.files.get(key)
    if download is None:
        prefix = f"{folder}/" if folder else ""
        if folder and not any(n.startswith(prefix) for n in served.downloads.files):
            raise NotFoundException()  # no such folder: no resource, as for an unrouted URL
        known = ", ".join(
            sorted(
                n.removeprefix(prefix)
                for n in served.downloads.files
                if n.startswith(prefix) and "/" not in n.removeprefix(prefix)
            )
        )
        where = f" in {folder!r}" if folder else ""
        raise NotFoundException(detail=f"no download {name!r}{where}; available: {known}")
    check_single(request, frozenset({"bom"}), frozenset())
    with_bom = bom and download.media_type == media_types.CSV  # a BOM belongs to text only
    body = BOM + download.data if with_bom else download.data
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}

    def choose(accept: str | None) -> str:
        # A file is what its name says; an Accept that does not fit it is not a reason to fail.
        offered = (download.media_type, OCTET_STREAM)
        return accepted_media(accept, offered, "*/*") or download.media_type

    media = choose(request.headers.get("accept"))
    return respond(
        request,
        served.cache,
        f"download|{key}|{with_bom}|{media}",
        media,
        lambda: body,
        headers,
        variants.by_accept(choose),
    )
