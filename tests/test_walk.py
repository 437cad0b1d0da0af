"""Every list walked to its end: through its next links, page after page, and back.

A list is answered a page at a time, and a page's next link carries everything
of the query; a walk that follows them must meet every record once, in the
order of the unpaged answer, with the same ``total`` on every JSON page and no
error on the way. An HTML list page's previous link goes back one page.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.declarations import GLOSSARY, INDICATORS, PROJECTS, Listing

Client = TestClient[Litestar]
#: The lists that have a page for people, listed by their ``/v1`` twin.
PAGE_LISTINGS: tuple[Listing[Any], ...] = (INDICATORS, PROJECTS, GLOSSARY)
#: A walk longer than this has lost its way (the longest list has a few hundred records).
MOST_PAGES = 1000

_ROW = re.compile(r'<tr id="([^"]+)">')
_NEXT = re.compile(r'<a href="([^"]+)" rel="next">')
_PREVIOUS = re.compile(r'<a href="([^"]+)" rel="prev">')


@dataclass(frozen=True)
class HtmlPage:
    """One page of an HTML list: the ids of its rows and its neighbours' addresses."""

    url: str
    ids: tuple[str, ...]
    next: str | None
    previous: str | None


def _link(pattern: re.Pattern[str], text: str) -> str | None:
    found = pattern.search(text)
    return html.unescape(found.group(1)) if found else None


def html_page(client: Client, url: str) -> HtmlPage:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.text[:300])
    text = response.text
    ids = tuple(html.unescape(i) for i in _ROW.findall(text))
    return HtmlPage(url, ids, _link(_NEXT, text), _link(_PREVIOUS, text))


def walk_html(client: Client, url: str) -> list[HtmlPage]:
    """The pages met following each page's ``rel="next"`` link from ``url``."""
    pages = [html_page(client, url)]
    while pages[-1].next is not None:
        assert len(pages) < MOST_PAGES, url
        pages.append(html_page(client, pages[-1].next))
    return pages


def check_going_back(client: Client, pages: list[HtmlPage]) -> None:
    """From every page, ``rel="prev"`` shows the page before it; the first page has none."""
    assert pages[0].previous is None, pages[0].url
    for before, page in itertools.pairwise(pages):
        assert page.previous is not None, page.url
        assert html_page(client, page.previous).ids == before.ids, page.url


def api_ids(client: Client, listing: Listing[Any], query: str) -> list[str]:
    """The ids of the records of the unpaged JSON answer to ``query``, in order."""
    url = f"{listing.path}?{query}&limit=500" if query else f"{listing.path}?limit=500"
    body = client.get(url).json()
    assert body["next_cursor"] is None, url
    return [item["id"] for item in body["items"]]


@pytest.mark.parametrize("listing", PAGE_LISTINGS, ids=lambda listing: listing.name)
@pytest.mark.parametrize("limit", [5, 20, 50])
def test_a_list_page_walks_to_its_end_and_back(
    client: Client, listing: Listing[Any], limit: int
) -> None:
    pages = walk_html(client, f"/{listing.name}?limit={limit}")
    assert [i for page in pages for i in page.ids] == api_ids(client, listing, "")
    check_going_back(client, pages)
