"""Transport shared by the generated resources: retries, ETag cache, errors, decoding.

Every call of this API is a GET, so every call is safe to retry: connection
errors, timeouts, 429 and 5xx are retried with exponential backoff and
jitter, honouring ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import os
import random
import time
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import quote

import httpx
import msgspec

from longgang_opendata._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    status_error,
)
from longgang_opendata._logs import logger
from longgang_opendata._version import __version__

T = TypeVar("T")
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
BASE_URL_ENV = "LONGGANG_OPENDATA_BASE_URL"
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
_RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = f"longgang-opendata/{__version__}"

ParamValue = str | int | float | bool | Sequence[str | int | float | bool] | None
Params = Mapping[str, ParamValue]


def path_segment(value: str, name: str) -> str:
    """``value`` escaped as one path segment; an empty or blank id never reaches the network.

    Without this check ``get("")`` would ask for the list and fail decoding it.
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string, got {value!r}")
    return quote(value, safe="")


def _encode_params(params: Params | None) -> list[tuple[str, str]]:
    encoded: list[tuple[str, str]] = []
    for name, value in (params or {}).items():
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item is None:
                continue
            if isinstance(item, bool):
                encoded.append((name, "true" if item else "false"))
            else:
                encoded.append((name, str(item)))
    return encoded


def _retry_after(response: httpx.Response | None) -> float | None:
    if response is None:
        return None
    header = response.headers.get("retry-after")
    if header is None:
        return None
    seconds: float
    try:
        seconds = float(header)
    except ValueError:
        try:
            seconds = email.utils.parsedate_to_datetime(header).timestamp() - time.time()
        except (TypeError, ValueError):
            return None
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


def retry_delay(attempt: int, response: httpx.Response | None) -> float:
    """Seconds to wait before retry number ``attempt`` (0-based)."""
    after = _retry_after(response)
    if after is not None:
        return after
    backoff = min(INITIAL_RETRY_DELAY * 2.0**attempt, MAX_RETRY_DELAY)
    return backoff * (1 - 0.25 * random.random())


def _problem(response: httpx.Response) -> dict[str, object]:
    try:
        body = msgspec.json.decode(response.content)
    except msgspec.DecodeError:
        return {}
    return body if isinstance(body, dict) else {}


@dataclass
class ETagCache:
    """Bodies of earlier answers by URL, with their ETags, for revalidation."""

    entries: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    revalidated: int = 0


@dataclass(frozen=True)
class ClientOptions:
    """Everything a client is configured with; ``with_options`` copies and changes it."""

    base_url: str
    timeout: float
    max_retries: int
    cache: bool


