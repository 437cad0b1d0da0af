"""What the generated resources inherit: ``to_pandas`` and friends.

``sdk/generate_sdk.py`` makes ``ObservationsResource`` inherit ``ObservationsHelpers`` when this
module defines it, and ``ResourceHelpers`` otherwise (likewise ``Async…`` for the async client).
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Callable
from typing import TYPE_CHECKING, Any, cast

import msgspec
from msgspec import inspect

from longgang_opendata._base_client import AsyncAPIClient, SyncAPIClient
from longgang_opendata._pagination import AsyncPage, SyncPage
from longgang_opendata.lib.frames import import_pandas, to_frame
from longgang_opendata.lib.tables import Table, mentions_table, model_table, observations_table

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AsyncObservationsHelpers",
    "AsyncProjectsHelpers",
    "AsyncResourceHelpers",
    "ObservationsHelpers",
    "ProjectsHelpers",
    "ResourceHelpers",
]

#: The API's largest page: a whole collection in as few requests as possible.
MAX_LIMIT = 500


def item_model(page_type: type[Any]) -> type[msgspec.Struct]:
    """The model of a page's items (``ObservationPage`` → ``Observation``)."""
    info = inspect.type_info(page_type)
    assert isinstance(info, inspect.StructType)
    items = next(f for f in info.fields if f.name == "items").type
    while isinstance(items, inspect.Metadata):
        items = items.type
    assert isinstance(items, inspect.CollectionType)
    element = items.item_type
    assert isinstance(element, inspect.StructType)
    return element.cls


def _paged(filters: dict[str, Any]) -> dict[str, Any]:
    return {"limit": MAX_LIMIT, **filters}


def _selected(value: object) -> set[str] | None:
    if value is None:
        return None
    values = value if isinstance(value, list | tuple | set) else [value]
    return {str(v) for v in values}


class ResourceHelpers:
    """Helpers of every synchronous resource with a ``list`` operation."""

    _client: SyncAPIClient

    def _walk(self, filters: dict[str, Any]) -> SyncPage[Any]:
        # The generated subclass defines ``list`` with its own typed filters.
        listing = cast(Callable[..., SyncPage[Any]], getattr(self, "list"))  # noqa: B009
        return listing(**_paged(filters))

    def to_pandas(self, **filters: Any) -> pd.DataFrame:
        """Every record the filters select as a flat DataFrame (one row per record).

        Takes the filters of ``list()``; nested objects become ``name_zh``-style columns, lists
        inside a record are left out. Needs the ``pandas`` extra.
        """
        import_pandas()
        page = self._walk(filters)
        return to_frame(model_table(list(page), item_model(page._page_type)))


class AsyncResourceHelpers:
    """Helpers of every asynchronous resource with a ``list`` operation."""

    _client: AsyncAPIClient

    async def _walk(self, filters: dict[str, Any]) -> AsyncPage[Any]:
        listing = cast(Callable[..., Any], getattr(self, "list"))  # noqa: B009
        page: AsyncPage[Any] = await listing(**_paged(filters))
        return page

    async def to_pandas(self, **filters: Any) -> pd.DataFrame:
        """Every record the filters select as a flat DataFrame (await it); as the sync one."""
        import_pandas()
        page = await self._walk(filters)
        return to_frame(model_table(await _all(page), item_model(page._page_type)))


async def _all(items: AsyncIterable[Any]) -> list[Any]:
    return [item async for item in items]


class ObservationsHelpers(ResourceHelpers):
    def to_pandas(self, **filters: Any) -> pd.DataFrame:
        """Every observation the filters select, with its indicator's names (zh, en) and unit.

        Two walks, whatever the number of rows: the observations and the indicators. Columns are
        typed: ``period`` a string, ``value`` float64 (NaN for a qualitative statement), text as
        nullable strings. Needs the ``pandas`` extra.
        """
        import_pandas()
        return to_frame(self._table(filters))

    def _table(self, filters: dict[str, Any]) -> Table:
        from longgang_opendata._resources import IndicatorsResource

        observations = list(self._walk(filters))
        indicators = IndicatorsResource(self._client).list(limit=MAX_LIMIT)
        return observations_table(observations, indicators)


class AsyncObservationsHelpers(AsyncResourceHelpers):
    async def to_pandas(self, **filters: Any) -> pd.DataFrame:
        """Every observation the filters select, with its indicator's names and unit (await it)."""
        import_pandas()
        return to_frame(await self._table(filters))

    async def _table(self, filters: dict[str, Any]) -> Table:
        from longgang_opendata._resources import AsyncIndicatorsResource

        observations = await _all(await self._walk(filters))
        indicators = await _all(AsyncIndicatorsResource(self._client).list(limit=MAX_LIMIT))
        return observations_table(observations, indicators)


class ProjectsHelpers(ResourceHelpers):
    def mentions_to_pandas(self, **filters: Any) -> pd.DataFrame:
        """One row per mention of every project the filters select, led by the project's columns.

        ``year`` and ``status`` select the mentions too, not only the projects that have one.
        Needs the ``pandas`` extra.
        """
        import_pandas()
        table = mentions_table(
            list(self._walk(filters)),
            years=_selected(filters.get("year")),
            statuses=_selected(filters.get("status")),
        )
        return to_frame(table)


class AsyncProjectsHelpers(AsyncResourceHelpers):
    async def mentions_to_pandas(self, **filters: Any) -> pd.DataFrame:
        """One row per mention of every project the filters select (await it); as the sync one."""
        import_pandas()
        table = mentions_table(
            await _all(await self._walk(filters)),
            years=_selected(filters.get("year")),
            statuses=_selected(filters.get("status")),
        )
        return to_frame(table)
