"""HTTP as caches and browsers use it: CORS on every answer, revalidation by ETag and by
date, byte ranges, HEAD, and the response cache keyed on the negotiated representation."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from email.utils import format_datetime, parsedate_to_datetime

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.app import create_app
from longgang_api.data.artifact import LoadedDataset
from longgang_api.settings import Settings
from longgang_api.web.gateway import Gateway
from longgang_api.web.headers import Answer
from longgang_api.web.response_cache import ResponseCache
from tests.raw_asgi import ask

Client = TestClient[Litestar]
ORIGIN = {"origin": "https://portal.example.org"}
DOWNLOAD = "/v1/downloads/longgang-2024.sqlite"
LIST = "/v1/observations?limit=20"
IDENTITY = {"accept-encoding": "identity"}


def _cors_ok(headers: object) -> None:
    found = {k.lower(): v for k, v in headers.items()}  # type: ignore[attr-defined]
    assert found["access-control-allow-origin"] == "*"
    exposed = found["access-control-expose-headers"].lower()
    for name in ("etag", "link", "x-request-id", "content-range", "retry-after"):
        assert name in exposed


@pytest.mark.parametrize(
    ("url", "headers", "status"),
    [
        ("/v1/glossary", {}, 200),
        ("/v1/glossary", ORIGIN, 200),
        ("/v1/glossary/nope", {}, 404),
        ("/v1/glossary?limit=0", {}, 400),
        ("/v1/glossary", {"accept": "image/png"}, 406),
        ("/v1/indicators?q=" + "x" * 9000, {}, 414),
        ("/v1", {f"x-filler-{i}": "y" * 1000 for i in range(20)}, 431),
        (DOWNLOAD, {"range": "bytes=0-99"}, 206),
        (DOWNLOAD, {"range": "bytes=99999999-"}, 416),
        ("/openapi.json", {}, 200),
        ("/", {}, 200),
    ],
)
def test_every_answer_carries_cors_with_or_without_origin(
    client: Client, url: str, headers: dict[str, str], status: int
) -> None:
    response = client.get(url, headers=headers)
    assert response.status_code == status
    _cors_ok(response.headers)
    assert "origin" not in response.headers.get("vary", "").lower()


def _cache_hits(app: Litestar) -> int | None:
    gateway = app.asgi_handler
    assert isinstance(gateway, Gateway)
    return None if gateway.response_cache is None else gateway.response_cache.hits


def test_cors_on_304_from_the_app_and_from_the_response_cache(dataset: LoadedDataset) -> None:
    url = "/v1/projects?limit=2"
    for cached in (True, False):
        app = create_app(dataset, Settings(response_cache=cached))
        with TestClient(app) as answering:
            etag = answering.get(url).headers["etag"]
            answering.get(url)  # asked twice: the response cache keeps it
            hits = _cache_hits(app)
            again = answering.get(url, headers={"if-none-match": etag})
            assert again.status_code == 304
            _cors_ok(again.headers)
            # Which of the two answered: memory, or the app.
            assert _cache_hits(app) == (None if hits is None else hits + 1)
            assert (hits is not None) == cached


def test_a_preflight_is_answered_and_a_failed_one_is_a_problem(client: Client) -> None:
    ok = client.options(
        "/v1/glossary",
        headers={
            **ORIGIN,
            "access-control-request-method": "GET",
            "access-control-request-headers": "if-none-match, range",
        },
    )
    assert ok.status_code == 204
    _cors_ok(ok.headers)
    assert "GET" in ok.headers["access-control-allow-methods"]
    assert "range" in ok.headers["access-control-allow-headers"].lower()
    for asked in (
        {"access-control-request-method": "DELETE"},
        {
            "access-control-request-method": "GET",
            "access-control-request-headers": "x-secret",
        },
    ):
        refused = client.options("/v1/glossary", headers={**ORIGIN, **asked})
        assert refused.status_code == 400
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["status"] == 400
        _cors_ok(refused.headers)


def test_preflights_are_not_counted_by_the_rate_limit(dataset: LoadedDataset) -> None:
    preflight = {**ORIGIN, "access-control-request-method": "GET"}
    with TestClient(create_app(dataset, Settings(rate_limit="3/minute"))) as limited:
        for _ in range(10):
            assert limited.options("/v1/glossary", headers=preflight).status_code == 204
        statuses = [limited.get("/v1/glossary?limit=1").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        refused = limited.get("/v1/glossary?limit=1")
        assert refused.headers["content-type"] == "application/problem+json"
        _cors_ok(refused.headers)


@pytest.mark.parametrize(
    "url", ["/v1/glossary/two-mountains", "/v1/glossary?limit=1&format=ndjson&q=两山"]
)
@pytest.mark.parametrize("cached", [True, False])
def test_a_304_repeats_the_etag_of_the_200_it_revalidates(
    dataset: LoadedDataset, url: str, cached: bool
) -> None:
    # Bodies under 1 KB are not gzipped even when gzip is asked for.
    with TestClient(create_app(dataset, Settings(response_cache=cached))) as client:
        gzip_ok = {"accept-encoding": "gzip"}
        first = client.get(url, headers=gzip_ok)
        assert "content-encoding" not in first.headers and len(first.content) < 1024
        etag = first.headers["etag"]
        again = client.get(url, headers={**gzip_ok, "if-none-match": etag})
        assert again.status_code == 304 and again.headers["etag"] == etag
        big = client.get("/v1/observations?limit=100", headers=gzip_ok)
        assert big.headers["content-encoding"] == "gzip"
        revalidated = client.get(
            "/v1/observations?limit=100", headers={**gzip_ok, "if-none-match": big.headers["etag"]}
        )
        assert revalidated.headers["etag"] == big.headers["etag"]


@pytest.mark.parametrize("url", [LIST, DOWNLOAD, "/v1/glossary/two-mountains", "/openapi.json"])
@pytest.mark.parametrize("cached", [True, False])
def test_if_modified_since_our_last_modified_answers_304(
    dataset: LoadedDataset, url: str, cached: bool
) -> None:
    with TestClient(create_app(dataset, Settings(response_cache=cached))) as client:
        first = client.get(url)
        modified = first.headers["last-modified"]
        later = format_datetime(parsedate_to_datetime(modified).replace(year=2099), usegmt=True)
        earlier = format_datetime(parsedate_to_datetime(modified).replace(year=2000), usegmt=True)
        for since, status in ((modified, 304), (later, 304), (earlier, 200), ("yesterday", 200)):
            answer = client.get(url, headers={"if-modified-since": since})
            assert answer.status_code == status, since
            if status == 304:
                assert answer.content == b"" and answer.headers["etag"] == first.headers["etag"]
        # If-None-Match decides when both are sent.
        both = client.get(url, headers={"if-modified-since": modified, "if-none-match": '"x"'})
        assert both.status_code == 200


@pytest.mark.parametrize("url", [DOWNLOAD, LIST, "/v1/downloads/observations.csv"])
def test_byte_ranges(client: Client, url: str) -> None:
    whole = client.get(url, headers=IDENTITY)
    size = len(whole.content)
    assert whole.headers["accept-ranges"] == "bytes" and size > 1000
    etag = whole.headers["etag"]
    for spec, (first, last) in {
        "bytes=0-99": (0, 99),
        "bytes=100-": (100, size - 1),
        "bytes=-50": (size - 50, size - 1),
        f"bytes=10-{size + 500}": (10, size - 1),
    }.items():
        part = client.get(url, headers={**IDENTITY, "range": spec})
        assert part.status_code == 206, spec
        assert part.headers["content-range"] == f"bytes {first}-{last}/{size}"
        assert part.content == whole.content[first : last + 1]
        assert part.headers["etag"] == etag
    unsatisfiable = client.get(url, headers={**IDENTITY, "range": f"bytes={size}-"})
    assert unsatisfiable.status_code == 416
    assert unsatisfiable.headers["content-range"] == f"bytes */{size}"
    assert unsatisfiable.headers["content-type"] == "application/problem+json"
    current = client.get(url, headers={**IDENTITY, "range": "bytes=0-9", "if-range": etag})
    assert current.status_code == 206 and current.content == whole.content[:10]
    stale = client.get(url, headers={**IDENTITY, "range": "bytes=0-9", "if-range": '"old"'})
    assert stale.status_code == 200 and stale.content == whole.content
    several = client.get(url, headers={**IDENTITY, "range": "bytes=0-1,5-9"})
    assert several.status_code == 200 and several.content == whole.content


def test_a_range_of_the_gzipped_bytes(client: Client) -> None:
    gzipped = {"accept-encoding": "gzip"}
    with client.stream("GET", DOWNLOAD, headers=gzipped) as whole:
        wire = b"".join(whole.iter_raw())
    with client.stream("GET", DOWNLOAD, headers={**gzipped, "range": "bytes=0-1"}) as part:
        assert part.status_code == 206
        assert b"".join(part.iter_raw()) == wire[:2] == b"\x1f\x8b"
    assert gzip.decompress(wire) == client.get(DOWNLOAD, headers=IDENTITY).content


def _stable(headers: object) -> dict[str, str]:
    volatile = {"x-request-id", "date"}
    return {k: v for k, v in headers.items() if k not in volatile}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        (DOWNLOAD, {}),
        (LIST, {"accept": "text/csv"}),
        ("/openapi.json", {"accept-encoding": "gzip"}),
        (DOWNLOAD, {"range": "bytes=0-99"}),
        ("/v1/glossary/nope", {}),
    ],
)
def test_head_is_get_without_the_body(client: Client, url: str, headers: dict[str, str]) -> None:
    for _ in range(2):  # from the app, then from the response cache
        get = client.get(url, headers=headers)
        head = client.head(url, headers=headers)
        assert head.status_code == get.status_code and head.content == b""
        assert _stable(head.headers) == _stable(get.headers)


def test_the_openapi_document_is_revalidated_and_gzipped(client: Client) -> None:
    plain = client.get("/openapi.json", headers=IDENTITY)
    etag = plain.headers["etag"]
    assert etag.startswith('"') and plain.headers["content-type"].startswith(
        "application/vnd.oai.openapi+json"
    )
    with client.stream("GET", "/openapi.json", headers={"accept-encoding": "gzip"}) as zipped:
        wire = b"".join(zipped.iter_raw())
        assert zipped.headers["content-encoding"] == "gzip"
    assert gzip.decompress(wire) == plain.content and len(wire) < len(plain.content) // 3
    again = client.get("/openapi.json", headers={**IDENTITY, "if-none-match": etag})
    assert again.status_code == 304 and again.headers["etag"] == etag


def _cache_of(app: Litestar) -> ResponseCache:
    gateway = app.asgi_handler
    assert isinstance(gateway, Gateway) and gateway.response_cache is not None
    return gateway.response_cache


@pytest.fixture(scope="module")
def own_client(dataset: LoadedDataset) -> Iterator[Client]:
    """A client of an app of this module's own, whose response cache a test may replace."""
    with TestClient(create_app(dataset)) as client:
        yield client


