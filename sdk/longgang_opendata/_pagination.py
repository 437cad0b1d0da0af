"""Pages that iterate over every item of a list, fetching the next pages as needed.

    for observation in client.observations.list(period="2024"):   # every item
        ...
    page = client.observations.list(limit=100)                     # the first page
    page.items, page.has_next_page(), page.get_next_page()
    for page in page.iter_pages(): ...
    saved = page.next_cursor                                       # None on the last page
    page.total                                                     # items matching the query
    for observation in client.observations.list(limit=100, cursor=saved):  # the rest, once
        ...

The async client mirrors it: ``async for item in client.x.list()``, or
``page = await client.x.list()``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterator, Sequence
from typing import Any, Generic, Protocol, TypeVar

from longgang_opendata._base_client import AsyncAPIClient, Params, SyncAPIClient

__all__ = ["AsyncPage", "AsyncPager", "SyncPage"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class PageBody(Protocol[T_co]):
    """What every page model of the API has."""

    @property
    def items(self) -> Sequence[T_co]: ...

    @property
    def next_cursor(self) -> str | None: ...


def _with_cursor(params: Params | None, cursor: str) -> dict[str, Any]:
    return {**(params or {}), "cursor": cursor}


class SyncPage(Generic[T]):
    """One page of a list; iterating it yields every item of every following page too."""

    def __init__(
        self,
        client: SyncAPIClient,
        path: str,
        params: Params | None,
        page_type: type[PageBody[T]],
    ) -> None:
        self._client = client
        self._path = path
        self._params = params
        self._page_type = page_type
        body = client.get(path, params, page_type)
        self.items: list[T] = list(body.items)
        self.next_cursor: str | None = body.next_cursor
        # Servers before total was added send none.
        self.total: int | None = getattr(body, "total", None)

    def has_next_page(self) -> bool:
        return self.next_cursor is not None

    def get_next_page(self) -> SyncPage[T]:
        if self.next_cursor is None:
            raise StopIteration("this is the last page")
        params = _with_cursor(self._params, self.next_cursor)
        return SyncPage(self._client, self._path, params, self._page_type)

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        page = self
        yield page
        while page.has_next_page():
            page = page.get_next_page()
            yield page

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(Generic[T]):
    """One page of a list, fetched by an :class:`AsyncPager`."""

    def __init__(
        self,
        client: AsyncAPIClient,
        path: str,
        params: Params | None,
        page_type: type[PageBody[T]],
        body: PageBody[T],
    ) -> None:
        self._client = client
        self._path = path
        self._params = params
        self._page_type = page_type
        self.items: list[T] = list(body.items)
        self.next_cursor: str | None = body.next_cursor
        # Servers before total was added send none.
        self.total: int | None = getattr(body, "total", None)

    def has_next_page(self) -> bool:
        return self.next_cursor is not None

    async def get_next_page(self) -> AsyncPage[T]:
        if self.next_cursor is None:
            raise StopAsyncIteration("this is the last page")
        params = _with_cursor(self._params, self.next_cursor)
        return await AsyncPager(self._client, self._path, params, self._page_type).first_page()

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        page = self
        yield page
        while page.has_next_page():
            page = await page.get_next_page()
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncPager(Generic[T]):
    """A list not fetched yet: ``await`` it for the first page, ``async for`` it for every item."""

    def __init__(
        self,
        client: AsyncAPIClient,
        path: str,
        params: Params | None,
        page_type: type[PageBody[T]],
    ) -> None:
        self._client = client
        self._path = path
        self._params = params
        self._page_type = page_type

    async def first_page(self) -> AsyncPage[T]:
        body = await self._client.get(self._path, self._params, self._page_type)
        return AsyncPage(self._client, self._path, self._params, self._page_type, body)

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self.first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self.first_page()
        async for item in page:
            yield item
