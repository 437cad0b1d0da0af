"""Answers recorded once and compared byte for byte: a change of how lists are served changes none.

``tests/fixtures/recorded-answers.json`` holds, for a fixed set of list URLs
(every list, filter value, sort, ``q``, ``limit``, a second page through its
cursor, in JSON, CSV and NDJSON) and for every row of the bad-input table, the
status, media type and sha256 of the body the app answered when it was
recorded. Its third table, of list requests in odd spellings (every parameter
of every list given each value of :data:`ODD`, repeated, unknown), with real,
tampered and foreign cursors, and with the negotiation, conditional and range
headers of :data:`NEGOTIATIONS` (GET and HEAD), holds the sha256 of the headers
too (all but the request id). The URLs are stored as they were asked, not made
again from the declarations, so a change to the declarations cannot change
what is compared.

A new release of the data changes the answers on purpose; record them again
with ``python -m tests.test_recorded_answers --record`` and say so in the release.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.data.artifact import LoadedDataset

Client = TestClient[Litestar]
RECORDED = Path(__file__).resolve().parent / "fixtures" / "recorded-answers.json"
DOCUMENT = Path(__file__).resolve().parents[1] / "openapi" / "v1.json"
#: Search terms of several kinds: Chinese of one and two characters, English, a synonym.
TERMS = ("碳", "学位", "GDP", "school", "地铁", "park")
FORMATS = ("json", "csv", "ndjson")
#: Spellings of values, valid and not, tried for every parameter.
ODD = ("", "0", "1", "05", "+5", " 5", "5.0", "-1", "501", "TRUE", "true", "false", "x", "%00",
       "1e2", "2.023e3", "2023", "%D9%A5", "1_0", "True", "-0", "a", "-id,id", "valu", "2022",
       "x" * 70, "%FF%FE")  # fmt: skip
#: Request headers that choose a representation, ask a revalidation or a range.
NEGOTIATIONS: tuple[dict[str, str], ...] = (
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
    {"accept": "text/csv"},
    {"accept": "application/x-ndjson, application/json;q=0.5"},
    {"accept": "application/json;q=0, text/csv"},
    {"accept": "image/png"},
    {"if-none-match": "*"},
    {"if-modified-since": "Fri, 27 Nov 2099 00:00:00 GMT"},
    {"if-modified-since": "Fri, 27 Nov 2020 00:00:00 GMT"},
    {"range": "bytes=0-9"},
    {"range": "bytes=-5"},
    {"range": "bytes=99999-"},
    {"range": "bytes=0-9", "if-range": '"not-this-one"'},
)
NEGOTIATED_URLS = (
    "/v1/observations?limit=30",
    "/v1/observations/",
    "/v1/search?q=GDP",
    "/v1/projects?year=2024",
    "/v1/glossary?format=csv",
    "/v1/glossary?format=ndjson&limit=3",
    "/v1/indicators?format=csv&bom=true",
)


def _recorded() -> dict[str, Any]:
    recorded: dict[str, Any] = json.loads(RECORDED.read_text())
    return recorded


def _answer(client: Client, method: str, url: str, headers: dict[str, str]) -> dict[str, Any]:
    response = client.request(method, url, headers=headers)
    return {
        "status": response.status_code,
        "media_type": response.headers.get("content-type", ""),
        "sha256": hashlib.sha256(response.content).hexdigest(),
    }


def _list_urls(client: Client) -> Iterator[str]:
    """Every list of the document asked every way worth comparing (used when recording)."""
    document = json.loads(DOCUMENT.read_text())
    for path, item in document["paths"].items():
        operation = item["get"]
        if "x-pagination" not in operation:
            continue
        parameters = {p["name"]: p["schema"] for p in operation["parameters"]}
        base: dict[str, str] = {"q": "GDP"} if path == "/v1/search" else {}
        queries: list[dict[str, str]] = [dict(base)]
        for name, schema in parameters.items():
            values = schema.get("enum") or schema.get("items", {}).get("enum")
            if name in ("format", "q", "sort", "limit", "cursor", "bom"):
                continue
            if schema.get("type") == "boolean" or schema.get("items", {}).get("type") == "boolean":
                values = ["true", "false"]
            if values is None:  # an id filter: the first ids the list's records hold in it
                records = client.get(path, params={**base, "limit": 500}).json()["items"]
                held = (record.get(name) for record in records)
                values = list(dict.fromkeys(v for v in held if isinstance(v, str)))[:3]
            queries += [{**base, name: str(value)} for value in values]
        fields = parameters["sort"]["pattern"].split("(?:")[1].split(")")[0].split("|")
        queries += [{**base, "sort": f"{sign}{field}"} for field in fields for sign in ("", "-")]
        queries += [{**base, "q": term} for term in TERMS]
        for query in queries:
            for limit in ("1", "7", "500"):
                yield f"{path}?{urlencode({**query, 'limit': limit})}"
            first = client.get(path, params={**query, "limit": 7}).json()
            if first["next_cursor"]:
                yield f"{path}?{urlencode({**query, 'limit': 7, 'cursor': first['next_cursor']})}"
        for query in queries[:: max(1, len(queries) // 6)]:
            for form in FORMATS[1:]:
                yield f"{path}?{urlencode({**query, 'format': form})}"
                yield f"{path}?{urlencode({**query, 'format': form, 'limit': 7})}"


def _odd_requests(client: Client) -> Iterator[tuple[str, str, dict[str, str]]]:
    """The third table's requests (used when recording)."""
    document = json.loads(DOCUMENT.read_text())
    for path, item in document["paths"].items():
        operation = item["get"]
        if "x-pagination" not in operation:
            continue
        names = [p["name"] for p in operation["parameters"]]
        base = f"{path}?" + ("q=GDP&" if path == "/v1/search" else "")
        for name, value in itertools.product(names, ODD):
            yield "GET", f"{base}{name}={value}", {}
        for name in names:
            yield "GET", f"{base}{name}=a&{name}=b", {}
            yield "GET", f"{base}{name}=1&{name}=1", {}
        for odd in ("colour=1", "Limit=1", "=x", "colour="):
            yield "GET", f"{base}{odd}", {}
    link = client.get("/v1/indicators?limit=5").headers["link"]
    cursor = link.split("cursor=")[1].split(">")[0]
    tampered = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    for url in (
        f"/v1/indicators?limit=5&cursor={cursor}",
        f"/v1/indicators?limit=9&cursor={cursor}",
        f"/v1/indicators?limit=5&cursor={tampered}",
        f"/v1/indicators?sort=-id&limit=5&cursor={cursor}",
        f"/v1/projects?limit=5&cursor={cursor}",
    ):
        yield "GET", url, {}
    for headers, url, method in itertools.product(NEGOTIATIONS, NEGOTIATED_URLS, ("GET", "HEAD")):
        yield method, url, headers


