"""The /v1 API through the real app: endpoints, filters, sorts, representations, caching."""

from __future__ import annotations

import csv
import gzip
import io
import json
import multiprocessing
import re
from typing import Any, cast

import pytest
from litestar import Litestar
from litestar.testing import TestClient
from litestar.types import Scope

from longgang_api.data.artifact import LoadedDataset
from longgang_api.settings import DEFAULT_PUBLIC_BASE_URL
from longgang_api.web.headers import request_id

Client = TestClient[Litestar]
LISTS = {
    "/v1/indicators": "indicators",
    "/v1/observations": "observations",
    "/v1/projects": "projects",
    "/v1/glossary": "glossary",
    "/v1/sections": "sections",
}


def _ids(records: list[dict[str, Any]]) -> list[str]:
    return [r["id"] for r in records]


def test_entry_point_links_every_collection(client: Client, dataset: LoadedDataset) -> None:
    body = client.get("/v1").json()
    assert body["dataset_version"] == dataset.version
    assert body["artifact_sha256"] == dataset.sha256
    hrefs = {link["href"] for link in body["links"]}
    for path in (*LISTS, "/v1/dataset", "/v1/search", "/openapi.json", "/docs"):
        assert path in hrefs
        if path != "/v1/search":
            assert client.get(path).status_code == 200, path


def test_dataset_metadata(client: Client) -> None:
    body = client.get("/v1/dataset").json()
    assert body["publisher"]["name"]["zh"] == "深圳市龙岗区人民政府"
    assert body["license"]["id"] == "CC-BY-4.0"
    assert body["temporal_start"] == "2023" and body["temporal_end"] == "2024"
    assert body["counts"]["glossary"] == 17


def test_health_and_readiness(client: Client, dataset: LoadedDataset) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    ready = client.get("/readyz").json()
    assert ready["artifact_sha256"] == dataset.sha256


@pytest.mark.parametrize("path", list(LISTS))
def test_walking_by_cursor_returns_every_record_once_in_order(
    client: Client, dataset: LoadedDataset, path: str
) -> None:
    everything = client.get(path, params={"limit": 500}).json()
    assert everything["next_cursor"] is None
    expected = _ids(everything["items"])
    records = getattr(dataset.artifact, LISTS[path])
    assert sorted(expected) == sorted(r.id for r in records)
    for limit in (1, 7, 50):
        seen: list[str] = []
        url: str | None = f"{path}?limit={limit}"
        pages = 0
        while url is not None:
            response = client.get(url)
            assert response.status_code == 200
            body = response.json()
            assert len(body["items"]) <= limit
            seen += _ids(body["items"])
            pages += 1
            if body["next_cursor"] is None:
                assert "link" not in response.headers
                url = None
            else:
                link = response.headers["link"]
                assert link.endswith('>; rel="next"')
                url = link[1 : link.index(">")]
                assert body["next_cursor"] in url
        assert seen == expected, (path, limit)
        assert pages == -(-len(expected) // limit)


def test_default_orders_are_documented_ones(client: Client) -> None:
    indicators = client.get("/v1/indicators?limit=500").json()["items"]
    assert [i["order"] for i in indicators] == list(range(1, len(indicators) + 1))
    sections = client.get("/v1/sections?limit=500").json()["items"]
    assert [s["line"] for s in sections] == sorted(s["line"] for s in sections)
    glossary = client.get("/v1/glossary").json()["items"]
    assert [g["number"] for g in glossary] == list(range(1, 18))


def test_indicators_in_report_order(client: Client) -> None:
    by_order = _ids(client.get("/v1/indicators?sort=order&limit=500").json()["items"])
    by_id = _ids(client.get("/v1/indicators?sort=id&limit=500").json()["items"])
    assert by_order != by_id and sorted(by_order) == by_id
    headline = _ids(client.get("/v1/indicators?headline=true").json()["items"])
    assert headline[:2] == ["gdp-growth", "industrial-value-added-growth"]
    backwards = _ids(client.get("/v1/indicators?sort=-order&limit=500").json()["items"])
    assert backwards == by_order[::-1]


def test_observations_csv_has_base_units_and_periods(client: Client) -> None:
    response = client.get("/v1/observations?format=csv&limit=500")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(response.text))}
    for column in (
        "base_value",
        "base_unit_code",
        "base_unit_en",
        "unit_multiplier",
        "period_start",
        "period_end",
        "measure",
    ):
        assert column in rows["gdp-growth.2023.actual"], column
    places = rows["new-school-places.2023.actual"]
    assert (places["value"], places["unit"], places["unit_multiplier"]) == ("3.8", "万座", "4")
    assert (places["base_value"], places["base_unit_code"]) == ("38000", "place")
    assert places["base_unit_en"] == "school place(s)"
    total = rows["pinghu-infrastructure-investment.2023.actual"]
    assert (total["period_start"], total["period_end"], total["period"]) == ("2021", "2023", "2023")


