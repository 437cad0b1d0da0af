"""Errors of the pages: a readable HTML page for people, the problem+json body for programs.

A page's 4xx is written for whoever reads it: a browser (``text/html``, ``*/*``
or no ``Accept``) gets an HTML page in its language with the same status, title,
detail and parameter as the problem details, and a link to the problem type's
page; a client that asks for ``application/problem+json`` or ``application/json``
(and not HTML) gets the API's problem+json body.

A path that no route serves, or a method no route takes, is answered the same
way to a browser that asks for HTML first: :func:`routing_error`, wherever the
path points (``/v1`` included). Programs (problem+json, JSON, ``*/*`` or no
``Accept``) keep the problem+json body there.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.types import ExceptionHandlersMap

from longgang_api.data import media_types
from longgang_api.engine.query_error import QueryError
from longgang_api.pages import csp, texts
from longgang_api.pages.language import TAGS, Lang, from_accept_language
from longgang_api.pages.rendering import render
from longgang_api.web.parameter_errors import explain, handle_validation
from longgang_api.web.problems import (
    ALLOWED_METHODS,
    handle_http_exception,
    problem_slug,
    problem_title,
)
from longgang_api.web.representation import accepted_media


def wants_problem_json(accept: str | None) -> bool:
    """True when ``Accept`` puts problem+json or JSON before HTML (a program, not a browser)."""
    offered = (media_types.HTML, media_types.PROBLEM_JSON, media_types.JSON)
    return accepted_media(accept, offered, media_types.HTML) not in (None, media_types.HTML)


def asks_for_html_first(accept: str | None) -> bool:
    """True when ``Accept`` names HTML before problem+json and JSON (``*/*`` alone does not)."""
    offered = (media_types.PROBLEM_JSON, media_types.HTML, media_types.JSON)
    return accepted_media(accept, offered, offered[0]) == media_types.HTML


def routing_error(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    """The app's answer to an error: a page for a browser where routing found nothing.

    Errors a route's handler raises keep the handler's answer (the API's problem+json).
    """
    routed = "route_handler" in request.scope
    if routed or not isinstance(error, HTTPException) or error.status_code not in (404, 405):
        return handle_http_exception(request, error)
    return unserved(request, error)


def unserved(request: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    """A path that names nothing served (a 404 or 405): a page for a browser, else a problem.

    Also the answer of a page whose path parameter names nothing (``/source/{report}``),
    so that it answers as a path no route serves.
    """
    accept = request.headers.get("accept")
    if asks_for_html_first(accept):
        answer = page_error(request, error)
        if error.status_code == 405:
            answer.headers["Allow"] = ALLOWED_METHODS
    else:
        answer = handle_http_exception(request, error)
    # The same URL answers HTML or problem+json by Accept: caches must keep both apart.
    answer.headers["Vary"] = "Accept"
    return answer


def _language(request: Request[Any, Any, Any]) -> Lang:
    # The page that failed may have failed on ``lang`` itself: only a valid one is kept.
    given = request.query_params.getall("lang", [])
    if len(given) == 1 and given[0] in ("zh", "en"):
        return "en" if given[0] == "en" else "zh"
    return from_accept_language(request.headers.get("accept-language"))


def page_error(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    """The answer to an error raised while answering a page."""
    refusal = _refusal(request, error)
    if refusal is None:
        return handle_http_exception(request, error)
    if wants_problem_json(request.headers.get("accept")):
        if isinstance(error, ValidationException):
            return handle_validation(request, error)
        return handle_http_exception(request, error)
    status, parameter, detail = refusal
    lang = _language(request)
    slug = problem_slug(status)
    # The problem type's name and explanation in the page's language; the detail is the
    # problem's own (English) words, marked so.
    known = texts.PROBLEM_TYPES.get(slug)
    title = texts.pick(known[1], lang) if known else problem_title(status)
    page = render(
        "error.html",
        lang,
        request.url.path,
        title=f"{status} {title}",
        status=status,
        slug=slug,
        detail=detail,
        explanation=texts.pick(known[2], lang) if known else None,
        parameter=parameter,
        alternates=[],
    )
    return Response(
        content=page.encode(),
        status_code=status,
        media_type=media_types.HTML,
        headers={
            "Content-Security-Policy": csp.PAGE,
            "Content-Language": TAGS[lang],
            "Cache-Control": "no-store",
        },
    )


def _refusal(
    request: Request[Any, Any, Any], error: Exception
) -> tuple[int, str | None, str] | None:
    """The status, parameter and detail of a 4xx; None for an error of the server."""
    if isinstance(error, QueryError):
        return 400, error.parameter, error.detail
    if not isinstance(error, HTTPException) or error.status_code >= 500:
        return None
    if isinstance(error, ValidationException):
        parameter, detail = explain(request, error)
        return error.status_code, parameter, detail
    if error.status_code == 404 and error.detail == "Not Found":
        return 404, None, "no resource at this URL"
    return error.status_code, None, str(error.detail)


PAGE_EXCEPTION_HANDLERS: ExceptionHandlersMap = {
    # Named beside HTTPException: the app's own handler of this subclass would win otherwise.
    ValidationException: page_error,
    HTTPException: page_error,
    Exception: page_error,
}
