"""Which language a page is written in: ``?lang=`` first, then ``Accept-Language``, then Chinese."""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import parse_qs, urlencode

from litestar import Request
from litestar.types import Scope

from longgang_api.engine.list_request import read_lang
from longgang_api.web import variants
from longgang_api.web.representation import preferred

Lang = Literal["zh", "en"]
LANGUAGES: tuple[Lang, ...] = ("zh", "en")
#: BCP 47 tags for ``<html lang>``, ``hreflang`` and ``Content-Language``.
TAGS: dict[Lang, str] = {"zh": "zh-Hans", "en": "en"}


def from_accept_language(header: str | None) -> Lang:
    """The preferred of our two languages in an ``Accept-Language`` header; Chinese if neither."""
    for tag in preferred(header):
        if tag.split("-")[0] == "en":
            return "en"
        if tag.split("-")[0] == "zh":
            return "zh"
    return "zh"


def page_language(request: Request[Any, Any, Any]) -> Lang:
    """``?lang=zh|en`` when given (anything else is a 400), else the browser's preference."""
    return chosen_language(read_lang(request.query_params.getall("lang", [])), request)


def chosen_language(lang: str | None, request: Request[Any, Any, Any]) -> Lang:
    """The ``lang`` read from the query (None when not given), else the browser's preference."""
    if lang is not None:
        return "en" if lang == "en" else "zh"
    return from_accept_language(request.headers.get("accept-language"))


def page_variant(scope: Scope) -> str | None:
    """The representation a page request gets, as the response cache replays it.

    The same choice as :func:`page_language`, read from the raw request: the
    cache keeps one answer per language, whatever the ``Accept-Language`` wording.
    """
    given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang")
    if given is None:
        lang = from_accept_language(variants.header(scope, b"accept-language"))
    elif len(given) == 1 and given[0] in LANGUAGES:
        lang = "en" if given[0] == "en" else "zh"
    else:
        return None  # the page answers 400: nothing to replay
    return f"text/html|{lang}"


def page_url(path: str, lang: Lang, params: list[tuple[str, str]] | None = None) -> str:
    """A link to one of our pages that keeps the reader's language."""
    return f"{path}?{urlencode([*(params or []), ('lang', lang)])}"
