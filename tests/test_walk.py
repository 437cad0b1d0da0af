"""Every list walked to its end: through its next links, page after page, and back.

A list is answered a page at a time, and a page's next link carries everything
of the query; a walk that follows them must meet every record once, in the
order of the unpaged answer, with the same ``total`` on every JSON page and no
error on the way. An HTML list page's previous link goes back one page.

The queries are drawn from each list's declaration (its filters and sortable
fields) and from the dataset (the values its records have, words of their
text in both languages). Under ``make fuzz`` (the "fuzz" profile) each
property runs many more examples.
"""

from __future__ import annotations

import csv
import html
import io
import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.app import COLLECTIONS_STATE
from longgang_api.engine.declarations import LISTINGS, Listing
from longgang_api.engine.query import Collection, canonical
from longgang_api.pages.language import Lang
from longgang_api.pages.routes import page_sort

Client = TestClient[Litestar]
Format = Literal["json", "csv", "ndjson"]
Params = list[tuple[str, str]]
#: A walk longer than this has lost its way (the longest list has a few hundred records).
MOST_PAGES = 1000
#: A page size the unpaged JSON answer is asked with: the API's largest.
WHOLE = 500

_ROW = re.compile(r'<tr id="([^"]+)">')
_NEXT = re.compile(r'<a href="([^"]+)" rel="next">')
_PREVIOUS = re.compile(r'<a href="([^"]+)" rel="prev">')
_SHOWN = re.compile(r'<p class="sub">(\d+)–(\d+) / (\d+) ')
_LINK = re.compile(r'^<([^>]+)>; rel="next"$')


def _page_listings() -> tuple[Listing[Any], ...]:
    """The lists that have a page for people: a ``/v1`` list whose name is also a page's path."""
    from tests.support import in_process_app

    paths = {route.path for route in in_process_app().routes}
    # The search page lists nothing until asked (its q is required): no walk from nothing.
    return tuple(
        listing for listing in LISTINGS if f"/{listing.name}" in paths and not listing.q_required
    )


def page_params(listing: Listing[Any], params: Params, lang: Lang) -> Params:
    """``params`` with the order the list page shows when they ask for none (by name)."""
    asked = dict(params)
    sort = page_sort(listing.name, asked.get("sort"), asked.get("q"), lang)
    return params if sort == asked.get("sort") else [*params, ("sort", str(sort))]


PAGE_LISTINGS = _page_listings()


#: A walk makes many requests: its properties run this share of the profile's examples.
SHARE = 20


