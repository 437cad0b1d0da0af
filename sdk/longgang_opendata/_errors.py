"""Exceptions raised by the client.

LonggangOpenDataError
├── APIConnectionError            the server could not be reached
│   └── APITimeoutError           …or did not answer in time (timeout, or the call's deadline)
├── APIResponseValidationError    the answer is not one the API gives: not JSON, not the schema,
│                                 a redirect, larger than the client's bound
├── PaginationError               a walk of pages repeated a cursor or ran past max_pages
└── APIStatusError                the server answered 4xx/5xx (problem details attached)
    ├── BadRequestError           400: a parameter is unknown or has a bad value
    ├── NotFoundError             404: no such record or path
    ├── NotAcceptableError        406: representation not available
    ├── RateLimitError            429: too many requests (retried first)
    └── InternalServerError       5xx (retried first)
"""

from __future__ import annotations

import httpx

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "BadRequestError",
    "InternalServerError",
    "LonggangOpenDataError",
    "NotAcceptableError",
    "NotFoundError",
    "PaginationError",
    "RateLimitError",
]


class LonggangOpenDataError(Exception):
    """Base of every error this client raises."""


class APIConnectionError(LonggangOpenDataError):
    """The request never got an answer (after retries)."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """No complete answer within the timeout (after retries) or within the call's deadline."""


class APIResponseValidationError(LonggangOpenDataError):
    """The server's answer is not one the API gives; the message names its status and type."""

    def __init__(self, message: str, *, response: httpx.Response) -> None:
        super().__init__(message)
        self.response = response


class PaginationError(LonggangOpenDataError):
    """A walk of a list stopped: the server gave a cursor again, or the walk reached max_pages."""


class APIStatusError(LonggangOpenDataError):
    """The server answered with an error status; the problem details are attached."""

    def __init__(self, response: httpx.Response, problem: dict[str, object]) -> None:
        detail = str(problem.get("detail") or response.reason_phrase)
        super().__init__(f"{response.status_code}: {detail}")
        self.response = response
        self.status_code: int = response.status_code
        self.type: str | None = _text(problem.get("type"))
        self.title: str | None = _text(problem.get("title"))
        self.detail: str = detail
        self.parameter: str | None = _text(problem.get("parameter"))
        # Closest existing ids on a 404 for a record id; servers before it send none.
        suggested = problem.get("suggestions")
        self.suggestions: tuple[str, ...] = (
            tuple(s for s in suggested if isinstance(s, str)) if isinstance(suggested, list) else ()
        )
        self.request_id: str | None = response.headers.get("x-request-id")


class BadRequestError(APIStatusError):
    """400: a parameter is unknown or has a value the API does not accept."""


class NotFoundError(APIStatusError):
    """404: no record with this id, or no such path."""


class NotAcceptableError(APIStatusError):
    """406: the requested representation is not available."""


class RateLimitError(APIStatusError):
    """429: too many requests."""


class InternalServerError(APIStatusError):
    """5xx: the server failed."""


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def status_error(response: httpx.Response, problem: dict[str, object]) -> APIStatusError:
    """The exception for an error ``response``."""
    status = response.status_code
    kind: type[APIStatusError]
    if status == 400:
        kind = BadRequestError
    elif status == 404:
        kind = NotFoundError
    elif status == 406:
        kind = NotAcceptableError
    elif status == 429:
        kind = RateLimitError
    elif status >= 500:
        kind = InternalServerError
    else:
        kind = APIStatusError
    return kind(response, problem)