def _fresh_cache(app: Litestar) -> ResponseCache:
    """An empty response cache in place of ``app``'s: every resource is cold again."""
    gateway = app.asgi_handler
    assert isinstance(gateway, Gateway)
    gateway.response_cache = ResponseCache()
    return gateway.response_cache


@pytest.mark.parametrize(
    ("url", "accepts"),
    [
        ("/v1/glossary?limit=3", ["text/csv", "text/csv;q=0.9, image/png;q=0.1", "text/*"]),
        ("/v1/glossary?limit=3", [None, "*/*", "application/json, text/html;q=0.5"]),
        ("/v1/catalog", ["text/turtle", "text/turtle, application/ld+json;q=0.2"]),
        ("/v1/projects/cuhk-shenzhen", [None, "application/json", "*/*;q=0.8"]),
    ],
)
def test_accepts_that_negotiate_one_representation_share_one_entry(
    dataset: LoadedDataset, url: str, accepts: list[str | None]
) -> None:
    app = create_app(dataset)
    cache = _cache_of(app)
    with TestClient(app) as client:
        # Asked once: not kept.
        client.get(url, headers={"accept": accepts[0]} if accepts[0] else {})
        bodies = set()
        for accept in accepts:
            headers = {"accept": accept} if accept else {}
            answer = client.get(url, headers={**headers, **IDENTITY})
            assert answer.status_code == 200
            bodies.add(answer.content)
        assert len(cache) == 1 and len(bodies) == 1
        assert cache.hits == len(accepts) - 1


