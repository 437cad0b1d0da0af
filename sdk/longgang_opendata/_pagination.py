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

A walk ends, whatever the server sends: asking for a cursor already asked for in the walk, or
for more than the client's ``max_pages`` pages, raises ``PaginationError`` instead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterator, Sequence
from typing import Any, Generic, Protocol, TypeVar

from longgang_opendata._base_client import AsyncAPIClient, Params, SyncAPIClient
from longgang_opendata._errors import PaginationError

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


class Walk:
    """What the pages of one walk share: which page followed each cursor, and the page bound.

    A cursor is remembered with the number of the page that followed it, so walking the same
    pages again (iterating a first page twice) follows each cursor from the same page, while a
    cursor coming back on another page is a loop.
    """

    def __init__(self, params: Params | None, max_pages: int) -> None:
        start = (params or {}).get("cursor")
        # A resumed walk's own cursor counts as followed before its first page.
        self.followed: dict[str, int] = {start: 0} if isinstance(start, str) else {}
        self.max_pages = max_pages

    def next_params(self, params: Params | None, cursor: str, number: int) -> dict[str, Any]:
        """The parameters of page ``number + 1``, at ``cursor``; PaginationError if it is not to be.

        Without this a server that repeats a cursor, or invents a new one on every page, would
        keep the walk going for ever.
        """
        if self.followed.get(cursor, number) != number:
            raise PaginationError(
                f"page {number} of the list gives a cursor already followed in this walk "
                f"({_clipped(cursor)}); the walk stops instead of going round again"
            )
        if number >= self.max_pages:
            raise PaginationError(
                f"the walk of the list stopped after max_pages ({self.max_pages:,}) pages; raise "
                "max_pages, or narrow the list with filters, to walk further"
            )
        self.followed[cursor] = number
        return _with_cursor(params, cursor)


def _clipped(cursor: str) -> str:
    return repr(cursor if len(cursor) <= 40 else f"{cursor[:40]}…")


class SyncPage(Generic[T]):
    """One page of a list; iterating it yields every item of every following page too."""

    def __init__(
        self,
        client: SyncAPIClient,
        path: str,
        params: Params | None,
        page_type: type[PageBody[T]],
        *,
        walk: Walk | None = None,
        number: int = 1,
    ) -> None:
        self._client = client
        self._path = path
        self._params = params
        self._page_type = page_type
        self._walk = walk or Walk(params, client.max_pages)
        self._number = number
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
        params = self._walk.next_params(self._params, self.next_cursor, self._number)
        return SyncPage(
            self._client,
            self._path,
            params,
            self._page_type,
            walk=self._walk,
            number=self._number + 1,
        )

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
        *,
        walk: Walk,
        number: int,
    ) -> None:
        self._client = client
        self._path = path
        self._params = params
        self._page_type = page_type
        self._walk = walk
        self._number = number
        self.items: list[T] = list(body.items)
        self.next_cursor: str | None = body.next_cursor
        # Servers before total was added send none.
        self.total: int | None = getattr(body, "total", None)

    def has_next_page(self) -> bool:
        return self.next_cursor is not None

    async def get_next_page(self) -> AsyncPage[T]:
        if self.next_cursor is None:
            raise StopAsyncIteration("this is the last page")
        params = self._walk.next_params(self._params, self.next_cursor, self._number)
        pager = AsyncPager(self._client, self._path, params, self._page_type)
        return await pager.fetch(walk=self._walk, number=self._number + 1)

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
        return await self.fetch(walk=Walk(self._params, self._client.max_pages), number=1)

    async def fetch(self, *, walk: Walk, number: int) -> AsyncPage[T]:
        """Page ``number`` of ``walk``."""
        body = await self._client.get(self._path, self._params, self._page_type)
        return AsyncPage(
            self._client, self._path, self._params, self._page_type, body, walk=walk, number=number
        )

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self.first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self.first_page()
        async for item in page:
            yield item
