"""Everything the handlers read, built once from the loaded artifact."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from longgang_api.artifact import LoadedDataset
from longgang_api.cursor import CursorCodec
from longgang_api.declarations import LISTINGS
from longgang_api.downloads import Downloads
from longgang_api.http_caching import CachePolicy
from longgang_api.query import Collection

if TYPE_CHECKING:
    from longgang_api.catalog import Catalog


class Syndication:
    """Downloads and the catalogue, made on first use.

    Building them (and importing rdflib) costs about a third of a second; the
    API answers before any portal asks for them, which keeps start-up short.
    """

    def __init__(self, dataset: LoadedDataset, public_base_url: str) -> None:
        self._dataset = dataset
        self._base_url = public_base_url

    @functools.cached_property
    def downloads(self) -> Downloads:
        return Downloads.build(self._dataset, self._dataset.data)

    @functools.cached_property
    def catalog(self) -> Catalog:
        from longgang_api.catalog import build_catalog

        return build_catalog(self._dataset, self.downloads, self._base_url)


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
