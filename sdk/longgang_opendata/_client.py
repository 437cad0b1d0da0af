"""``Client`` and ``AsyncClient``: configuration, lifecycle, the operations and the resources."""

from __future__ import annotations

import dataclasses
from types import TracebackType
from typing import Any

import httpx

from longgang_opendata._base_client import (
    DEFAULT_CACHE_MAX_BYTES,
    DEFAULT_DEADLINE,
    DEFAULT_MAX_BODY_SIZE,
    DEFAULT_MAX_FILE_SIZE,
    DEFAULT_MAX_PAGES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    AsyncAPIClient,
    ClientOptions,
    ETagCache,
    SyncAPIClient,
    resolve_base_url,
)
from longgang_opendata._resources import AsyncOperations, SyncOperations
from longgang_opendata.lib.releases import AsyncReleases, Releases
from longgang_opendata.lib.resources import (
    AsyncGlossary,
    AsyncIndicators,
    AsyncObservations,
    AsyncProjects,
    AsyncPromises,
    AsyncSections,
    AsyncTargets,
    Glossary,
    Indicators,
    Observations,
    Projects,
    Promises,
    Sections,
    Targets,
)

__all__ = ["AsyncClient", "Client"]


class _Options:
    _options: ClientOptions
    _etags: ETagCache | None

    @property
    def base_url(self) -> str:
        return self._options.base_url

    @property
    def timeout(self) -> float:
        return self._options.timeout

    @property
    def deadline(self) -> float:
        return self._options.deadline

    @property
    def max_retries(self) -> int:
        return self._options.max_retries

    @property
    def max_pages(self) -> int:
        return self._options.max_pages

    @property
    def max_body_size(self) -> int:
        return self._options.max_body_size

    @property
    def max_file_size(self) -> int:
        return self._options.max_file_size

    @property
    def revalidated(self) -> int:
        """How many answers the ETag cache served after a 304 (0 without ``cache=True``)."""
        return self._etags.revalidated if self._etags is not None else 0


def _changed(options: ClientOptions, changes: dict[str, Any]) -> ClientOptions:
    """``options`` with the given ones replaced; None keeps one (the cache setting is kept)."""
    given = {name: value for name, value in changes.items() if value is not None}
    if "base_url" in given:
        given["base_url"] = resolve_base_url(given["base_url"])
    return dataclasses.replace(options, **given)