def test_a_16_kb_accept_cannot_blow_the_bound(dataset: LoadedDataset) -> None:
    app = create_app(dataset)
    gateway = app.asgi_handler
    assert isinstance(gateway, Gateway)
    bound = 200_000
    gateway.response_cache = cache = ResponseCache(max_entries=1000, max_bytes=bound)
    with TestClient(app) as client:
        for number in range(60):
            # Nearly all the 16 KiB of headers the server takes: distinct media ranges,
            # every one of them ending up as JSON.
            accept = ", ".join(f"application/x-{number}-{i};q=0.5" for i in range(700))
            accept = accept[: 16 * 1024 - 400]
            answer = client.get("/v1/glossary?limit=1", headers={"accept": accept + ", */*"})
            assert answer.status_code == 200
            for _ in range(2):  # asked again: kept
                client.get(f"/v1/sections?limit={number + 1}", headers={"accept": accept + ", */*"})
        assert cache.size_in_bytes <= bound
        assert len(cache) < 61  # entries were evicted to stay within the bound
        assert sum(1 for key in cache._entries if key[0] == "/v1/glossary") == 1


#: Every kind of answer that honours Range: a download, a JSON, CSV and NDJSON page of a
#: list, a record, a catalogue file, the OpenAPI document and a page for people.
RANGED = [
    DOWNLOAD,
    LIST,
    "/v1/observations?format=csv&limit=20",
    "/v1/observations?format=ndjson&limit=20",
    "/v1/glossary/two-mountains",
    "/v1/catalog.ttl",
    "/openapi.json",
    "/glossary",
]
RAW_IDENTITY = [(b"accept-encoding", b"identity")]


