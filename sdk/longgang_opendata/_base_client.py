"""Transport shared by the generated resources: retries, bounds, ETag cache, errors, decoding.

Every call of this API is a GET, so every call is safe to retry: connection
errors, timeouts, 429 and 5xx are retried with exponential backoff and
jitter, honouring ``Retry-After`` up to ``MAX_RETRY_AFTER``.

Every call is bounded whatever the server does, so a broken or hostile server
can neither hold a program forever nor fill its memory:

- ``deadline``: seconds for the whole call — every attempt, the sleeps between
  them and reading the body; no wait is begun that would end past it;
- ``timeout``: seconds for each wait of the network (connecting, each read);
- ``max_body_size`` / ``max_file_size``: bytes of one JSON answer / one answer
  returned as bytes or streamed to a file, counted as they arrive (decompressed);
- redirects are not followed: any answer but 200 (or a 304 the ETag cache
  answers) is an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import math
import os
import random
import time
import unicodedata
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar
from urllib.parse import quote

import httpx
import msgspec

from longgang_opendata._errors import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    LonggangOpenDataError,
    status_error,
)
from longgang_opendata._logs import logger
from longgang_opendata._version import __version__

T = TypeVar("T")
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
BASE_URL_ENV = "LONGGANG_OPENDATA_BASE_URL"
DEFAULT_TIMEOUT = 10.0
DEFAULT_DEADLINE = 60.0
DEFAULT_MAX_RETRIES = 2
#: Pages of one walk of a list: 50,000 records at the API's default page size.
DEFAULT_MAX_PAGES = 1_000
#: A page of 500 records is well under 1 MiB; 32 MiB leaves room for the data to grow.
DEFAULT_MAX_BODY_SIZE = 32 * 2**20
#: Bytes of bodies the ETag cache keeps: every page of every list of the report several times over.
DEFAULT_CACHE_MAX_BYTES = 64 * 2**20
#: The bulk files of a dataset 100 times the report's are under 30 MiB.
DEFAULT_MAX_FILE_SIZE = 2**30
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
#: The longest ``Retry-After`` waited for; a server asking for longer gets its error at once.
MAX_RETRY_AFTER = 30.0
_RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
USER_AGENT = f"longgang-opendata/{__version__}"
_JSON = "application/json"
_ANY = "*/*"

ParamValue = str | int | float | bool | Sequence[str | int | float | bool] | None
Params = Mapping[str, ParamValue]
#: The option that bounds an answer's body.
SizeBound = Literal["max_body_size", "max_file_size"]


def path_segment(value: str, name: str) -> str:
    """``value`` escaped as one path segment; an id that is not one never reaches the network.

    Escaping is not enough: httpx resolves ``.`` and ``..`` segments, so ``get("..")`` would ask
    for the parent path (``/v1``) and hand its answer back as the record. A blank id would ask
    for the list. Slashes, backslashes and control characters have no place in an id either.
    """
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string, got {value!r}")
    if value in (".", "..") or "/" in value or "\\" in value or _has_control(value):
        raise ValueError(
            f"{name} must be one path segment (not '.' or '..', without '/', '\\' or control "
            f"characters), got {value!r}"
        )
    return quote(value, safe="")


def _has_control(text: str) -> bool:
    return any(unicodedata.category(char) == "Cc" for char in text)


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


def retry_after(response: httpx.Response | None) -> float | None:
    """Seconds ``Retry-After`` asks to wait, or None when it asks nothing valid.

    RFC 9110 allows a whole number of seconds or an HTTP date. Anything else (``nan``, a
    negative number, a date no calendar holds) is ignored, as if the header were absent.
    """
    if response is None:
        return None
    header = response.headers.get("retry-after", "").strip()
    if header.isascii() and header.isdigit():
        return float(header)  # inf for a number too long for a float: never waited for
    try:
        moment = email.utils.parsedate_to_datetime(header)
        return max(moment.timestamp() - time.time(), 0.0)
    except (TypeError, ValueError, OverflowError, IndexError):
        return None


def retry_delay(attempt: int, response: httpx.Response | None) -> float | None:
    """Seconds to wait before retry number ``attempt`` (0-based); None when not worth waiting.

    A ``Retry-After`` over ``MAX_RETRY_AFTER`` is None: a server that asks for minutes will not
    be answering in the seconds a call lasts.
    """
    after = retry_after(response)
    if after is not None:
        return after if after <= MAX_RETRY_AFTER else None
    backoff = min(INITIAL_RETRY_DELAY * 2.0**attempt, MAX_RETRY_DELAY)
    return backoff * (1 - 0.25 * random.random())


def _problem(body: bytes) -> dict[str, object]:
    try:
        problem = msgspec.json.decode(body)
    except msgspec.DecodeError:
        return {}
    return problem if isinstance(problem, dict) else {}


def _described(response: httpx.Response) -> str:
    """``302 Found, text/html``: what a wrong answer was, for an error message."""
    status = f"{response.status_code} {response.reason_phrase}".strip()
    return f"{status}, {response.headers.get('content-type') or 'no Content-Type'}"


def _unexpected(url: str, response: httpx.Response) -> APIResponseValidationError:
    """The error for an answer that is neither a 200 nor an error status."""
    if response.is_redirect:
        location = response.headers.get("location", "")
        return APIResponseValidationError(
            f"GET {url} answered {_described(response)}, a redirect to {location!r}; the client "
            "does not follow redirects (is the base URL the API's?)",
            response=response,
        )
    return APIResponseValidationError(
        f"GET {url} answered {_described(response)} where the API answers 200", response=response
    )


def _error(url: str, response: httpx.Response, body: bytes) -> LonggangOpenDataError:
    """The exception for a ``response`` that is not a 200."""
    if response.status_code >= 400:
        return status_error(response, _problem(body))
    return _unexpected(url, response)


class Deadline:
    """The moment one call must be over, for the GET of ``url``."""

    def __init__(self, seconds: float, url: str) -> None:
        self.seconds = seconds
        self.url = url
        self._at = time.monotonic() + seconds

    def left(self) -> float:
        return self._at - time.monotonic()

    def error(self) -> APITimeoutError:
        return APITimeoutError(
            f"no complete answer to GET {self.url} within the deadline of {self.seconds:g} s"
        )

    def check(self) -> None:
        if self.left() <= 0:
            raise self.error()

    def timeout(self, per_wait: float) -> httpx.Timeout:
        """Each wait of the next attempt cut to the time left, so that none outlasts the call."""
        self.check()
        return httpx.Timeout(min(per_wait, self.left()))


class _BodyBound:
    """Counts one answer's body against its size bound and the call's deadline as it arrives."""

    def __init__(
        self, url: str, response: httpx.Response, limit: int, name: SizeBound, deadline: Deadline
    ) -> None:
        self._url = url
        self._response = response
        self._limit = limit
        self._name = name
        self._deadline = deadline
        self._size = 0
        declared = _declared_size(response)
        if declared is not None and declared > limit:
            raise self._too_large()

    def take(self, chunk: bytes) -> bytes:
        self._size += len(chunk)
        if self._size > self._limit:
            raise self._too_large()
        self._deadline.check()
        return chunk

    def _too_large(self) -> APIResponseValidationError:
        return APIResponseValidationError(
            f"the answer to GET {self._url} ({_described(self._response)}) is larger than "
            f"{self._name} ({self._limit:,} bytes)",
            response=self._response,
        )

    def undecodable(self) -> APIResponseValidationError:
        encoding = self._response.headers.get("content-encoding", "")
        return APIResponseValidationError(
            f"the answer to GET {self._url} ({_described(self._response)}) cannot be decoded "
            f"from its Content-Encoding {encoding!r}",
            response=self._response,
        )


def _declared_size(response: httpx.Response) -> float | None:
    """The size ``Content-Length`` announces, when it is the size the body will have."""
    declared = response.headers.get("content-length", "")
    if "content-encoding" in response.headers:  # the decoded body may be any size
        return None
    if not (declared.isascii() and declared.isdigit()):
        return None
    return float(declared)  # inf for a length too long for a float


@dataclass(frozen=True)
class Streamed:
    """A 200 answer read as it arrives; ``chunks`` stops at the call's deadline and size bound."""

    response: httpx.Response
    chunks: Iterator[bytes]


