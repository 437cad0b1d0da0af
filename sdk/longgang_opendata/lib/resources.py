"""The client's resources: each extends a generated one with ``to_pandas`` and friends.

The generated resources (``_resources.py``) stand alone and import nothing from here; each class
below takes one of them as its base and adds DataFrames, so every operation the document gains
(a new filter, a ``get``) reaches ``client.<resource>`` with the next ``make sdk``. The filters
of ``to_pandas()`` are typed with the generated ``<Resource>ListParams``: mypy checks them
exactly as it checks those of ``list()``.
"""

from __future__ import annotations

from collections.abc import AsyncIterable
from typing import TYPE_CHECKING, Any, TypeVar, Unpack

import msgspec
from msgspec import inspect

from longgang_opendata._pagination import AsyncPager, SyncPage
from longgang_opendata._resources import (
    MAX_LIMIT,
    AsyncGlossaryResource,
    AsyncIndicatorsResource,
    AsyncObservationsResource,
    AsyncProjectsResource,
    AsyncPromisesResource,
    AsyncSectionsResource,
    AsyncTargetsResource,
    GlossaryListParams,
    GlossaryResource,
    IndicatorsListParams,
    IndicatorsResource,
    ObservationsListParams,
    ObservationsResource,
    ProjectsListParams,
    ProjectsResource,
    PromisesListParams,
    PromisesResource,
    SectionsListParams,
    SectionsResource,
    TargetsListParams,
    TargetsResource,
)
from longgang_opendata.lib.frames import import_pandas, to_frame
from longgang_opendata.lib.tables import mentions_table, model_table, observations_table

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AsyncGlossary",
    "AsyncIndicators",
    "AsyncObservations",
    "AsyncProjects",
    "AsyncPromises",
    "AsyncSections",
    "AsyncTargets",
    "Glossary",
    "Indicators",
    "Observations",
    "Projects",
    "Promises",
    "Sections",
    "Targets",
    "item_model",
]

T = TypeVar("T")
#: Any of the generated ``<Resource>ListParams``.
Filters = TypeVar(
    "Filters",
    GlossaryListParams,
    IndicatorsListParams,
    ObservationsListParams,
    ProjectsListParams,
    SectionsListParams,
    TargetsListParams,
    PromisesListParams,
)


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


def _paged(filters: Filters) -> Filters:
    """The filters with the largest page unless the caller chose one: the fewest requests."""
    if filters.get("limit") is None:
        filters["limit"] = MAX_LIMIT
    return filters


def _selected(value: object) -> set[str] | None:
    if value is None:
        return None
    values = value if isinstance(value, list | tuple | set) else [value]
    return {str(v) for v in values}


def _frame(page: SyncPage[Any]) -> pd.DataFrame:
    return to_frame(model_table(list(page), item_model(page._page_type)))


async def _async_frame(pager: AsyncPager[Any]) -> pd.DataFrame:
    page = await pager
    return to_frame(model_table(await _all(page), item_model(page._page_type)))


async def _all(items: AsyncIterable[T]) -> list[T]:
    return [item async for item in items]


class Glossary(GlossaryResource):
    def to_pandas(self, **filters: Unpack[GlossaryListParams]) -> pd.DataFrame:
        """Every record the filters of ``list()`` select as a flat DataFrame, one row each.

        ``limit`` is the page size of the walk (the largest unless given); nested objects become
        ``name_zh``-style columns, lists inside a record are left out. Needs pandas.
        """
        import_pandas()  # before any request: no walk for a frame that cannot be built
        return _frame(self.list(**_paged(filters)))


class Indicators(IndicatorsResource):
    def to_pandas(self, **filters: Unpack[IndicatorsListParams]) -> pd.DataFrame:
        """Every record the filters of ``list()`` select as a flat DataFrame, one row each.

        ``limit`` is the page size of the walk (the largest unless given); nested objects become
        ``name_zh``-style columns, lists inside a record are left out. Needs pandas.
        """
        import_pandas()  # before any request: no walk for a frame that cannot be built
        return _frame(self.list(**_paged(filters)))


class Sections(SectionsResource):
    def to_pandas(self, **filters: Unpack[SectionsListParams]) -> pd.DataFrame:
        """Every record the filters of ``list()`` select as a flat DataFrame, one row each.

        ``limit`` is the page size of the walk (the largest unless given); nested objects become
        ``name_zh``-style columns, lists inside a record are left out. Needs pandas.
        """
        import_pandas()  # before any request: no walk for a frame that cannot be built
        return _frame(self.list(**_paged(filters)))


class Targets(TargetsResource):
    def to_pandas(self, **filters: Unpack[TargetsListParams]) -> pd.DataFrame:
        """Every target the filters of ``list()`` select as a flat DataFrame, one row each.

        ``limit`` is the page size of the walk (the largest unless given); the target and its
        outcome become ``target_value``, ``actual_value``-style columns. Needs pandas.
        """
        import_pandas()  # before any request: no walk for a frame that cannot be built
        return _frame(self.list(**_paged(filters)))


class Promises(PromisesResource):
    def to_pandas(self, **filters: Unpack[PromisesListParams]) -> pd.DataFrame:
        """Every promise the filters of ``list()`` select as a flat DataFrame, one row each.

        ``limit`` is the page size of the walk (the largest unless given); the promise and its
        outcome become ``promised_status``, ``outcome_status``-style columns. Needs pandas.
        """
        import_pandas()  # before any request: no walk for a frame that cannot be built
        return _frame(self.list(**_paged(filters)))


