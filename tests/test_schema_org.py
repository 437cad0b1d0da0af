"""The pages' schema.org JSON-LD as search engines' extractors read it: extruct, against the API."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import extruct
import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.pages.structured_data import script_data
from tests.support import in_process_app

Client = TestClient[Litestar]
Get = Callable[[str], Any]
ROOT = Path(__file__).resolve().parents[1]


def _indicator_ids() -> list[str]:
    with TestClient(in_process_app()) as client:
        return [i["id"] for i in client.get("/v1/indicators?limit=500").json()["items"]]


def _json_ld(html: str, url: str) -> list[dict[str, Any]]:
    """Every node extruct finds in the page's JSON-LD, a ``@graph`` opened."""
    found = extruct.extract(html, base_url=url, syntaxes=["json-ld"])["json-ld"]
    nodes: list[dict[str, Any]] = []
    for item in found:
        assert item["@context"] == "https://schema.org"
        nodes += item.get("@graph", [item])
    return nodes


def _observations(get: Get, indicator_id: str, limit: int) -> list[dict[str, Any]]:
    """Every observation of the indicator from ``/v1/observations``, page after page."""
    items: list[dict[str, Any]] = []
    cursor = ""
    while True:
        page = get(f"/v1/observations?indicator_id={indicator_id}&limit={limit}{cursor}")
        items += page["items"]
        if page["next_cursor"] is None:
            assert len(items) == page["total"]
            return items
        cursor = f"&cursor={page['next_cursor']}"


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


def _check_indicator(html: str, page_url: str, get: Get, indicator_id: str, limit: int) -> None:
    nodes = _json_ld(html, page_url)
    record = get(f"/v1/indicators/{indicator_id}")
    (variable,) = [n for n in nodes if n["@type"] == "StatisticalVariable"]
    observed = [n for n in nodes if n["@type"] == "Observation"]
    assert len(nodes) == 1 + len(observed)
    assert _path(variable["@id"]) == f"/v1/indicators/{indicator_id}"
    assert variable["sameAs"] == variable["@id"]
    assert variable["url"] == record["html_url"]
    names = {n["@language"]: n["@value"] for n in variable["name"]}
    assert names == {"zh-Hans": record["name"]["zh"], "en": record["name"]["en"]}
    assert variable.get("unitText") == (record["base_unit"] or {}).get("en")
    assert variable["description"].startswith(record["name"]["en"])
    # The page links each quote to its line of the source (keeping the reader's language).
    source_links = {
        _path(href.replace("?lang=en", "").replace("?lang=zh", ""))
        for href in re.findall(r'<a href="([^"]+)" class="in-source">', html)
    }
    expected = _observations(get, indicator_id, limit)
    assert len(observed) == len(expected)
    by_id = {_path(n["@id"]).removeprefix("/v1/observations/"): n for n in observed}
    assert set(by_id) == {o["id"] for o in expected}
    for o in expected:
        node = by_id[o["id"]]
        assert node["variableMeasured"] == {"@id": variable["@id"]}
        assert node["url"] == f"{record['html_url']}#{o['id']}"
        assert node.get("value") == o["base_value"]
        assert node.get("unitText") == (o["base_unit"] or {}).get("en")
        assert node["observationDate"] == o["period"] == str(o["period_end"])
        span = o["period_end"] - o["period_start"] + 1
        assert node.get("observationPeriod") == (f"P{span}Y" if o["period_start_stated"] else None)
        properties = {p["name"]: p["value"] for p in node["additionalProperty"]}
        assert properties == {
            k: o[k] for k in ("kind", "qualifier", "comparison") if o[k] is not None
        }
        if o["status"] is None:
            assert "description" not in node
        else:
            assert {d["@value"] for d in node["description"]} == set(o["status"].values())
        quotation = node["subjectOf"]
        assert quotation["@type"] == "Quotation" and quotation["text"] == o["source"]["quote"]
        assert _path(quotation["url"]).endswith(f"#L{o['source']['line']}")
        assert _path(quotation["url"]) in source_links


@pytest.mark.parametrize("indicator_id", _indicator_ids())
def test_extruct_reads_every_indicator_page_as_the_api_says(
    client: Client, indicator_id: str
) -> None:
    def get(path: str) -> Any:
        return client.get(path).json()

    pages = {}
    for lang in ("zh", "en"):
        path = f"/indicators/{indicator_id}?lang={lang}"
        html = client.get(path).text
        _check_indicator(html, f"http://testserver.local{path}", get, indicator_id, 2)
        pages[lang] = _json_ld(html, path)
    # One description of the records, whatever the page's language.
    assert pages["zh"] == pages["en"]


def test_extruct_reads_an_indicator_page_served_over_http(served_url: str) -> None:
    def get(path: str) -> Any:
        response = httpx.get(served_url + path, timeout=10)
        assert response.status_code == 200, path
        return response.json()

    # Two observations (the 2023 actual, the 2024 target), one a page: the cursor is followed.
    indicator_id = "gdp-growth"
    response = httpx.get(f"{served_url}/indicators/{indicator_id}", timeout=10)
    assert response.headers["content-type"].startswith("text/html")
    # The JSON-LD is data: the page's policy still allows no script.
    assert "script-src" not in response.headers["content-security-policy"]
    _check_indicator(response.text, str(response.url), get, indicator_id, 1)


def test_extruct_reads_the_landing_page_dataset(client: Client) -> None:
    for lang in ("zh", "en"):
        (dataset,) = _json_ld(client.get(f"/?lang={lang}").text, "http://testserver.local/")
        meta = client.get("/v1/dataset").json()
        assert dataset["@type"] == "Dataset"
        assert (dataset["name"], dataset["alternateName"]) == (
            meta["title"]["en"],
            meta["title"]["zh"],
        )
        assert _path(dataset["identifier"]) == "/v1/dataset"
        assert dataset["version"] == meta["version"]
        for download in dataset["distribution"]:
            answer = client.get(_path(download["contentUrl"]))
            assert answer.status_code == 200, download["contentUrl"]
            assert answer.headers["content-type"].split(";")[0] == download["encodingFormat"]


def test_the_json_ld_cannot_close_its_script_element() -> None:
    text = "</script><!-- <script>"
    written = str(script_data({"@context": "https://schema.org", "name": text}))
    assert "<" not in written
    (node,) = _json_ld(f'<script type="application/ld+json">{written}</script>', "http://x/")
    assert node["name"] == text


def test_the_pages_guide_says_what_the_json_ld_holds(client: Client) -> None:
    text = " ".join((ROOT / "docs" / "pages.md").read_text().split())
    assert (
        "Search engines read the pages' schema.org JSON-LD: the landing page describes the "
        "`Dataset`, and each indicator page its indicator as a `StatisticalVariable` with one "
        "`Observation` per observation, which states the `base_value` in its `base_unit`, the "
        "year and span it covers, its kind and its quote with the address of its line of the "
        "source."
    ) in text
    # The types it names are the ones the pages carry.
    landing = _json_ld(client.get("/").text, "http://testserver.local/")
    indicator = _json_ld(client.get("/indicators/gdp-growth").text, "http://testserver.local/")
    assert {n["@type"] for n in landing + indicator} == {
        "Dataset",
        "StatisticalVariable",
        "Observation",
    }
