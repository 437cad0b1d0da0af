"""``Client`` and ``AsyncClient``: configuration, lifecycle, and the generated resources."""

from __future__ import annotations

from types import TracebackType

import httpx

from longgang_opendata._base_client import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    AsyncAPIClient,
    ClientOptions,
    ETagCache,
    SyncAPIClient,
    resolve_base_url,
)
from longgang_opendata._resources import AsyncResources, SyncResources

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
    def max_retries(self) -> int:
        return self._options.max_retries

    @property
    def revalidated(self) -> int:
        """How many answers the ETag cache served after a 304 (0 without ``cache=True``)."""
        return self._etags.revalidated if self._etags is not None else 0


def _changed(
    options: ClientOptions, base_url: str | None, timeout: float | None, max_retries: int | None
) -> ClientOptions:
    """``options`` with the given ones replaced (the ETag cache setting is kept)."""
    return ClientOptions(
        resolve_base_url(base_url or options.base_url),
        options.timeout if timeout is None else timeout,
        options.max_retries if max_retries is None else max_retries,
        options.cache,
    )


def _options(
    base_url: str | None, timeout: float, max_retries: int, cache: bool
) -> tuple[ClientOptions, ETagCache | None]:
    if max_retries < 0:
        raise ValueError("max_retries must be 0 or more")
    options = ClientOptions(resolve_base_url(base_url), timeout, max_retries, cache)
    return options, (ETagCache() if cache else None)


class Client(SyncResources, _Options):
    """Synchronous client of the Longgang Open Data API.

    Args:
        base_url: Root of the API; default ``$LONGGANG_OPENDATA_BASE_URL`` or
            ``http://127.0.0.1:8000``.
        timeout: Seconds to wait for each answer.
        max_retries: Retries of a failed call (connection errors, timeouts, 429, 5xx),
            with exponential backoff and jitter, honouring ``Retry-After``.
        http_client: An ``httpx.Client`` to send requests with (a test client, a proxy
            configuration …); the caller keeps ownership of it.
        cache: Keep answers with their ETags and revalidate them with ``If-None-Match``;
            a 304 costs no body.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.Client | None = None,
        cache: bool = False,
    ) -> None:
        self._options, self._etags = _options(base_url, timeout, max_retries, cache)
        self._http_client = http_client
        self._init_resources(SyncAPIClient(self._options, http_client, self._etags))

    def with_options(
        self,
        *,
        base_url: str | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        http_client: httpx.Client | None = None,
    ) -> Client:
        """A copy of this client with some options changed (the ETag cache is shared)."""
        copy = Client.__new__(Client)
        copy._options = _changed(self._options, base_url, timeout, max_retries)
        copy._etags = self._etags
        copy._http_client = http_client or self._http_client
        copy._init_resources(SyncAPIClient(copy._options, copy._http_client, copy._etags))
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


class AsyncClient(AsyncResources, _Options):
    """Asynchronous client of the Longgang Open Data API; same arguments as :class:`Client`."""

    def __init__(
        self,
        *,
        base_url: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        cache: bool = False,
    ) -> None:
        self._options, self._etags = _options(base_url, timeout, max_retries, cache)
        self._http_client = http_client
        self._init_resources(AsyncAPIClient(self._options, http_client, self._etags))

    def with_options(
        self,
        *,
        base_url: str | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> AsyncClient:
        """A copy of this client with some options changed (the ETag cache is shared)."""
        copy = AsyncClient.__new__(AsyncClient)
        copy._options = _changed(self._options, base_url, timeout, max_retries)
        copy._etags = self._etags
        copy._http_client = http_client or self._http_client
        copy._init_resources(AsyncAPIClient(copy._options, copy._http_client, copy._etags))
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