def resolve_base_url(base_url: str | None) -> str:
    return (base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")


class _Base:
    _options: ClientOptions
    _cache: ETagCache | None

    def _prepare(
        self, path: str, params: Params | None, accept: str, *, revalidate: bool = True
    ) -> tuple[str, dict[str, str]]:
        """The full URL (also the cache key) and the headers of a call."""
        url = str(httpx.URL(f"{self._options.base_url}{path}", params=_encode_params(params)))
        headers = {"Accept": accept, "User-Agent": USER_AGENT}
        if revalidate and self._cache is not None and url in self._cache.entries:
            headers["If-None-Match"] = self._cache.entries[url][0]
        return url, headers

    def _content(self, key: str, response: httpx.Response) -> bytes:
        if response.status_code == 304 and self._cache is not None and key in self._cache.entries:
            self._cache.revalidated += 1
            logger.debug("cache hit: 304 for %s, body from the ETag cache", key)
            return self._cache.entries[key][1]
        if response.status_code >= 400 or response.status_code == 304:
            raise status_error(response, _problem(response))
        etag = response.headers.get("etag")
        if self._cache is not None and etag:
            self._cache.entries[key] = (etag, response.content)
        return response.content

    @staticmethod
    def _decode(content: bytes, type_: type[T], response: httpx.Response) -> T:
        try:
            return msgspec.json.decode(content, type=type_)
        except msgspec.ValidationError as error:
            raise APIResponseValidationError(
                f"the answer does not match {type_.__name__}: {error}", response=response
            ) from None

    def _should_retry(self, attempt: int, response: httpx.Response | None) -> bool:
        if attempt >= self._options.max_retries:
            return False
        return response is None or response.status_code in _RETRIED_STATUSES

    def _request(self, url: str, headers: dict[str, str]) -> httpx.Request:
        logger.debug("GET %s", url)
        return self._http.build_request("GET", url, headers=headers, timeout=self._options.timeout)

    @staticmethod
    def _answered(url: str, response: httpx.Response) -> None:
        logger.debug("%s %s for %s", response.status_code, response.reason_phrase, url)

    def _retrying(
        self, url: str, attempt: int, response: httpx.Response | None, error: Exception | None
    ) -> float:
        delay = retry_delay(attempt, response)
        why = f"status {response.status_code}" if response is not None else repr(error)
        logger.info("retry %d of GET %s in %.2f s after %s", attempt + 1, url, delay, why)
        return delay

    _http: httpx.Client | httpx.AsyncClient


class SyncAPIClient(_Base):
    """Synchronous transport over an ``httpx.Client``."""

    _http: httpx.Client

    def __init__(
        self,
        options: ClientOptions,
        http_client: httpx.Client | None,
        cache: ETagCache | None,
    ) -> None:
        self._options = options
        self._owns_client = http_client is None
        self._http = http_client or httpx.Client(timeout=options.timeout)
        self._cache = cache

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def get(self, path: str, params: Params | None, type_: type[T]) -> T:
        response, content = self._send(path, params)
        return self._decode(content, type_, response)

    def get_bytes(self, path: str, params: Params | None) -> bytes:
        """The body of an answer that is a file rather than a model."""
        return self._send(path, params, accept="*/*")[1]

    def _send(
        self, path: str, params: Params | None, accept: str = "application/json"
    ) -> tuple[httpx.Response, bytes]:
        url, headers = self._prepare(path, params, accept)
        response = self._respond(url, headers, stream=False)
        return response, self._content(url, response)

    @contextlib.contextmanager
    def stream(self, path: str, params: Params | None) -> Iterator[httpx.Response]:
        """An answer whose body is read as it arrives (bulk downloads); errors raise first."""
        url, headers = self._prepare(path, params, "*/*", revalidate=False)
        response = self._respond(url, headers, stream=True)
        try:
            if response.status_code >= 400:
                response.read()
                raise status_error(response, _problem(response))
            yield response
        finally:
            response.close()

    def _respond(self, url: str, headers: dict[str, str], *, stream: bool) -> httpx.Response:
        attempt = 0
        while True:
            response: httpx.Response | None = None
            error: Exception | None = None
            try:
                response = self._http.send(self._request(url, headers), stream=stream)
            except httpx.TimeoutException as caught:
                if not self._should_retry(attempt, None):
                    message = str(caught) or "timed out"
                    raise APITimeoutError(message, request=caught.request) from None
                error = caught
            except httpx.TransportError as caught:
                if not self._should_retry(attempt, None):
                    raise APIConnectionError(str(caught) or "connection failed") from None
                error = caught
            else:
                self._answered(url, response)
                if not self._should_retry(attempt, response):
                    return response
                response.close()
            self._sleep(self._retrying(url, attempt, response, error))
            attempt += 1

    def close(self) -> None:
        if self._owns_client:
            self._http.close()


class AsyncAPIClient(_Base):
    """Asynchronous transport over an ``httpx.AsyncClient``."""

    _http: httpx.AsyncClient

    def __init__(
        self,
        options: ClientOptions,
        http_client: httpx.AsyncClient | None,
        cache: ETagCache | None,
    ) -> None:
        self._options = options
        self._owns_client = http_client is None
        self._http = http_client or httpx.AsyncClient(timeout=options.timeout)
        self._cache = cache

    async def _sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def get(self, path: str, params: Params | None, type_: type[T]) -> T:
        response, content = await self._send(path, params)
        return self._decode(content, type_, response)

    async def get_bytes(self, path: str, params: Params | None) -> bytes:
        """The body of an answer that is a file rather than a model."""
        return (await self._send(path, params, accept="*/*"))[1]

    async def _send(
        self, path: str, params: Params | None, accept: str = "application/json"
    ) -> tuple[httpx.Response, bytes]:
        url, headers = self._prepare(path, params, accept)
        response = await self._respond(url, headers, stream=False)
        return response, self._content(url, response)

    @contextlib.asynccontextmanager
    async def stream(self, path: str, params: Params | None) -> AsyncIterator[httpx.Response]:
        """An answer whose body is read as it arrives (bulk downloads); errors raise first."""
        url, headers = self._prepare(path, params, "*/*", revalidate=False)
        response = await self._respond(url, headers, stream=True)
        try:
            if response.status_code >= 400:
                await response.aread()
                raise status_error(response, _problem(response))
            yield response
        finally:
            await response.aclose()

    async def _respond(self, url: str, headers: dict[str, str], *, stream: bool) -> httpx.Response:
        attempt = 0
        while True:
            response: httpx.Response | None = None
            error: Exception | None = None
            try:
                response = await self._http.send(self._request(url, headers), stream=stream)
            except httpx.TimeoutException as caught:
                if not self._should_retry(attempt, None):
                    message = str(caught) or "timed out"
                    raise APITimeoutError(message, request=caught.request) from None
                error = caught
            except httpx.TransportError as caught:
                if not self._should_retry(attempt, None):
                    raise APIConnectionError(str(caught) or "connection failed") from None
                error = caught
            else:
                self._answered(url, response)
                if not self._should_retry(attempt, response):
                    return response
                await response.aclose()
            await self._sleep(self._retrying(url, attempt, response, error))
            attempt += 1

    async def close(self) -> None:
        if self._owns_client:
            await self._http.aclose()
