"""The JSON pages answered before routing are the framework's answers, byte for byte.

Two apps over the same dataset, one answering plainly valid list pages itself
(:mod:`longgang_api.direct`), one routing every request through the
framework, get the same requests; status, body and headers (all but the
request id) must be equal. The requests are the lists' own parameters in
valid, odd and invalid spellings, real and tampered cursors, the bad-input
table, and generated query strings.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.app import create_app
from longgang_api.artifact import LoadedDataset
from longgang_api.declarations import LISTINGS
from longgang_api.direct import DirectLists
from longgang_api.settings import Settings
from tests.test_bad_input import CASES

Client = TestClient[Litestar]
Answer = tuple[int, bytes, list[tuple[bytes, bytes]]]

#: Spellings of values, valid and not, tried for every parameter.
ODD = ("", "0", "1", "05", "+5", " 5", "5.0", "-1", "501", "TRUE", "true", "false", "x", "%00",
       "1e2", "2.023e3", "2023", "%D9%A5", "1_0", "True", "-0")  # fmt: skip


@pytest.fixture(scope="module")
def clients(dataset: LoadedDataset) -> Iterator[tuple[Client, Client, DirectLists]]:
    direct_app = create_app(dataset, Settings(response_cache=False))
    routed_app = create_app(dataset, Settings(response_cache=False), direct_lists=False)
    direct = direct_app.asgi_handler.direct  # type: ignore[attr-defined]
    assert isinstance(direct, DirectLists)
    with TestClient(direct_app) as direct_client, TestClient(routed_app) as routed_client:
        yield direct_client, routed_client, direct


def answer(client: Client, method: str, url: str, headers: dict[str, str]) -> Answer:
    response = client.request(method, url, headers=headers)
    kept = sorted((n, v) for n, v in response.headers.raw if n != b"x-request-id")
    return response.status_code, response.content, kept


def same(clients: tuple[Client, Client, DirectLists], url: str, **headers: str) -> int:
    """Assert both apps answer ``url`` alike (GET and HEAD); the number answered directly."""
    direct_client, routed_client, direct = clients
    before = direct.answered
    for method in ("GET", "HEAD"):
        got = answer(direct_client, method, url, headers)
        expected = answer(routed_client, method, url, headers)
        assert got == expected, (method, url, headers)
    return direct.answered - before


def values_of(served: Any, listing: Any, name: str) -> list[str]:
    """Valid values of a filter, read from the records served."""
    collection = served.collections[listing.name]
    found = {
        str(v).lower() if isinstance(v, bool) else str(v)
        for record in collection.records
        for v in collection.filters[name](record)
        if v is not None
    }
    return sorted(found)[:4]


def plain_urls(served: Any) -> list[str]:
    """Valid JSON page requests of every list: each filter, sort, limit and a search term."""
    urls: list[str] = []
    for listing in LISTINGS:
        base = f"/v1/{listing.name}"
        q = "q=GDP&" if listing.q_required else ""
        urls.append(f"{base}?{q}".rstrip("?&"))
        for f in listing.filters:
            for value in values_of(served, listing, f.name):
                urls.append(f"{base}?{q}{f.name}={quote(value)}&limit=3")
        for sort in listing.sorts:
            urls.append(f"{base}?{q}sort=-{sort}&limit=7")
        urls.append(f"{base}?q={quote('发展')}&limit=2")
        urls.append(f"{base}?q=metro+line&format=json")
    return urls


def test_plain_pages_are_answered_directly_and_alike(
    clients: tuple[Client, Client, DirectLists],
) -> None:
    urls = plain_urls(clients[2].served)
    answered = sum(same(clients, url) for url in urls)
    # GET and HEAD of each: every one of them answered before routing.
    assert answered == 2 * len(urls)


def test_each_page_of_a_walk_is_answered_directly_and_alike(
    clients: tuple[Client, Client, DirectLists],
) -> None:
    direct_client = clients[0]
    for path in (
        "/v1/observations?sort=-value&limit=40",
        "/v1/search?q=%E5%BB%BA%E8%AE%BE&limit=9",
    ):
        url: str | None = path
        pages = 0
        while url:
            assert same(clients, url, **{"accept-encoding": "gzip"}) == 2
            link = direct_client.get(url).headers.get("link")
            url = link[1 : link.index(">")] if link else None
            pages += 1
        assert pages > 2


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.name)
def test_odd_spellings_get_the_same_answer(
    clients: tuple[Client, Client, DirectLists], listing: Any
) -> None:
    base = f"/v1/{listing.name}?" + ("q=GDP&" if listing.q_required else "")
    names = [f.name for f in listing.filters] + ["q", "sort", "limit", "cursor", "format", "bom"]
    for name, value in itertools.product(names, ODD):
        same(clients, f"{base}{name}={value}")
    for name in names:
        same(clients, f"{base}{name}=a&{name}=b")


def test_cursors_real_tampered_and_foreign_get_the_same_answer(
    clients: tuple[Client, Client, DirectLists],
) -> None:
    direct_client = clients[0]
    link = direct_client.get("/v1/indicators?limit=5").headers["link"]
    cursor = link.split("cursor=")[1].split(">")[0]
    tampered = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    for url in (
        f"/v1/indicators?limit=5&cursor={cursor}",
        f"/v1/indicators?limit=9&cursor={cursor}",
        f"/v1/indicators?limit=5&cursor={tampered}",
        f"/v1/indicators?sort=-id&limit=5&cursor={cursor}",
        f"/v1/projects?limit=5&cursor={cursor}",
    ):
        same(clients, url)


#: Negotiation the direct path answers itself: JSON chosen, with or without gzip.
ANSWERED_DIRECTLY = [
    {"accept": "*/*"},
    {"accept": "application/json"},
    {"accept": "application/*"},
    {"accept": "text/csv;q=0.5, application/json"},
    {"accept": "application/json;q=0.9, text/csv;q=0.1, */*;q=0.01"},
    {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
    {"accept-encoding": "gzip;q=0"},
    {"accept-encoding": "br, gzip"},
    {"accept-encoding": "identity"},
    {"accept-encoding": "*"},
    {"accept": "application/json", "accept-encoding": "gzip, deflate"},
]
#: What makes an answer more than a plain JSON 200: left to the framework.
DECLINED = [
    {"accept": "text/csv"},
    {"accept": "application/x-ndjson, application/json;q=0.5"},
    {"accept": "application/json;q=0, text/csv"},
    {"accept": "image/png"},
    {"if-none-match": "*"},
    {"if-modified-since": "Fri, 27 Nov 2099 00:00:00 GMT"},
    {"range": "bytes=0-9"},
]
NEGOTIATED_URLS = ("/v1/observations?limit=30", "/v1/search?q=GDP", "/v1/projects?year=2024")


@pytest.mark.parametrize("headers", ANSWERED_DIRECTLY)
def test_negotiated_requests_answered_directly_get_the_same_answer(
    clients: tuple[Client, Client, DirectLists], headers: dict[str, str]
) -> None:
    for url in (*NEGOTIATED_URLS, "/v1/projects?format=json"):
        # GET and HEAD both answered before routing: the comparison is with the framework.
        assert same(clients, url, **headers) == 2, (url, headers)


@pytest.mark.parametrize("headers", DECLINED)
def test_conditional_and_other_formats_are_left_to_the_framework(
    clients: tuple[Client, Client, DirectLists], headers: dict[str, str]
) -> None:
    for url in NEGOTIATED_URLS:
        assert same(clients, url, **headers) == 0, (url, headers)


def test_the_bad_input_table_gets_the_same_answers(
    clients: tuple[Client, Client, DirectLists],
) -> None:
    for method, url, headers, _, _ in CASES:
        if method in ("GET", "HEAD") and url.startswith("/v1/"):
            same(clients, url, **headers)


_NAMES = st.sampled_from(
    ["q", "sort", "limit", "cursor", "format", "bom", "kind", "period", "category", "headline",
     "year", "status", "indicator_id", "parent_id", "x", "Limit"]
)  # fmt: skip
_VALUES = st.one_of(
    st.sampled_from(
        ["", "1", "50", "500", "501", "json", "csv", "true", "2023", "2024", "actual", "economy",
         "id", "-id", "rank", "name", "gdp-growth", "GDP", "地铁", "%E5%9C%B0", "%ZZ", "+"]
    ),
    st.text(alphabet="0123456789abc-_,%+&=中", max_size=8),
)  # fmt: skip


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from([f"/v1/{listing.name}" for listing in LISTINGS]),
    params=st.lists(st.tuples(_NAMES, _VALUES), max_size=4),
)
def test_generated_query_strings_get_the_same_answer(
    clients: tuple[Client, Client, DirectLists], path: str, params: list[tuple[str, str]]
) -> None:
    same(clients, path + "?" + "&".join(f"{n}={v}" for n, v in params))


def test_the_response_cache_keeps_what_the_direct_path_answered(dataset: LoadedDataset) -> None:
    app = create_app(dataset)
    with TestClient(app) as client:
        url = "/v1/observations?period=2024&limit=11"
        first = client.get(url)
        client.get(url)  # asked again: kept
        again = client.get(url)
        revalidated = client.get(url, headers={"if-none-match": first.headers["etag"]})
    assert app.asgi_handler.response_cache.hits == 2  # type: ignore[attr-defined]
    assert app.asgi_handler.direct.answered == 2  # type: ignore[attr-defined]
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert revalidated.status_code == 304


def test_a_next_link_keeps_the_parameters_in_the_order_written(
    clients: tuple[Client, Client, DirectLists],
) -> None:
    # The same in every worker process: not the order of a set of names, which follows
    # their hashes and so differs from one process to the next.
    direct_client, routed_client, _ = clients
    orders = itertools.permutations(["sort=-value", "limit=2", "period=2023", "kind=actual"])
    for order in orders:
        url = "/v1/observations?" + "&".join(order)
        for client in (direct_client, routed_client):
            link = client.get(url).headers["link"]
            written = link.split("?", 1)[1].split("&cursor=")[0]
            assert written == "&".join(order).replace(",", "%2C"), (url, link)