def _walk_settings() -> settings:
    return settings(
        max_examples=max(5, settings().max_examples // SHARE),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def test_make_fuzz_walks_many_more_lists() -> None:
    from tools.fuzz import PROPERTY_TESTS

    assert "tests/test_walk.py" in PROPERTY_TESTS
    assert settings.get_profile("fuzz").max_examples // SHARE >= 250


# -- HTML pages ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HtmlPage:
    """One page of an HTML list: its rows' ids, what it says it shows, its neighbours."""

    url: str
    ids: tuple[str, ...]
    #: The "first–last / total" line: the rows' places among all the query's records.
    shown: tuple[int, int, int]
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
    shown = _SHOWN.search(text)
    assert shown is not None, url
    first, last, total = (int(n) for n in shown.groups())
    return HtmlPage(url, ids, (first, last, total), _link(_NEXT, text), _link(_PREVIOUS, text))


def walk_html(client: Client, url: str) -> list[HtmlPage]:
    """The pages met following each page's ``rel="next"`` link from ``url``."""
    pages = [html_page(client, url)]
    while pages[-1].next is not None:
        assert len(pages) < MOST_PAGES, url
        pages.append(html_page(client, pages[-1].next))
    return pages


def check_html_walk(client: Client, pages: list[HtmlPage], expected: list[str]) -> None:
    """The pages hold ``expected`` in order, each saying where its rows stand; ``rel="prev"``
    goes back from every page to the one before it, and the first page has none."""
    walked = [i for page in pages for i in page.ids]
    assert walked == expected, pages[0].url
    place = 0
    for page in pages:
        first = place + 1 if page.ids else 0
        place += len(page.ids)
        assert page.shown == (first, place, len(expected)), page.url
    assert pages[0].previous is None, pages[0].url
    for before, page in itertools.pairwise(pages):
        assert page.previous is not None, page.url
        assert html_page(client, page.previous).ids == before.ids, page.url


def api_ids(client: Client, listing: Listing[Any], params: Params) -> list[str]:
    """The ids of the records of the unpaged JSON answer to ``params``, in order."""
    items = unpaged(client, listing, params, "json")
    return [str(item["id"]) for item in items]


@pytest.mark.parametrize("listing", PAGE_LISTINGS, ids=lambda listing: listing.name)
@pytest.mark.parametrize("limit", [5, 20, 50])
def test_a_list_page_walks_to_its_end_and_back(
    client: Client, listing: Listing[Any], limit: int
) -> None:
    pages = walk_html(client, f"/{listing.name}?limit={limit}&lang=en")
    check_html_walk(client, pages, api_ids(client, listing, page_params(listing, [], "en")))


# -- /v1 lists ----------------------------------------------------------------------------


def _query(path: str, params: Params) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def _without(params: Params, *names: str) -> Params:
    return [(name, value) for name, value in params if name not in names]


def records_of(response: Any, representation: Format) -> list[Any]:
    """The records of an answer: JSON items, CSV rows (the header checked apart), NDJSON lines."""
    if representation == "json":
        return list(response.json()["items"])
    if representation == "csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        return rows[1:]
    return [json.loads(line) for line in response.text.splitlines() if line]


def unpaged(
    client: Client, listing: Listing[Any], params: Params, representation: Format
) -> list[Any]:
    """Every record matching ``params`` in one answer: JSON at the largest limit, CSV and
    NDJSON without limit (they are complete then)."""
    kept = _without(params, "limit", "format")
    if representation == "json":
        url = _query(listing.path, [*kept, ("limit", str(WHOLE))])
        body = client.get(url).json()
        assert body["next_cursor"] is None and body["total"] == len(body["items"]), url
        return list(body["items"])
    response = client.get(_query(listing.path, [*kept, ("format", representation)]))
    assert response.status_code == 200, (response.url, response.text[:300])
    return records_of(response, representation)


@dataclass
class Walk:
    """The pages of one list met by following next links: their records and totals."""

    records: list[Any]
    totals: set[int]
    pages: int
    sizes: list[int]


def _next_link(response: Any) -> str | None:
    link = response.headers.get("link")
    if link is None:
        return None
    found = _LINK.match(link)
    assert found is not None, link
    return found.group(1)


def walk_api(client: Client, path: str, params: Params, representation: Format) -> Walk:
    """Follow ``Link: rel="next"`` from the first page of ``params`` to the last page."""
    walk = Walk([], set(), 0, [])
    url: str | None = _query(path, params)
    while url is not None:
        assert walk.pages < MOST_PAGES, path
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.text[:300])
        records = records_of(response, representation)
        walk.records += records
        walk.sizes.append(len(records))
        walk.pages += 1
        following = _next_link(response)
        cursor = parse_qs(urlsplit(following).query)["cursor"][0] if following else None
        # The request's parameters in the order written, then the next page's cursor.
        assert following is None or following == _query(path, [*params, ("cursor", cursor or "")])
        if representation == "json":
            body = response.json()
            walk.totals.add(body["total"])
            assert body["next_cursor"] == cursor, url  # the Link's page is next_cursor's
        elif representation == "csv":
            assert tuple(next(csv.reader(io.StringIO(response.text)))) == csv_header(client, path)
        url = following
    return walk


def csv_header(client: Client, path: str) -> tuple[str, ...]:
    name = path.removeprefix("/v1/")
    collection: Collection[Any] = client.app.state[COLLECTIONS_STATE][name]
    return collection.csv_columns


def _key(record: Any) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


def check_api_walk(walk: Walk, expected: list[Any], limit: int) -> None:
    """Every record once, none missing, in the unpaged answer's order; full pages but the last."""
    keys = [_key(r) for r in walk.records]
    assert len(set(keys)) == len(keys), "a record twice"
    assert keys == [_key(r) for r in expected]
    assert all(size == limit for size in walk.sizes[:-1]), walk.sizes
    assert walk.sizes[-1] <= limit and (walk.sizes[-1] > 0 or len(walk.sizes) == 1), walk.sizes
    assert walk.totals in (set(), {len(expected)}), walk.totals


# -- What a query is drawn from -----------------------------------------------------------

_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")
_WORD = re.compile(r"[A-Za-z]{3,}")
#: How many words of each language a list's vocabulary keeps (spread over its text).
_WORDS = 40
#: Words of no record, in both languages.
MISSES = ("zyzzyva", "qwertyuiop", "鼹鼠", "彗星尾巴")


@dataclass(frozen=True)
class Vocabulary:
    """What the queries of one list are drawn from: its filters' values and its words."""

    values: Mapping[str, tuple[str, ...]]
    words: tuple[str, ...]


def _spread(found: Iterable[str], count: int) -> list[str]:
    ordered = sorted(set(found))
    step = max(1, len(ordered) // count)
    return ordered[::step][:count]


def vocabulary(collection: Collection[Any]) -> Vocabulary:
    """Each filter's values and words of the text ``q`` searches, from the records served."""
    values = {
        name: tuple(
            sorted({canonical(v) for r in collection.records for v in of(r) if v is not None})
        )
        for name, of in collection.filters.items()
    }
    chinese: list[str] = []
    english: list[str] = []
    for record in collection.records:
        for _, text in collection.text_of(record):
            chinese += [run[:2] for run in _HAN.findall(text)]
            english += _WORD.findall(text)
    words = _spread(chinese, _WORDS) + _spread(english, _WORDS) + list(MISSES)
    return Vocabulary(values, tuple(words))


@pytest.fixture(scope="module")
def vocabularies(app: Litestar) -> dict[str, Vocabulary]:
    collections: Mapping[str, Collection[Any]] = app.state[COLLECTIONS_STATE]
    return {listing.name: vocabulary(collections[listing.name]) for listing in LISTINGS}


#: Page sizes: a few records, and large.
LIMITS = st.one_of(st.integers(min_value=1, max_value=4), st.sampled_from([9, 50, WHOLE]))


def draw_query(data: st.DataObject, listing: Listing[Any], words: Vocabulary) -> Params:
    """Filters, ``q`` and ``sort`` of ``listing``, drawn from its declaration and its data."""
    params: Params = []
    filters = [f.name for f in listing.filters if words.values[f.name]]
    chosen = (
        data.draw(st.lists(st.sampled_from(filters), unique=True, max_size=2)) if filters else []
    )
    for name in chosen:
        values = st.lists(st.sampled_from(words.values[name]), min_size=1, max_size=2, unique=True)
        params += [(name, value) for value in data.draw(values)]
    terms = st.lists(st.sampled_from(words.words), min_size=1, max_size=2).map(" ".join)
    q = data.draw(terms if listing.q_required else st.none() | terms)
    if q is not None:
        params.append(("q", q))
    fields = data.draw(st.lists(st.sampled_from(sorted(listing.sorts)), unique=True, max_size=3))
    if fields:
        sort = ",".join(("-" if data.draw(st.booleans()) else "") + f for f in fields)
        params.append(("sort", sort))
    return data.draw(st.permutations(params))


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.name)
@pytest.mark.parametrize("representation", ["json", "csv", "ndjson"])
@_walk_settings()
@given(data=st.data())
def test_every_list_walks_to_its_end(
    client: Client,
    vocabularies: dict[str, Vocabulary],
    listing: Listing[Any],
    representation: Format,
    data: st.DataObject,
) -> None:
    """Through its next links, a list gives every record of the unpaged answer once, in order."""
    params = draw_query(data, listing, vocabularies[listing.name])
    limit = data.draw(LIMITS)
    asked = [*params, ("limit", str(limit))]
    if representation != "json":
        asked.append(("format", representation))
    walk = walk_api(client, listing.path, asked, representation)
    check_api_walk(walk, unpaged(client, listing, params, representation), limit)


@pytest.mark.parametrize("listing", PAGE_LISTINGS, ids=lambda listing: listing.name)
@pytest.mark.parametrize("lang", ["zh", "en"])
@_walk_settings()
@given(data=st.data())
def test_every_list_page_walks_to_its_end_and_back(
    client: Client,
    vocabularies: dict[str, Vocabulary],
    listing: Listing[Any],
    lang: Lang,
    data: st.DataObject,
) -> None:
    """Through ``rel="next"``, a page gives its ``/v1`` twin's records in order; ``rel="prev"``
    goes back one page from every page."""
    params = draw_query(data, listing, vocabularies[listing.name])
    limit = data.draw(LIMITS)
    url = _query(f"/{listing.name}", [*params, ("limit", str(limit)), ("lang", lang)])
    pages = walk_html(client, url)
    check_html_walk(client, pages, api_ids(client, listing, page_params(listing, params, lang)))