class Observations(ObservationsResource):
    def to_pandas(self, **filters: Unpack[ObservationsListParams]) -> pd.DataFrame:
        """Every observation the filters select, with its indicator's names (zh, en) and unit.

        Takes the filters of ``list()``. Two walks, whatever the number of rows: the
        observations and the indicators. Columns are typed: ``period`` a string, ``value``
        float64 (NaN for a qualitative statement), text as nullable strings. Needs the
        ``pandas`` extra.
        """
        import_pandas()
        observations = list(self.list(**_paged(filters)))
        indicators = IndicatorsResource(self._client).list(limit=MAX_LIMIT)
        return to_frame(observations_table(observations, indicators))


class Projects(ProjectsResource):
    def to_pandas(self, **filters: Unpack[ProjectsListParams]) -> pd.DataFrame:
        """Every record the filters of ``list()`` select as a flat DataFrame, one row each.

        ``limit`` is the page size of the walk (the largest unless given); nested objects become
        ``name_zh``-style columns, lists inside a record are left out. Needs pandas.
        """
        import_pandas()  # before any request: no walk for a frame that cannot be built
        return _frame(self.list(**_paged(filters)))

    def mentions_to_pandas(self, **filters: Unpack[ProjectsListParams]) -> pd.DataFrame:
        """One row per mention of every project the filters select, led by the project's columns.

        ``year`` and ``status`` select the mentions too, not only the projects that have one.
        Needs the ``pandas`` extra.
        """
        import_pandas()
        years, statuses = _selected(filters.get("year")), _selected(filters.get("status"))
        projects = list(self.list(**_paged(filters)))
        return to_frame(mentions_table(projects, years=years, statuses=statuses))


class AsyncGlossary(AsyncGlossaryResource):
    async def to_pandas(self, **filters: Unpack[GlossaryListParams]) -> pd.DataFrame:
        """Every record the filters of ``list()`` select as a flat DataFrame, one row each.

        ``limit`` is the page size of the walk (the largest unless given); nested objects become
        ``name_zh``-style columns, lists inside a record are left out. Needs pandas.
        """
        import_pandas()
        return await _async_frame(self.list(**_paged(filters)))


class AsyncIndicators(AsyncIndicatorsResource):
    async def to_pandas(self, **filters: Unpack[IndicatorsListParams]) -> pd.DataFrame:
        """Every record the filters of ``list()`` select as a flat DataFrame, one row each.

        ``limit`` is the page size of the walk (the largest unless given); nested objects become
        ``name_zh``-style columns, lists inside a record are left out. Needs pandas.
        """
        import_pandas()
        return await _async_frame(self.list(**_paged(filters)))


class AsyncSections(AsyncSectionsResource):
    async def to_pandas(self, **filters: Unpack[SectionsListParams]) -> pd.DataFrame:
        """Every record the filters of ``list()`` select as a flat DataFrame, one row each.

        ``limit`` is the page size of the walk (the largest unless given); nested objects become
        ``name_zh``-style columns, lists inside a record are left out. Needs pandas.
        """
        import_pandas()
        return await _async_frame(self.list(**_paged(filters)))


class AsyncTargets(AsyncTargetsResource):
    async def to_pandas(self, **filters: Unpack[TargetsListParams]) -> pd.DataFrame:
        """Every target the filters of ``list()`` select as a flat DataFrame, one row each.

        ``limit`` is the page size of the walk (the largest unless given); the target and its
        outcome become ``target_value``, ``actual_value``-style columns. Needs pandas.
        """
        import_pandas()
        return await _async_frame(self.list(**_paged(filters)))


class AsyncPromises(AsyncPromisesResource):
    async def to_pandas(self, **filters: Unpack[PromisesListParams]) -> pd.DataFrame:
        """Every promise the filters of ``list()`` select as a flat DataFrame, one row each.

        ``limit`` is the page size of the walk (the largest unless given); the promise and its
        outcome become ``promised_status``, ``outcome_status``-style columns. Needs pandas.
        """
        import_pandas()
        return await _async_frame(self.list(**_paged(filters)))


class AsyncObservations(AsyncObservationsResource):
    async def to_pandas(self, **filters: Unpack[ObservationsListParams]) -> pd.DataFrame:
        """Every observation the filters select, with its indicator's names and unit (await it)."""
        import_pandas()
        observations = await _all(self.list(**_paged(filters)))
        indicators = await _all(AsyncIndicatorsResource(self._client).list(limit=MAX_LIMIT))
        return to_frame(observations_table(observations, indicators))


class AsyncProjects(AsyncProjectsResource):
    async def to_pandas(self, **filters: Unpack[ProjectsListParams]) -> pd.DataFrame:
        """Every record the filters of ``list()`` select as a flat DataFrame, one row each.

        ``limit`` is the page size of the walk (the largest unless given); nested objects become
        ``name_zh``-style columns, lists inside a record are left out. Needs pandas.
        """
        import_pandas()
        return await _async_frame(self.list(**_paged(filters)))

    async def mentions_to_pandas(self, **filters: Unpack[ProjectsListParams]) -> pd.DataFrame:
        """One row per mention of every project the filters select (await it); as the sync one."""
        import_pandas()
        years, statuses = _selected(filters.get("year")), _selected(filters.get("status"))
        projects = await _all(self.list(**_paged(filters)))
        return to_frame(mentions_table(projects, years=years, statuses=statuses))