@dataclass(frozen=True)
class AsyncStreamed:
    """The asynchronous :class:`Streamed`."""

    response: httpx.Response
    chunks: AsyncIterator[bytes]


class ETagCache:
    """Bodies of earlier answers by URL, with their ETags, for revalidation; least recently used
    first out.

    The bodies together hold at most ``max_bytes``: a long-running program walking many lists
    keeps the answers it asks for again, not every answer it ever had. A body larger than the
    whole budget is not kept.
    """

    def __init__(self, max_bytes: int = DEFAULT_CACHE_MAX_BYTES) -> None:
        if max_bytes < 0:
            raise ValueError(f"cache_max_bytes must be 0 or more, got {max_bytes!r}")
        self.max_bytes = max_bytes
        self.size = 0
        self.revalidated = 0
        self._entries: OrderedDict[str, tuple[str, bytes]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def etag(self, url: str) -> str | None:
        """The ETag of the kept answer to ``url``, if any."""
        entry = self._entries.get(url)
        return entry[0] if entry is not None else None

    def body(self, url: str) -> bytes | None:
        """The kept body of ``url`` (a 304 confirmed it), now the most recently used."""
        entry = self._entries.get(url)
        if entry is None:
            return None
        self._entries.move_to_end(url)
        return entry[1]

    def keep(self, url: str, etag: str, body: bytes) -> None:
        """Keep an answer, dropping the least recently used ones past ``max_bytes``."""
        self._drop(url)
        if len(body) > self.max_bytes:
            return
        self._entries[url] = (etag, body)
        self.size += len(body)
        while self.size > self.max_bytes:
            self._drop(next(iter(self._entries)))

    def _drop(self, url: str) -> None:
        entry = self._entries.pop(url, None)
        if entry is not None:
            self.size -= len(entry[1])


@dataclass(frozen=True, kw_only=True)
class ClientOptions:
    """Everything a client is configured with; ``with_options`` copies and changes it."""

    base_url: str
    timeout: float = DEFAULT_TIMEOUT
    deadline: float = DEFAULT_DEADLINE
    max_retries: int = DEFAULT_MAX_RETRIES
    max_pages: int = DEFAULT_MAX_PAGES
    max_body_size: int = DEFAULT_MAX_BODY_SIZE
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    cache: bool = False

    def __post_init__(self) -> None:
        for seconds in ("timeout", "deadline"):
            value = getattr(self, seconds)
            if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
                raise ValueError(f"{seconds} must be a positive number of seconds, got {value!r}")
        if self.max_retries < 0:
            raise ValueError("max_retries must be 0 or more")
        for bound in ("max_pages", "max_body_size", "max_file_size"):
            if getattr(self, bound) < 1:
                raise ValueError(f"{bound} must be 1 or more, got {getattr(self, bound)!r}")


def resolve_base_url(base_url: str | None) -> str:
    """``base_url``, else ``$LONGGANG_OPENDATA_BASE_URL``, else the default; checked.

    A malformed URL fails here, when the client is made, not as an odd error on its first call.
    """
    if base_url:
        return checked_base_url(base_url, "base_url")
    if os.environ.get(BASE_URL_ENV):
        return checked_base_url(os.environ[BASE_URL_ENV], f"${BASE_URL_ENV}")
    return DEFAULT_BASE_URL


def checked_base_url(value: str, source: str) -> str:
    try:
        url: httpx.URL | None = httpx.URL(value)
    except (httpx.InvalidURL, TypeError):
        url = None
    if (
        url is None
        or url.scheme not in ("http", "https")
        or not url.host
        or url.query
        or not 0 < (url.port or 80) < 65536
    ):
        raise ValueError(
            f"{source} must be an http:// or https:// URL with a host and no query, such as "
            f"{DEFAULT_BASE_URL}; got {value!r}"
        )
    return value.rstrip("/")


class _Base:
    _options: ClientOptions
    _cache: ETagCache | None
    _http: httpx.Client | httpx.AsyncClient

    def _prepare(
        self, path: str, params: Params | None, accept: str, *, revalidate: bool = True
    ) -> tuple[str, dict[str, str]]:
        """The full URL (also the cache key) and the headers of a call."""
        url = str(httpx.URL(f"{self._options.base_url}{path}", params=_encode_params(params)))
        headers = {"Accept": accept, "User-Agent": USER_AGENT}
        etag = self._cache.etag(url) if revalidate and self._cache is not None else None
        if etag is not None:
            headers["If-None-Match"] = etag
        return url, headers

    @property
    def max_pages(self) -> int:
        """Pages one walk of a list may fetch (read by the pages)."""
        return self._options.max_pages

    def _deadline(self, url: str) -> Deadline:
        return Deadline(self._options.deadline, url)

    def _bound(
        self, url: str, response: httpx.Response, name: SizeBound, deadline: Deadline
    ) -> _BodyBound:
        return _BodyBound(url, response, getattr(self._options, name), name, deadline)

    def _content(self, key: str, response: httpx.Response, body: bytes) -> bytes:
        """The body of a 200 (or the kept one a 304 confirms); any other answer raises."""
        cache = self._cache
        kept = cache.body(key) if cache is not None and response.status_code == 304 else None
        if cache is not None and kept is not None:
            cache.revalidated += 1
            logger.debug("cache hit: 304 for %s, body from the ETag cache", key)
            return kept
        if response.status_code != 200:
            raise _error(key, response, body)
        etag = response.headers.get("etag")
        if self._cache is not None and etag:
            self._cache.keep(key, etag, body)
        return body

    @staticmethod
    def _decode(content: bytes, type_: type[T], url: str, response: httpx.Response) -> T:
        try:
            return msgspec.json.decode(content, type=type_)
        except msgspec.ValidationError as error:
            raise APIResponseValidationError(
                f"the answer to GET {url} ({_described(response)}) does not match "
                f"{type_.__name__}: {error}",
                response=response,
            ) from None
        except msgspec.DecodeError:
            raise APIResponseValidationError(
                f"the answer to GET {url} ({_described(response)}) is not JSON", response=response
            ) from None

    def _delay(
        self,
        attempt: int,
        url: str,
        deadline: Deadline,
        response: httpx.Response | None,
        error: Exception | None,
    ) -> float | None:
        """Seconds to wait before trying again, or None to give up with this answer or error."""
        if attempt >= self._options.max_retries:
            return None
        if response is not None and response.status_code not in _RETRIED_STATUSES:
            return None
        delay = retry_delay(attempt, response)
        why = f"status {response.status_code}" if response is not None else repr(error)
        if delay is None or delay >= deadline.left():
            reason = f"Retry-After over {MAX_RETRY_AFTER:g} s" if delay is None else "the deadline"
            logger.info("no retry of GET %s after %s: the wait would pass %s", url, why, reason)
            return None
        logger.info("retry %d of GET %s in %.2f s after %s", attempt + 1, url, delay, why)
        return delay

    @staticmethod
    def _failure(error: httpx.TransportError, deadline: Deadline) -> APIConnectionError:
        """What a failed exchange means to the caller: the deadline, a timeout, no connection."""
        if deadline.left() <= 0:
            return deadline.error()
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(
                f"GET {deadline.url} timed out ({error or 'no answer within the timeout'})",
                request=_request_of(error),
            )
        return APIConnectionError(str(error) or "connection failed", request=_request_of(error))

    def _request(self, url: str, headers: dict[str, str], deadline: Deadline) -> httpx.Request:
        timeout = deadline.timeout(self._options.timeout)
        logger.debug("GET %s", url)
        return self._http.build_request("GET", url, headers=headers, timeout=timeout)

    @staticmethod
    def _answered(url: str, response: httpx.Response) -> None:
        logger.debug("%s %s for %s", response.status_code, response.reason_phrase, url)


def _request_of(error: httpx.TransportError) -> httpx.Request | None:
    try:
        return error.request
    except RuntimeError:  # an error raised outside a request has none
        return None


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
        url, headers = self._prepare(path, params, _JSON)
        response, body = self._respond(url, headers, self._deadline(url), "max_body_size")
        return self._decode(self._content(url, response, body), type_, url, response)

    def get_bytes(self, path: str, params: Params | None) -> bytes:
        """The body of an answer that is a file rather than a model."""
        url, headers = self._prepare(path, params, _ANY)
        response, body = self._respond(url, headers, self._deadline(url), "max_file_size")
        return self._content(url, response, body)

    @contextlib.contextmanager
    def stream(self, path: str, params: Params | None) -> Iterator[Streamed]:
        """A 200 answer whose body is read as it arrives (bulk downloads); anything else raises."""
        url, headers = self._prepare(path, params, _ANY, revalidate=False)
        deadline = self._deadline(url)
        response, body = self._respond(url, headers, deadline, None)
        try:
            if response.status_code != 200:
                raise _error(url, response, body)
            bound = self._bound(url, response, "max_file_size", deadline)
            yield Streamed(response, self._chunks(response, bound, deadline))
        finally:
            response.close()

    def _chunks(
        self, response: httpx.Response, bound: _BodyBound, deadline: Deadline
    ) -> Iterator[bytes]:
        try:
            for chunk in response.iter_bytes():
                yield bound.take(chunk)
        except httpx.DecodingError:
            raise bound.undecodable() from None
        except httpx.TransportError as error:
            raise self._failure(error, deadline) from None

    def _respond(
        self, url: str, headers: dict[str, str], deadline: Deadline, bound: SizeBound | None
    ) -> tuple[httpx.Response, bytes]:
        """The answer after retries, with its body; ``bound=None`` leaves a 200's body unread."""
        attempt = 0
        while True:
            response: httpx.Response | None = None
            body = b""
            error: httpx.TransportError | None = None
            try:
                response, body = self._attempt(url, headers, deadline, bound)
            except httpx.TransportError as caught:
                error = caught
            delay = self._delay(attempt, url, deadline, response, error)
            if delay is None:
                if error is not None:
                    raise self._failure(error, deadline) from None
                assert response is not None
                return response, body
            self._sleep(delay)
            attempt += 1

    def _attempt(
        self, url: str, headers: dict[str, str], deadline: Deadline, bound: SizeBound | None
    ) -> tuple[httpx.Response, bytes]:
        request = self._request(url, headers, deadline)
        response = self._http.send(request, stream=True, follow_redirects=False)
        self._answered(url, response)
        if bound is None and response.status_code == 200:
            return response, b""
        with contextlib.closing(response):
            counted = self._bound(url, response, bound or "max_body_size", deadline)
            body = bytearray()
            try:
                for chunk in response.iter_bytes():
                    body += counted.take(chunk)
            except httpx.DecodingError:
                raise counted.undecodable() from None
            return response, bytes(body)

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

    @staticmethod
    async def _within(deadline: Deadline, call: Awaitable[T]) -> T:
        """``call``, cancelled at the deadline: asyncio stops any wait, socket timeouts only one."""
        try:
            async with asyncio.timeout(max(deadline.left(), 0.0)):
                return await call
        except TimeoutError:
            raise deadline.error() from None

    async def get(self, path: str, params: Params | None, type_: type[T]) -> T:
        url, headers = self._prepare(path, params, _JSON)
        deadline = self._deadline(url)
        answer = self._respond(url, headers, deadline, "max_body_size")
        response, body = await self._within(deadline, answer)
        return self._decode(self._content(url, response, body), type_, url, response)

    async def get_bytes(self, path: str, params: Params | None) -> bytes:
        """The body of an answer that is a file rather than a model."""
        url, headers = self._prepare(path, params, _ANY)
        deadline = self._deadline(url)
        answer = self._respond(url, headers, deadline, "max_file_size")
        response, body = await self._within(deadline, answer)
        return self._content(url, response, body)

    @contextlib.asynccontextmanager
    async def stream(self, path: str, params: Params | None) -> AsyncIterator[AsyncStreamed]:
        """A 200 answer whose body is read as it arrives (bulk downloads); anything else raises."""
        url, headers = self._prepare(path, params, _ANY, revalidate=False)
        deadline = self._deadline(url)
        response, body = await self._within(deadline, self._respond(url, headers, deadline, None))
        try:
            if response.status_code != 200:
                raise _error(url, response, body)
            bound = self._bound(url, response, "max_file_size", deadline)
            yield AsyncStreamed(response, self._chunks(response, bound, deadline))
        finally:
            await response.aclose()

    async def _chunks(
        self, response: httpx.Response, bound: _BodyBound, deadline: Deadline
    ) -> AsyncIterator[bytes]:
        try:
            async for chunk in response.aiter_bytes():
                yield bound.take(chunk)
        except httpx.DecodingError:
            raise bound.undecodable() from None
        except httpx.TransportError as error:
            raise self._failure(error, deadline) from None

    async def _respond(
        self, url: str, headers: dict[str, str], deadline: Deadline, bound: SizeBound | None
    ) -> tuple[httpx.Response, bytes]:
        """The answer after retries, with its body; ``bound=None`` leaves a 200's body unread."""
        attempt = 0
        while True:
            response: httpx.Response | None = None
            body = b""
            error: httpx.TransportError | None = None
            try:
                response, body = await self._attempt(url, headers, deadline, bound)
            except httpx.TransportError as caught:
                error = caught
            delay = self._delay(attempt, url, deadline, response, error)
            if delay is None:
                if error is not None:
                    raise self._failure(error, deadline) from None
                assert response is not None
                return response, body
            await self._sleep(delay)
            attempt += 1

    async def _attempt(
        self, url: str, headers: dict[str, str], deadline: Deadline, bound: SizeBound | None
    ) -> tuple[httpx.Response, bytes]:
        request = self._request(url, headers, deadline)
        response = await self._http.send(request, stream=True, follow_redirects=False)
        self._answered(url, response)
        if bound is None and response.status_code == 200:
            return response, b""
        try:
            counted = self._bound(url, response, bound or "max_body_size", deadline)
            body = bytearray()
            try:
                async for chunk in response.aiter_bytes():
                    body += counted.take(chunk)
            except httpx.DecodingError:
                raise counted.undecodable() from None
            return response, bytes(body)
        finally:
            await response.aclose()

    async def close(self) -> None:
        if self._owns_client:
            await self._http.aclose()
