"""The response cache answers exactly what the app would, from memory, within its bounds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.app import create_app
from longgang_api.data.artifact import LoadedDataset
from longgang_api.settings import Settings
from longgang_api.web.gateway import Gateway
from longgang_api.web.response_cache import ResponseCache

SAMPLE = [
    "/v1",
    "/v1/dataset",
    "/v1/indicators",
    "/v1/indicators?category=economy&headline=true",
    "/v1/observations?period=2024&sort=-value&limit=7",
    "/v1/observations?format=csv&bom=true",
    "/v1/projects?year=2024&status=started&q=学校",
    "/v1/glossary/two-mountains",
    "/v1/sections?kind=item&limit=3",
    "/v1/search?q=碧道",
    "/v1/catalog.ttl",
    "/v1/datapackage.json",
    "/v1/downloads/glossary.csv",
    "/",
    "/?lang=en",
]
VARIANTS = [
    {},
    {"accept-encoding": "gzip"},
    {"accept": "text/csv"},
    {"accept": "application/x-ndjson", "origin": "https://portal.example.org"},
]
VOLATILE = {"x-request-id", "date"}


@pytest.fixture(scope="module")
def uncached(dataset: LoadedDataset) -> Iterator[TestClient[Litestar]]:
    with TestClient(create_app(dataset, Settings(response_cache=False))) as client:
        yield client


def _headers(response: object) -> dict[str, str]:
    headers = response.headers  # type: ignore[attr-defined]
    return {k: v for k, v in headers.items() if k not in VOLATILE}


@pytest.mark.parametrize("url", SAMPLE)
@pytest.mark.parametrize("variant", range(len(VARIANTS)))
def test_cached_answers_are_byte_identical(
    client: TestClient[Litestar], uncached: TestClient[Litestar], url: str, variant: int
) -> None:
    headers = VARIANTS[variant]
    first = client.get(url, headers=headers)
    second = client.get(url, headers=headers)  # kept, when a 200
    third = client.get(url, headers=headers)  # from memory
    plain = uncached.get(url, headers=headers)
    for answer in (first, second, third):
        assert answer.status_code == plain.status_code
        assert answer.content == plain.content
        assert _headers(answer) == _headers(plain)
    assert len({a.headers["x-request-id"] for a in (first, second, third)}) == 3


def _cache(app: Litestar) -> ResponseCache:
    gateway = app.asgi_handler
    assert isinstance(gateway, Gateway) and gateway.response_cache is not None
    return gateway.response_cache


def test_the_cache_is_used_and_answers_revalidations(
    app: Litestar, client: TestClient[Litestar]
) -> None:
    cache = _cache(app)
    url = "/v1/observations?limit=3&kind=plan"
    etag = client.get(url).headers["etag"]
    client.get(url)  # asked again: kept
    hits = cache.hits
    assert client.get(url).status_code == 200
    revalidated = client.get(url, headers={"if-none-match": etag})
    assert revalidated.status_code == 304 and revalidated.content == b""
    assert revalidated.headers["etag"] == etag and revalidated.headers["x-request-id"]
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert cache.hits == hits + 3


def test_errors_are_not_kept(app: Litestar, client: TestClient[Litestar]) -> None:
    cache = _cache(app)
    before = len(cache)
    for _ in range(3):
        assert client.get("/v1/indicators?limit=0").status_code == 400
        assert client.get("/v1/projects/nope").status_code == 404
    assert len(cache) == before


def test_the_cache_is_bounded(dataset: LoadedDataset) -> None:
    app = create_app(dataset)
    gateway = app.asgi_handler
    assert isinstance(gateway, Gateway)
    gateway.response_cache = small = ResponseCache(max_entries=3, max_bytes=10**6)
    with TestClient(app) as client:
        for limit in range(1, 11):
            client.get(f"/v1/glossary?limit={limit}")
            client.get(f"/v1/glossary?limit={limit}")
        assert len(small) == 3
    gateway.response_cache = bounded = ResponseCache(max_entries=100, max_bytes=8 * 30_000)
    with TestClient(app) as client:
        for limit in range(1, 18):
            for _ in range(2):
                client.get(f"/v1/glossary?limit={limit}", headers={"accept-encoding": "identity"})
        assert 0 < bounded._bytes <= 8 * 30_000


def test_an_answer_is_kept_when_its_resource_is_asked_again(dataset: LoadedDataset) -> None:
    app = create_app(dataset)
    cache = _cache(app)
    with TestClient(app) as client:
        url = "/v1/indicators?limit=2"
        client.get(url)
        assert len(cache) == 0  # asked once: not kept
        client.get(url, headers={"accept": "text/csv"})  # the same resource, another variant
        client.get(url)
        assert len(cache) == 2 and cache.hits == 0
        hits = [client.get(url), client.get(url, headers={"accept": "text/csv"})]
        assert [h.status_code for h in hits] == [200, 200] and cache.hits == 2


def test_pages_asked_once_each_neither_fill_the_cache_nor_push_out_others(
    dataset: LoadedDataset,
) -> None:
    app = create_app(dataset)
    gateway = app.asgi_handler
    assert isinstance(gateway, Gateway)
    gateway.response_cache = cache = ResponseCache(max_entries=20, max_bytes=10**7)
    with TestClient(app) as client:
        hot = "/v1/glossary?limit=2"
        client.get(hot)
        client.get(hot)
        assert len(cache) == 1
        # A walk through more pages than the cache remembers, twice over, as a crawler's.
        for _ in range(2):
            for limit in range(1, 31):
                client.get(f"/v1/observations?limit={limit}")
                assert len(cache) == 1
        # What is asked again within the memory is kept; the hot page is still there.
        for limit in range(1, 6):
            client.get(f"/v1/sections?limit={limit}")
            client.get(f"/v1/sections?limit={limit}")
        hits = cache.hits
        client.get(hot)
        assert len(cache) == 6 and cache.hits == hits + 1


@pytest.mark.parametrize("tag", ["exact", "*", "weak", "other-encoding", "list", "stale"])
def test_revalidations_answer_as_the_app_does(
    app: Litestar, client: TestClient[Litestar], uncached: TestClient[Litestar], tag: str
) -> None:
    url = "/v1/projects?category=rail"
    client.get(url)
    etag = client.get(url).headers["etag"]  # the gzip variant: the test client asks for gzip
    plain_etag = etag.replace("-gzip", "")
    header = {
        "exact": etag,
        "*": "*",
        "weak": f"W/{etag}",
        "other-encoding": plain_etag,
        "list": f'"stale", {etag}',
        "stale": '"stale"',
    }[tag]
    hits = _cache(app).hits
    cached = client.get(url, headers={"if-none-match": header})
    assert _cache(app).hits == hits + 1  # answered from memory, by the app's own test
    plain = uncached.get(url, headers={"if-none-match": header})
    assert cached.status_code == plain.status_code == (200 if tag == "stale" else 304)
    assert cached.content == plain.content
    assert _headers(cached) == _headers(plain)


def test_the_performance_guide_states_the_cache_s_bounds_and_memory() -> None:
    readme = " ".join((Path(__file__).parents[1] / "docs" / "performance.md").read_text().split())
    cache = ResponseCache()
    entries = f"{cache.max_entries:,} answers / {cache.max_bytes // 2**20} MB at most"
    remembered = f"among the last {cache.max_entries // 2:,} to {cache.max_entries:,} resources"
    assert entries in readme and remembered in readme
