"""Complete tabular answers: CSV and NDJSON without limit hold every matching row.

CSV readers (pandas, DuckDB, spreadsheets) never follow a Link header, so a
list asked for as CSV or NDJSON without ``limit`` answers every row, streamed;
with ``limit`` it pages like JSON. JSON pages carry ``total``.
"""

from __future__ import annotations

import gzip
import io
import json
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import quote

import httpx
import pandas as pd
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.app import create_app
from longgang_api.data.artifact import LoadedDataset
from longgang_api.web.gateway import Gateway

Client = TestClient[Litestar]

#: Every list of /v1, with a query that /v1/search needs.
LISTS = [
    "/v1/indicators",
    "/v1/observations",
    "/v1/projects",
    "/v1/glossary",
    "/v1/sections",
    "/v1/search?q=龙岗",
]
FILTERED = [
    "/v1/observations?period=2024",
    "/v1/observations?kind=actual&kind=plan",
    "/v1/projects?year=2023",
    "/v1/indicators?headline=true",
    "/v1/sections?q=教育",
]


def _cache_hits(client: Client) -> int:
    gateway = client.app.asgi_handler
    assert isinstance(gateway, Gateway) and gateway.response_cache is not None
    return gateway.response_cache.hits


def _with(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


def _ids_by_walking(client: Client, url: str) -> list[str]:
    """Every id of the list, by following next_cursor through JSON pages."""
    ids: list[str] = []
    page = client.get(_with(url, "limit=7")).json()
    while True:
        ids += [_id(item, url) for item in page["items"]]
        if page["next_cursor"] is None:
            return ids
        page = client.get(_with(url, f"limit=7&cursor={page['next_cursor']}")).json()


def _id(record: dict[str, str], url: str) -> str:
    # Search hits are ids of several collections: their kind makes them unique.
    return f"{record['kind']}:{record['id']}" if url.startswith("/v1/search") else record["id"]


def _csv_ids(frame: pd.DataFrame, url: str) -> list[str]:
    return [_id({str(k): str(v) for k, v in row.items()}, url) for row in frame.to_dict("records")]


@pytest.mark.parametrize("url", LISTS + FILTERED)
def test_pandas_read_csv_gets_every_row(client: Client, url: str) -> None:
    walked = _ids_by_walking(client, url)
    assert walked
    response = client.get(_with(url, "format=csv"))
    assert response.status_code == 200 and "link" not in response.headers
    frame = pd.read_csv(io.BytesIO(response.content), dtype={"id": str})
    assert _csv_ids(frame, url) == walked


@pytest.mark.parametrize("url", LISTS + FILTERED)
def test_ndjson_gets_every_row(client: Client, url: str) -> None:
    walked = _ids_by_walking(client, url)
    response = client.get(url, headers={"accept": "application/x-ndjson"})
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    frame = pd.read_json(io.StringIO(response.text), lines=True, dtype={"id": str})
    assert len(frame) == len(lines) == len(walked)
    ids = [_id(record, url) for record in lines]
    assert ids == walked


def test_lists_longer_than_a_json_page_are_complete(client: Client) -> None:
    # The default JSON page holds 50: these lists are the ones a reader would cut short.
    for url in ("/v1/observations", "/v1/projects", "/v1/indicators", "/v1/sections"):
        total = client.get(url).json()["total"]
        assert total > 50
        assert len(pd.read_csv(io.BytesIO(client.get(_with(url, "format=csv")).content))) == total


def test_accept_text_csv_without_limit_is_complete(client: Client) -> None:
    total = client.get("/v1/observations").json()["total"]
    response = client.get("/v1/observations", headers={"accept": "text/csv"})
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert len(pd.read_csv(io.BytesIO(response.content))) == total > 50


@pytest.mark.parametrize("url", LISTS + FILTERED)
def test_total_counts_the_matching_items(client: Client, url: str) -> None:
    walked = _ids_by_walking(client, url)
    for query in ("limit=1", "limit=500", "limit=3&sort=-id" if "search" not in url else "limit=3"):
        assert client.get(_with(url, query)).json()["total"] == len(walked)


def test_total_is_the_same_on_every_page(client: Client) -> None:
    first = client.get("/v1/observations?limit=20").json()
    second = client.get(f"/v1/observations?limit=20&cursor={first['next_cursor']}").json()
    assert first["total"] == second["total"] == len(_ids_by_walking(client, "/v1/observations"))


def test_with_limit_csv_pages_with_a_link(client: Client) -> None:
    response = client.get("/v1/observations?format=csv&limit=10")
    assert len(pd.read_csv(io.BytesIO(response.content))) == 10
    link = response.headers["link"]
    assert 'rel="next"' in link and "cursor=" in link and "format=csv" in link


def test_a_cursor_without_limit_gives_the_rest(client: Client) -> None:
    walked = _ids_by_walking(client, "/v1/observations")
    first = client.get("/v1/observations?limit=40").json()
    rest = client.get(f"/v1/observations?format=csv&limit=40&cursor={first['next_cursor']}")
    assert rest.status_code == 200
    # The cursor was issued for the query, not for its representation or page size.
    whole_rest = client.get(f"/v1/observations?format=ndjson&cursor={first['next_cursor']}")
    ids = [json.loads(line)["id"] for line in whole_rest.text.splitlines()]
    assert ids == walked[40:]


def test_complete_answers_are_streamed_and_gzipped_on_the_fly(client: Client) -> None:
    identity = client.get("/v1/observations?format=csv", headers={"accept-encoding": "identity"})
    with client.stream(
        "GET", "/v1/observations?format=csv", headers={"accept-encoding": "gzip"}
    ) as streamed:
        wire = b"".join(streamed.iter_raw())
        assert streamed.headers["content-encoding"] == "gzip"
        assert streamed.headers["etag"] != identity.headers["etag"]
        assert streamed.headers["etag"].endswith('-gzip"')
    assert gzip.decompress(wire) == identity.content
    again = client.get(
        "/v1/observations?format=csv", headers={"if-none-match": identity.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""


def test_bom_with_a_complete_csv(client: Client) -> None:
    body = client.get("/v1/glossary?format=csv&bom=true").content
    assert body.startswith(b"\xef\xbb\xbfid,")
    assert len(pd.read_csv(io.BytesIO(body), encoding="utf-8-sig")) == 17


@pytest.mark.parametrize("url", LISTS)
def test_pandas_reads_every_row_over_http_in_chunks(served_url: str, url: str) -> None:
    csv_url = served_url + quote(_with(url, "format=csv"), safe="/?=&")
    frame = pd.read_csv(csv_url, dtype={"id": str})
    total = httpx.get(served_url + url).json()["total"]
    assert len(frame) == total
    # The first request of a URL is rendered as it is sent; the response cache may keep the
    # whole answer and send it with a length later, so the URL is one nobody asked before.
    fresh_url = served_url + quote(_with(url, "format=csv&bom=false"), safe="/?=&")
    with httpx.stream("GET", fresh_url, headers={"accept-encoding": "identity"}) as response:
        assert response.headers.get("transfer-encoding") == "chunked"
        assert "content-length" not in response.headers
        assert sum(len(chunk) for chunk in response.iter_raw()) > 0


#: Complete answers, each rendered as it is sent.
STREAMED = ["/v1/glossary?format=csv", "/v1/observations?format=ndjson&period=2024"]


@pytest.mark.parametrize("url", STREAMED)
def test_a_complete_answer_says_it_ignores_ranges_and_does(
    dataset: LoadedDataset, url: str
) -> None:
    identity = {"accept-encoding": "identity"}
    with TestClient(create_app(dataset)) as client:
        # From the app, from the app again (kept), then from the response cache.
        plain = [client.get(url, headers=identity) for _ in range(3)]
        assert _cache_hits(client) == 1
        ranged = [client.get(url, headers={**identity, "range": "bytes=0-9"}) for _ in range(3)]
        etag = plain[0].headers["etag"]
        fresh = TestClient(create_app(dataset))  # a 304 from the app, before any is kept
        with fresh:
            revalidated = [fresh.get(url, headers={**identity, "if-none-match": etag})]
        revalidated.append(client.get(url, headers={**identity, "if-none-match": etag}))
    for answer in plain + ranged:
        assert answer.status_code == 200 and answer.content == plain[0].content
        assert answer.headers["accept-ranges"] == "none"
        assert "content-range" not in answer.headers
    for answer in revalidated:
        assert answer.status_code == 304 and answer.headers["accept-ranges"] == "none"


@pytest.mark.parametrize("url", STREAMED)
@pytest.mark.parametrize("encoding", ["identity", "gzip"])
def test_if_modified_since_is_answered_alike_from_the_first_request(
    dataset: LoadedDataset, url: str, encoding: str
) -> None:
    asked = {"accept-encoding": encoding}
    with TestClient(create_app(dataset)) as client:
        whole = client.get(url, headers=asked)
        modified = whole.headers["last-modified"]
        earlier = format_datetime(parsedate_to_datetime(modified).replace(year=2000), usegmt=True)
    for since, status in ((modified, 304), (earlier, 200)):
        # A resource nobody asked before: the first two answers are the app's, the third
        # the response cache's.
        with TestClient(create_app(dataset)) as client:
            answers = [client.get(url, headers={**asked, "if-modified-since": since})]
            answers += [client.get(url, headers={**asked, "if-modified-since": since})]
            answers += [client.get(url, headers={**asked, "if-modified-since": since})]
        assert [a.status_code for a in answers] == [status] * 3, since
        assert {a.headers["etag"] for a in answers} == {whole.headers["etag"]}