def _answer_and_headers(
    client: Client, method: str, url: str, headers: dict[str, str]
) -> dict[str, Any]:
    # The bytes as sent: a range of gzipped bytes is no gzip stream to decode.
    with client.stream(method, url, headers=headers) as response:
        body = b"".join(response.iter_raw())
    kept = sorted((n, v) for n, v in response.headers.raw if n != b"x-request-id")
    return {
        "status": response.status_code,
        "media_type": response.headers.get("content-type", ""),
        "sha256": hashlib.sha256(body).hexdigest(),
        "headers_sha256": hashlib.sha256(repr(kept).encode()).hexdigest(),
    }


def record(client: Client, dataset: LoadedDataset) -> dict[str, Any]:
    from tests.test_bad_input import CASES

    lists = {url: _answer(client, "GET", url, {}) for url in dict.fromkeys(_list_urls(client))}
    bad = [
        {"method": method, "url": url, "headers": headers, **_answer(client, method, url, headers)}
        for method, url, headers, _, _ in CASES
    ]
    odd = [
        {"method": method, "url": url, "headers": headers}
        | _answer_and_headers(client, method, url, headers)
        for method, url, headers in _odd_requests(client)
    ]
    return {"artifact_sha256": dataset.sha256, "lists": lists, "bad_input": bad, "odd": odd}


def test_the_answers_were_recorded_of_this_dataset(dataset: LoadedDataset) -> None:
    assert _recorded()["artifact_sha256"] == dataset.sha256, (
        "the data changed: record the answers again (see this module's docstring)"
    )


def test_at_least_200_list_urls_in_every_format_are_recorded() -> None:
    urls = list(_recorded()["lists"])
    assert len(urls) >= 200
    for form in FORMATS[1:]:
        assert any(f"format={form}" in url for url in urls), form
    assert sum("cursor=" in url for url in urls) >= 30


def test_every_list_url_answers_the_recorded_bytes(client: Client) -> None:
    changed = [
        url
        for url, answer in _recorded()["lists"].items()
        if _answer(client, "GET", url, {}) != answer
    ]
    assert not changed, f"{len(changed)} answers differ from those recorded, e.g. {changed[:5]}"


def test_every_bad_input_answers_the_recorded_problem(client: Client) -> None:
    changed = [
        case["url"]
        for case in _recorded()["bad_input"]
        if _answer(client, case["method"], case["url"], case["headers"])
        != {key: case[key] for key in ("status", "media_type", "sha256")}
    ]
    assert not changed, f"{len(changed)} problems differ from those recorded, e.g. {changed[:5]}"


def test_every_odd_request_answers_the_recorded_status_headers_and_bytes(client: Client) -> None:
    recorded = _recorded()["odd"]
    assert len(recorded) >= 1000
    changed = [
        (case["method"], case["url"], case["headers"])
        for case in recorded
        if _answer_and_headers(client, case["method"], case["url"], case["headers"])
        != {key: case[key] for key in ("status", "media_type", "sha256", "headers_sha256")}
    ]
    assert not changed, f"{len(changed)} answers differ from those recorded, e.g. {changed[:5]}"


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    from tests.support import artifact_file, in_process_app

    with TestClient(in_process_app()) as recording_client:
        from longgang_api.data.artifact import load

        answers = record(recording_client, load(artifact_file()))
    RECORDED.write_text(json.dumps(answers, ensure_ascii=False, indent=1) + "\n")
    print(f"recorded {len(answers['lists'])} list answers, {len(answers['bad_input'])} problems")
