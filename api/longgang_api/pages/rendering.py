"""Jinja2 (autoescaping on) over the one base layout, answered with the API's caching and CSP."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import resources
from typing import Any
from urllib.parse import urlencode

import jinja2
from litestar import Request, Response

from longgang_api.data import media_types
from longgang_api.data.addresses import RELEASES_PAGE
from longgang_api.data.model import Observation
from longgang_api.pages import csp, texts
from longgang_api.pages.figures import value_text
from longgang_api.pages.language import LANGUAGES, TAGS, Lang, page_url, page_variant
from longgang_api.web.routed import respond
from longgang_api.web.served import Served

STYLESHEET = (resources.files("longgang_api.pages") / "static" / "site.css").read_bytes()
#: The stylesheet's address names its content, so it can be cached for a year: a new
#: stylesheet is a new address.
STYLESHEET_PATH = f"/assets/site.{hashlib.sha256(STYLESHEET).hexdigest()[:16]}.css"
IMMUTABLE = "public, max-age=31536000, immutable"
#: Pages without ``?lang=`` follow Accept-Language, so shared caches must key on it.
PAGE_VARY = "Accept, Accept-Encoding, Accept-Language"

_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("longgang_api.pages", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
#: The pages the layout's bar links to by a declared path (the others are written in it).
_ENVIRONMENT.globals["releases_page"] = RELEASES_PAGE


def render(
    template: str, lang: Lang, path: str, *, base_url: str | None = None, **context: Any
) -> str:
    """``template`` in ``lang``, with what the base layout needs.

    With ``base_url`` (the server's public address) the page names its canonical
    address and its two languages' addresses; the address without ``lang`` is the
    ``x-default``, as it follows the reader's ``Accept-Language``.
    """

    def t(key: str) -> str:
        return texts.pick(texts.UI[key], lang)

    def label(table: dict[str, texts.Pair], code: str | None) -> str:
        if code is None:
            return ""
        pair = table.get(code)
        return texts.pick(pair, lang) if pair else code

    def loc(text: Any) -> str:
        """A LocalizedText in the page's language."""
        return str(text.en if lang == "en" else text.zh)

    def value(observation: Observation) -> str:
        return value_text(observation, lang)

    def url(target: str, params: list[tuple[str, str]] | None = None) -> str:
        return page_url(target, lang, params)

    query: list[tuple[str, str]] = context.pop("query", [])
    switch = {other: page_url(path, other, query) for other in LANGUAGES}
    canonical, hreflangs = None, {}
    if base_url is not None:
        negotiated = f"{path}?{urlencode(query)}" if query else path
        canonical = base_url + switch[lang]
        hreflangs = {TAGS[other]: base_url + switch[other] for other in LANGUAGES}
        hreflangs["x-default"] = base_url + negotiated
    return _ENVIRONMENT.get_template(template).render(
        lang=lang,
        html_lang=TAGS[lang],
        tags=TAGS,
        switch=switch,
        canonical=canonical,
        hreflangs=hreflangs,
        stylesheet=STYLESHEET_PATH,
        t=t,
        label=label,
        loc=loc,
        url=url,
        value=value,
        texts=texts,
        colon=": " if lang == "en" else "：",
        path=path,
        **context,
    )


def page_response(
    request: Request[Any, Any, Any],
    served: Served,
    lang: Lang,
    make: Callable[[], str],
    *,
    status_code: int = 200,
    policy: str = csp.PAGE,
) -> Response[bytes]:
    """A page with a strong ETag, the API's Cache-Control and its CSP (``policy``).

    The ETag's key holds the path, every query parameter and the language chosen
    (which ``Accept-Language`` may have decided), so equal pages share a tag.
    """
    headers = {
        "Content-Security-Policy": policy,
        "Content-Language": TAGS[lang],
        "Vary": PAGE_VARY,
    }
    if status_code != 200:
        return Response(
            content=make().encode(),
            status_code=status_code,
            media_type=media_types.HTML,
            headers={**headers, "Cache-Control": "no-store"},
        )
    key = f"page|{request.url.path}|{sorted(request.query_params.multi_items())}|{lang}"
    return respond(
        request,
        served.cache,
        key,
        media_types.HTML,
        lambda: make().encode(),
        headers,
        variant=page_variant,
    )