@pytest.mark.parametrize("url", RANGED)
@pytest.mark.parametrize(
    "spec", [b"bytes=\xb2-", b"bytes=-\xb3", b"bytes=\xb9-9", b"bytes=0-\xb9", b"bytes=1\xb2-"]
)
def test_a_range_in_superscript_digits_is_ignored(app: Litestar, url: str, spec: bytes) -> None:
    # Latin-1 b"\xb2" is "²": str.isdigit() takes it, int() does not.
    whole = ask(app, url, RAW_IDENTITY)
    answer = ask(app, url, [*RAW_IDENTITY, (b"range", spec)])
    assert answer.status == 200 and answer.body == whole.body


@pytest.mark.parametrize("url", RANGED)
def test_a_range_of_overflowing_numbers_is_read_as_past_every_end(app: Litestar, url: str) -> None:
    # More digits than int() reads (4,300): still a position, beyond the end.
    huge = b"9" * 5000
    whole = ask(app, url, RAW_IDENTITY).body
    size = len(whole)
    beyond = ask(app, url, [*RAW_IDENTITY, (b"range", b"bytes=" + huge + b"-")])
    assert beyond.status == 416
    assert beyond.header(b"content-range") == f"bytes */{size}".encode()
    for spec in (b"bytes=-" + huge, b"bytes=0-" + huge, b"bytes=" + b"0" * 5000 + b"1-" + huge):
        answer = ask(app, url, [*RAW_IDENTITY, (b"range", spec)])
        assert answer.status == 206
        first = 1 if spec.endswith(b"1-" + huge) else 0
        assert answer.header(b"content-range") == f"bytes {first}-{size - 1}/{size}".encode()
        assert answer.body == whole[first:]


@pytest.mark.parametrize(
    "since",
    [
        "Mon, 01 Jan 2024 00:00:99999999999 GMT",  # a second
        "Mon, 99999999999 Jan 2024 00:00:00 GMT",  # a day
        "Mon, 01 Jan 99999999999 00:00:00 GMT",  # a year
        "Mon, 01 Jan 2024 99999999999:00:00 GMT",  # an hour
        "Fri, 31 Dec 9999 23:59:59 -2359",  # an offset that moves it past year 9999
        "Mon, 01 Jan 2024 00:00:00 +99999999999",  # an offset of its own
    ],
)
@pytest.mark.parametrize("url", [LIST, DOWNLOAD, "/v1/glossary/two-mountains", "/glossary"])
def test_an_if_modified_since_out_of_range_is_ignored(
    own_client: Client, url: str, since: str
) -> None:
    cache = _fresh_cache(own_client.app)
    fresh = own_client.get(url, headers={"if-modified-since": since})  # from the app
    own_client.get(url)  # asked again: kept
    kept = own_client.get(url, headers={"if-modified-since": since})  # from the response cache
    assert cache.hits == 1
    for answer in (fresh, kept):
        assert answer.status_code == 200 and answer.content == own_client.get(url).content
        assert answer.headers["x-request-id"]


class _FaultyCache(ResponseCache):
    def answer(self, *args: object, **kwargs: object) -> Answer | None:
        raise RuntimeError("a fault of the response cache")


def test_a_fault_before_routing_is_a_problem_with_request_id_and_cors(
    dataset: LoadedDataset,
) -> None:
    app = create_app(dataset)
    gateway = app.asgi_handler
    assert isinstance(gateway, Gateway)
    gateway.response_cache = _FaultyCache()
    with TestClient(app, raise_server_exceptions=False) as client:
        got = client.get("/v1/glossary", headers={"x-request-id": "fault-1"})
        head = client.head("/v1/glossary", headers={"x-request-id": "fault-2"})
    for answer, request_id in ((got, "fault-1"), (head, "fault-2")):
        assert answer.status_code == 500
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.headers["x-request-id"] == request_id
        _cors_ok(answer.headers)
    assert got.json()["type"] == "/problems/internal-error" and head.content == b""
