"""Everything the handlers read, built once from the loaded artifact."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import msgspec

from longgang_api.data.artifact import LoadedDataset
from longgang_api.data.built import DATAPACKAGE, DATASETTE_METADATA, RELEASES_FEED, SOURCE_VIEW
from longgang_api.data.catalog import Catalog, served_catalog
from longgang_api.data.model import ChangeList, Release
from longgang_api.data.release_feed import feed_with_base
from longgang_api.data.source_layout import SourceView
from longgang_api.engine.cursor import CursorCodec
from longgang_api.engine.declarations import LISTINGS
from longgang_api.engine.query import Collection
from longgang_api.web.http_caching import CachePolicy


@dataclass(frozen=True, slots=True)
class Download:
    """A file offered for download, as the build made it."""

    name: str
    media_type: str
    data: bytes
    sha256: str


@dataclass(frozen=True, slots=True)
class Downloads:
    """Every download, by file name, and the files that describe them."""

    files: dict[str, Download]
    datapackage: bytes
    datasette_metadata: bytes


def _downloads(dataset: LoadedDataset) -> Downloads:
    built = dataset.files
    return Downloads(
        files={
            f.name: Download(f.name, f.media_type, data, f.sha256) for f, data in built.downloads()
        },
        datapackage=built[DATAPACKAGE],
        datasette_metadata=built[DATASETTE_METADATA],
    )


class Syndication:
    """The built downloads, catalogue and release feed, ready to serve, and the /source
    page's layout.

    The layout is decoded on the page's first request: at a hundred times the
    records, decoding it costs start-up time that the API itself never needs.
    """

    def __init__(self, dataset: LoadedDataset, public_base_url: str) -> None:
        self.downloads = _downloads(dataset)
        self.catalog: Catalog = served_catalog(dataset.files, public_base_url)
        self.releases_feed = feed_with_base(dataset.files[RELEASES_FEED], public_base_url)
        self._dataset = dataset
        self._views: dict[str, SourceView] = {}

    @functools.cached_property
    def source_view(self) -> SourceView:
        return msgspec.json.decode(self._dataset.files[SOURCE_VIEW], type=SourceView)

    def source_view_of(self, report_id: str) -> SourceView | None:
        """The ``/source/{report}`` page's layout of one report served; None for no such report."""
        if report_id not in self._views:
            part = next(
                (p for p in self._dataset.parts if p.artifact.dataset.id == report_id), None
            )
            if part is None:
                return None
            view = msgspec.json.decode(part.files[SOURCE_VIEW], type=SourceView)
            self._views[report_id] = view
        return self._views[report_id]


@dataclass(frozen=True, slots=True)
class Served:
    """The dataset, its collections and the HTTP policies of one running server."""

    dataset: LoadedDataset
    collections: Mapping[str, Collection[Any]]
    codec: CursorCodec
    cache: CachePolicy
    syndication: Syndication
    public_base_url: str

    @property
    def downloads(self) -> Downloads:
        return self.syndication.downloads

    @property
    def catalog(self) -> Catalog:
        return self.syndication.catalog

    @property
    def releases(self) -> tuple[Release, ...]:
        """Every release, newest first, as ``/v1/releases`` and the releases page give them.

        The record files cannot hold the hash of the artifact built from them: the
        current release gets the hash of the artifact served.
        """
        return tuple(
            msgspec.structs.replace(release, artifact_sha256=self.dataset.sha256)
            if index == 0
            else release
            for index, release in enumerate(self.dataset.artifact.dataset.releases)
        )

    def change_list(self, version: str) -> ChangeList | None:
        """What release ``version`` changed, as ``/v1/releases/{version}/changes`` gives it;
        None for a release without a change list (the first) and for no such release."""
        return next((c for c in self.dataset.artifact.changes if c.version == version), None)

    @classmethod
    def build(cls, dataset: LoadedDataset, max_age: int, public_base_url: str) -> Served:
        # In declaration order: a list made of others (search) comes after them.
        collections: dict[str, Collection[Any]] = {}
        for listing in LISTINGS:
            collections[listing.name] = listing.collection(dataset, public_base_url, collections)
        return cls(
            dataset=dataset,
            collections=collections,
            codec=CursorCodec(dataset.sha256),
            cache=CachePolicy.for_release(
                dataset.sha256, dataset.artifact.dataset.release_date, max_age
            ),
            syndication=Syndication(dataset, public_base_url),
            public_base_url=public_base_url,
        )