class Client(SyncOperations, _Options):
    """Synchronous client of the Longgang Open Data API.

    Every call is bounded, whatever the server does: no call outlasts ``deadline``, no answer
    outgrows ``max_body_size`` (``max_file_size`` for files), no walk of a list outruns
    ``max_pages``. Going past a bound raises (``APITimeoutError``,
    ``APIResponseValidationError``, ``PaginationError``).

    Args:
        base_url: Root of the API; default ``$LONGGANG_OPENDATA_BASE_URL`` or
            ``http://127.0.0.1:8000``. A malformed URL raises ``ValueError`` here.
        timeout: Seconds to wait for each step of an answer (connecting, each read).
        deadline: Seconds a whole call may take: every attempt, the waits between them and
            reading the body.
        max_retries: Retries of a failed call (connection errors, timeouts, 429, 5xx),
            with exponential backoff and jitter, honouring ``Retry-After`` up to 30 s.
        max_pages: Pages one walk of a list may fetch.
        max_body_size: Bytes a JSON answer may hold.
        max_file_size: Bytes a file (``download()``, ``download_to()``, the catalogues) may hold.
        http_client: An ``httpx.Client`` to send requests with (a test client, a proxy
            configuration …); the caller keeps ownership of it. Redirects are never followed.
        cache: Keep answers with their ETags and revalidate them with ``If-None-Match``;
            a 304 costs no body.
        cache_max_bytes: Bytes of bodies the cache keeps (default 64 MiB); past it, the
            answers used least recently are dropped first.
    """

    glossary: Glossary
    indicators: Indicators
    observations: Observations
    projects: Projects
    sections: Sections
    #: Called, the list of releases (the generated operation); also ``changes()`` and ``feed()``.
    releases: Releases
    targets: Targets
    promises: Promises

    def _bind(self, client: SyncAPIClient) -> None:
        self._client = client
        self.releases = Releases(client)
        self.glossary = Glossary(client)
        self.indicators = Indicators(client)
        self.observations = Observations(client)
        self.projects = Projects(client)
        self.sections = Sections(client)
        self.targets = Targets(client)
        self.promises = Promises(client)

    def __init__(
        self,
        *,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_pages: int = DEFAULT_MAX_PAGES,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
        http_client: httpx.Client | None = None,
        cache: bool = False,
        cache_max_bytes: int = DEFAULT_CACHE_MAX_BYTES,
    ) -> None:
        self._options = ClientOptions(
            base_url=resolve_base_url(base_url),
            timeout=timeout,
            deadline=deadline,
            max_retries=max_retries,
            max_pages=max_pages,
            max_body_size=max_body_size,
            max_file_size=max_file_size,
            cache=cache,
        )
        self._etags = ETagCache(cache_max_bytes) if cache else None
        self._http_client = http_client
        self._bind(SyncAPIClient(self._options, http_client, self._etags))

    def with_options(
        self,
        *,
        base_url: str | None = None,
        timeout: float | None = None,
        deadline: float | None = None,
        max_retries: int | None = None,
        max_pages: int | None = None,
        max_body_size: int | None = None,
        max_file_size: int | None = None,
        http_client: httpx.Client | None = None,
    ) -> Client:
        """A copy of this client with some options changed (the ETag cache is shared)."""
        copy = Client.__new__(Client)
        copy._options = _changed(self._options, {
            "base_url": base_url, "timeout": timeout, "deadline": deadline,
            "max_retries": max_retries, "max_pages": max_pages, "max_body_size": max_body_size,
            "max_file_size": max_file_size,
        })  # fmt: skip
        copy._etags = self._etags
        copy._http_client = http_client or self._http_client
        copy._bind(SyncAPIClient(copy._options, copy._http_client, copy._etags))
        return copy

    def close(self) -> None:
        """Close the connection pool (not an injected ``http_client``)."""
        self._client.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClient(AsyncOperations, _Options):
    """Asynchronous client of the Longgang Open Data API; same arguments as :class:`Client`."""

    glossary: AsyncGlossary
    indicators: AsyncIndicators
    observations: AsyncObservations
    projects: AsyncProjects
    sections: AsyncSections
    #: Called, the list of releases (the generated operation); also ``changes()`` and ``feed()``.
    releases: AsyncReleases
    targets: AsyncTargets
    promises: AsyncPromises

    def _bind(self, client: AsyncAPIClient) -> None:
        self._client = client
        self.releases = AsyncReleases(client)
        self.glossary = AsyncGlossary(client)
        self.indicators = AsyncIndicators(client)
        self.observations = AsyncObservations(client)
        self.projects = AsyncProjects(client)
        self.sections = AsyncSections(client)
        self.targets = AsyncTargets(client)
        self.promises = AsyncPromises(client)

    def __init__(
        self,
        *,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        deadline: float = DEFAULT_DEADLINE,
        max_retries: int = DEFAULT_MAX_RETRIES,
        max_pages: int = DEFAULT_MAX_PAGES,
        max_body_size: int = DEFAULT_MAX_BODY_SIZE,
        max_file_size: int = DEFAULT_MAX_FILE_SIZE,
        http_client: httpx.AsyncClient | None = None,
        cache: bool = False,
        cache_max_bytes: int = DEFAULT_CACHE_MAX_BYTES,
    ) -> None:
        self._options = ClientOptions(
            base_url=resolve_base_url(base_url),
            timeout=timeout,
            deadline=deadline,
            max_retries=max_retries,
            max_pages=max_pages,
            max_body_size=max_body_size,
            max_file_size=max_file_size,
            cache=cache,
        )
        self._etags = ETagCache(cache_max_bytes) if cache else None
        self._http_client = http_client
        self._bind(AsyncAPIClient(self._options, http_client, self._etags))

    def with_options(
        self,
        *,
        base_url: str | None = None,
        timeout: float | None = None,
        deadline: float | None = None,
        max_retries: int | None = None,
        max_pages: int | None = None,
        max_body_size: int | None = None,
        max_file_size: int | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> AsyncClient:
        """A copy of this client with some options changed (the ETag cache is shared)."""
        copy = AsyncClient.__new__(AsyncClient)
        copy._options = _changed(self._options, {
            "base_url": base_url, "timeout": timeout, "deadline": deadline,
            "max_retries": max_retries, "max_pages": max_pages, "max_body_size": max_body_size,
            "max_file_size": max_file_size,
        })  # fmt: skip
        copy._etags = self._etags
        copy._http_client = http_client or self._http_client
        copy._bind(AsyncAPIClient(copy._options, copy._http_client, copy._etags))
        return copy

    async def close(self) -> None:
        """Close the connection pool (not an injected ``http_client``)."""
        await self._client.close()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()