def test_filters_by_measure_and_base_unit(client: Client, dataset: LoadedDataset) -> None:
    places = client.get("/v1/observations?base_unit=place").json()["items"]
    assert {o["indicator_id"] for o in places} == {"new-school-places", "new-kindergarten-places"}
    growth = client.get("/v1/observations?measure=growth-rate&limit=500").json()["items"]
    assert growth and all(o["base_unit"]["code"] == "percent" for o in growth)
    expected = sorted(i.id for i in dataset.artifact.indicators if i.measure == "rank")
    ranks = client.get("/v1/indicators?measure=rank&sort=id").json()["items"]
    assert _ids(ranks) == expected
    assert client.get("/v1/observations?measure=average").status_code == 400


def test_sort_descending_and_multiple_keys(client: Client) -> None:
    items = client.get("/v1/observations?sort=-period,indicator_id&limit=500").json()["items"]
    keys = [(o["period"], o["indicator_id"], o["id"]) for o in items]
    assert keys == sorted(keys, key=lambda k: (-int(k[0]), k[1], k[2]))


def test_filters_are_equalities_and_repeats_mean_or(client: Client) -> None:
    targets = client.get("/v1/observations?kind=target").json()["items"]
    assert targets and all(o["kind"] == "target" for o in targets)
    both = client.get("/v1/observations?kind=target&kind=plan&limit=500").json()["items"]
    plans = client.get("/v1/observations?kind=plan&limit=500").json()["items"]
    assert len(both) == len(targets) + len(plans)
    headline = client.get("/v1/indicators?headline=true").json()["items"]
    assert headline and all(i["headline"] for i in headline)
    education = client.get("/v1/projects?category=education&year=2024&limit=500").json()["items"]
    assert education
    for project in education:
        assert project["category"] == "education"
        assert 2024 in {m["year"] for m in project["mentions"]}


def test_indicator_embeds_its_observations(client: Client) -> None:
    gdp = client.get("/v1/indicators/gdp-growth").json()
    assert [(o["period"], o["kind"], o["value"]) for o in gdp["observations"]] == [
        ("2023", "actual", 6.3),
        ("2024", "target", 6.5),
    ]
    assert gdp["observations"][0]["source"] == {
        "section_id": "p1",
        "quote": "地区生产总值同比增长 6.3%",
        "line": 13,
        "document_id": "longgang-2024",
        "selector": {
            "text_quote": {
                "exact": "地区生产总值同比增长 6.3%",
                "prefix": "情况如下：\n——",
                "suffix": "；\n——规模以上",
            },
            "text_position": {"start": 663, "end": 678},
        },
    }


def test_items_by_id(client: Client, dataset: LoadedDataset) -> None:
    project = dataset.artifact.projects[0]
    assert client.get(f"/v1/projects/{project.id}").json()["name"]["zh"] == project.name.zh
    term = dataset.artifact.glossary[0]
    assert client.get(f"/v1/glossary/{term.id}").json()["number"] == term.number
    assert client.get("/v1/sections/p4").json()["heading"]["zh"].startswith("2024年主要经济指标")


def test_every_record_of_a_list_with_ids_is_got_by_its_id(client: Client) -> None:
    # Every list but search, whose hits point at the records of the others.
    for name in ("indicators", "observations", "projects", "glossary", "sections"):
        for record in client.get(f"/v1/{name}", params={"limit": 500}).json()["items"]:
            got = client.get(f"/v1/{name}/{record['id']}")
            assert got.status_code == 200 and got.json() == record, (name, record["id"])


@pytest.mark.parametrize("query", ["ＧＤＰ", "gdp", "地区生产总值", "Gross Regional"])
def test_q_is_case_and_width_insensitive(client: Client, query: str) -> None:
    ids = _ids(client.get("/v1/indicators", params={"q": query}).json()["items"])
    assert "gdp-growth" in ids


def test_search_spans_collections(client: Client) -> None:
    hits = client.get("/v1/search", params={"q": "工业上楼", "limit": 500}).json()["items"]
    kinds = {h["kind"] for h in hits}
    assert {"indicator", "glossary", "section"} <= kinds
    for hit in hits:
        assert client.get(hit["url"]).status_code == 200
    only = client.get("/v1/search", params={"q": "工业上楼", "kind": "glossary"}).json()["items"]
    assert only and {h["kind"] for h in only} == {"glossary"}


def test_every_search_hit_links_its_page_for_people_by_an_absolute_url(client: Client) -> None:
    hits = client.get("/v1/search", params={"q": "工业上楼", "limit": 500}).json()["items"]
    assert {h["kind"] for h in hits} >= {"indicator", "glossary", "section"}
    for hit in hits:
        assert hit["html_url"].startswith(DEFAULT_PUBLIC_BASE_URL + "/"), hit
        page, _, line = hit["html_url"].removeprefix(DEFAULT_PUBLIC_BASE_URL).partition("#")
        answer = client.get(page, headers={"accept": "text/html"})
        assert answer.status_code == 200 and "text/html" in answer.headers["content-type"], hit
        if hit["kind"] == "section":
            section = client.get(hit["url"]).json()
            assert line == f"L{section['line']}" and f'id="{line}"' in answer.text
        else:
            record = client.get(hit["url"]).json()
            assert hit["html_url"] == record["html_url"]


