"""One error shape for every 4xx and 5xx: RFC 9457 ``application/problem+json``.

Handlers raise :class:`~longgang_api.engine.query_error.QueryError` (400 naming the
parameter) or Litestar's own HTTP exceptions; the exception handlers here turn
all of them — routing 404s and 405s included — into :class:`Problem` bodies. A server error never
shows a stack trace, a path or a version.
"""

from __future__ import annotations

import logging
import re
from typing import Annotated, Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, NotFoundException
from litestar.openapi.datastructures import ResponseSpec
from msgspec import Meta

from longgang_api.data import media_types
from longgang_api.data.model import Base
from longgang_api.engine.query_error import QueryError
from longgang_api.web.headers import Answer
from longgang_api.web.representation import NotAcceptable

# Relative references (RFC 9457 §3.1.1): the kinds are listed in docs/errors-and-caching.md.
PROBLEM_TYPE_BASE = "/problems/"
_log = logging.getLogger("longgang_api")
_MISSING = re.compile(r"Missing required \w+ parameter '([^']+)'")
#: The methods every resource takes: what a 405's ``Allow`` says.
ALLOWED_METHODS = "GET, HEAD, OPTIONS"

_TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    413: "Content too large",
    414: "URI too long",
    416: "Range not satisfiable",
    429: "Too many requests",
    431: "Request header fields too large",
    500: "Internal server error",
    503: "Service unavailable",
}
_SLUGS = {
    400: "bad-request",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    414: "uri-too-long",
    416: "range-not-satisfiable",
    429: "too-many-requests",
    431: "headers-too-large",
    500: "internal-error",
    503: "unavailable",
}


def problem_slug(status: int) -> str:
    """The last segment of the ``type`` of a problem with this status."""
    return _SLUGS.get(status, str(status))


def problem_title(status: int) -> str:
    return _TITLES.get(status, "Error")


#: Every problem type the API emits (each has a page at ``/problems/{slug}``).
PROBLEM_SLUGS = frozenset(_SLUGS.values())


class Problem(Base, frozen=True, kw_only=True):
    """An error, as RFC 9457 problem details."""

    type: Annotated[str, Meta(description="URI identifying the kind of problem.")]
    title: Annotated[str, Meta(description="Short summary of the kind of problem.")]
    status: Annotated[int, Meta(ge=400, le=599, description="HTTP status code.")]
    detail: Annotated[str, Meta(description="What went wrong with this request.")]
    parameter: Annotated[
        str | None,
        Meta(description="The query parameter or header at fault (400 responses)."),
    ] = None
    suggestions: Annotated[
        tuple[str, ...],
        Meta(
            description=(
                "Up to three existing names closest to the one asked for: ids for a 404 of a "
                "record id or a 400 of an id filter, sortable fields for a 400 of sort; empty "
                "otherwise."
            )
        ),
    ] = ()


class RecordNotFound(NotFoundException):
    """No record has the id asked for; ``suggestions`` are the closest ids that exist."""

    def __init__(self, detail: str, suggestions: tuple[str, ...]) -> None:
        super().__init__(detail=detail)
        self.suggestions = suggestions


def problem_body(
    status: int,
    detail: str,
    parameter: str | None = None,
    suggestions: tuple[str, ...] = (),
) -> bytes:
    return msgspec.json.encode(
        Problem(
            type=PROBLEM_TYPE_BASE + problem_slug(status),
            title=problem_title(status),
            status=status,
            detail=detail,
            parameter=parameter,
            suggestions=suggestions,
        )
    )


def problem_answer(
    status: int, detail: str, parameter: str | None = None, suggestions: tuple[str, ...] = ()
) -> Answer:
    """A problem as a whole answer made before routing: status, headers and body."""
    body = problem_body(status, detail, parameter, suggestions)
    headers = [
        (b"content-type", media_types.PROBLEM_JSON.encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    return status, headers, body


def problem_response(
    status: int,
    detail: str,
    parameter: str | None = None,
    headers: dict[str, str] | None = None,
    suggestions: tuple[str, ...] = (),
) -> Response[bytes]:
    return Response(
        content=problem_body(status, detail, parameter, suggestions),
        status_code=status,
        media_type=media_types.PROBLEM_JSON,
        headers=headers,
    )


def handle_http_exception(request: Request[Any, Any, Any], error: Exception) -> Response[bytes]:
    if isinstance(error, NotAcceptable):
        return problem_response(406, str(error))
    if isinstance(error, QueryError):
        return problem_response(400, error.detail, error.parameter, suggestions=error.suggestions)
    if isinstance(error, HTTPException):
        status = error.status_code
        headers = dict(error.headers or {})
        if isinstance(error, RecordNotFound):
            return problem_response(404, error.detail, suggestions=error.suggestions)
        if status == 404:
            detail = error.detail if error.detail != "Not Found" else "no resource at this URL"
        elif status == 405:
            detail = f"method {request.method} is not allowed here"
            headers = {k: v for k, v in headers.items() if k.lower() != "allow"}
            headers["Allow"] = ALLOWED_METHODS
        elif status >= 500:
            detail = "the server could not answer this request"
        else:
            detail = str(error.detail)
        return problem_response(status, detail, headers=headers or None)
    _log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(500, "the server could not answer this request")


def problem_responses(*statuses: int) -> dict[int, ResponseSpec]:
    """OpenAPI response entries for the given error statuses."""
    descriptions = {
        400: "A parameter is unknown or has a value that is not accepted.",
        404: "No record with this id.",
        406: "None of the representations named by Accept or format is available.",
    }
    return {
        status: ResponseSpec(
            data_container=Problem,
            description=descriptions.get(status, _TITLES.get(status, "Error")),
            media_type=media_types.PROBLEM_JSON,
            generate_examples=False,
        )
        for status in statuses
    }