def test_csv_flattens_and_bom_is_optional(client: Client) -> None:
    response = client.get("/v1/observations?format=csv&limit=500")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert not response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {"indicator_id", "status_zh", "status_en", "source_quote", "source_line"} <= set(rows[0])
    gdp = next(r for r in rows if r["id"] == "gdp-growth.2023.actual")
    assert gdp["value"] == "6.3" and gdp["source_line"] == "13"
    with_bom = client.get("/v1/observations?format=csv&bom=true")
    assert with_bom.content.startswith(b"\xef\xbb\xbf")
    by_accept = client.get("/v1/glossary", headers={"accept": "text/csv"})
    assert by_accept.text.splitlines()[0].startswith("id,number,term_zh,term_en")


def test_ndjson_has_one_record_per_line(client: Client) -> None:
    response = client.get("/v1/projects?limit=5", headers={"accept": "application/x-ndjson"})
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = response.text.splitlines()
    assert len(lines) == 5
    assert all(json.loads(line)["id"] for line in lines)


def test_etag_revalidation_and_cache_headers(client: Client) -> None:
    first = client.get("/v1/projects?limit=3", headers={"accept-encoding": "identity"})
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"')
    assert first.headers["cache-control"] == "public, max-age=3600"
    assert first.headers["last-modified"].endswith("GMT")
    assert first.headers["vary"] == "Accept, Accept-Encoding"
    again = client.get(
        "/v1/projects?limit=3", headers={"if-none-match": etag, "accept-encoding": "identity"}
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    other = client.get("/v1/projects?limit=4", headers={"if-none-match": etag})
    assert other.status_code == 200
    csv_version = client.get(
        "/v1/projects?limit=3&format=csv", headers={"accept-encoding": "identity"}
    )
    assert csv_version.headers["etag"] != etag


def test_gzip_for_bodies_over_one_kilobyte(client: Client) -> None:
    response = client.get("/v1/observations?limit=100", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["items"]
    identity = client.get("/v1/observations?limit=100", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in identity.headers
    # The bytes on the wire, before the client decodes them.
    headers = {"accept-encoding": "gzip"}
    with client.stream("GET", "/v1/observations?limit=100", headers=headers) as streamed:
        wire = b"".join(streamed.iter_raw())
    assert wire[:2] == b"\x1f\x8b" and len(wire) < len(identity.content)
    assert gzip.decompress(wire) == identity.content
    small = client.get(
        "/v1/glossary?limit=1&format=ndjson&q=两山", headers={"accept-encoding": "gzip"}
    )
    assert "content-encoding" not in small.headers


def test_head_answers_like_get_without_body(client: Client) -> None:
    get = client.get("/v1/indicators")
    head = client.head("/v1/indicators")
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]


def test_request_id_is_echoed_or_made(client: Client) -> None:
    assert (
        client.get("/v1", headers={"x-request-id": "trace-42"}).headers["x-request-id"]
        == "trace-42"
    )
    made = client.get("/v1", headers={"x-request-id": "bad id with spaces"}).headers["x-request-id"]
    assert made != "bad id with spaces" and re.fullmatch("[0-9a-f]{32}", made)
    assert client.get("/nowhere").headers["x-request-id"]


def _made_id() -> str:
    return request_id(cast("Scope", {"type": "http", "headers": []}))


def test_made_request_ids_differ_between_requests_and_processes(client: Client) -> None:
    made = {client.get("/v1").headers["x-request-id"] for _ in range(50)}
    assert len(made) == 50
    # A worker forked from a process that made ids makes others.
    children = []
    for _ in range(2):
        with multiprocessing.get_context("fork").Pool(1) as pool:
            children.append(pool.apply(_made_id))
    ours = _made_id()
    assert len({i[:16] for i in [*children, ours]}) == 3
    assert all(re.fullmatch("[0-9a-f]{32}", i) for i in [*children, ours])


def test_cors_allows_any_origin_for_reads(client: Client) -> None:
    response = client.get("/v1/glossary", headers={"origin": "https://portal.example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    exposed = response.headers["access-control-expose-headers"].lower()
    for header in ("etag", "link", "x-request-id"):
        assert header in exposed
    preflight = client.options(
        "/v1/glossary",
        headers={"origin": "https://portal.example.org", "access-control-request-method": "GET"},
    )
    assert preflight.status_code in (200, 204)


def test_docs_are_served_locally(client: Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "http://" not in page.text and "https://" not in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    for src in (
        "/docs/assets/swagger-ui.css",
        "/docs/assets/swagger-ui-bundle.js",
        "/docs/init.js",
    ):
        assert src in page.text
        asset = client.get(src)
        assert asset.status_code == 200 and len(asset.content) > 100
    init = client.get("/docs/init.js").text
    assert "validatorUrl: null" in init and "http" not in init
    assert client.get("/docs/assets/..%2F..%2Fcore.py").status_code == 404


def test_openapi_json_serves_the_committed_document(client: Client) -> None:
    from longgang_release.openapi import DOCUMENT_PATH

    assert client.get("/openapi.json").content == DOCUMENT_PATH.read_bytes()
