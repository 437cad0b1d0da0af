"""Answers recorded once and compared byte for byte: a change of how lists are served changes none.

``tests/fixtures/recorded-answers.json`` holds, for a fixed set of list URLs
(every list, filter value, sort, ``q``, ``limit``, a second page through its
cursor, in JSON, CSV and NDJSON) and for every row of the bad-input table, the
status, media type and sha256 of the body the app answered when it was
recorded. The URLs are stored as they were asked, not made again from the
declarations, so a change to the declarations cannot change what is compared.

A new release of the data changes the answers on purpose; record them again
with ``python -m tests.test_recorded_answers --record`` and say so in the release.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.artifact import LoadedDataset

Client = TestClient[Litestar]
RECORDED = Path(__file__).resolve().parent / "fixtures" / "recorded-answers.json"
DOCUMENT = Path(__file__).resolve().parents[1] / "openapi" / "v1.json"
#: Search terms of several kinds: Chinese of one and two characters, English, a synonym.
TERMS = ("碳", "学位", "GDP", "school", "地铁", "park")
FORMATS = ("json", "csv", "ndjson")


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


def record(client: Client, dataset: LoadedDataset) -> dict[str, Any]:
    from tests.test_bad_input import CASES

    lists = {url: _answer(client, "GET", url, {}) for url in dict.fromkeys(_list_urls(client))}
    bad = [
        {"method": method, "url": url, "headers": headers, **_answer(client, method, url, headers)}
        for method, url, headers, _, _ in CASES
    ]
    return {"artifact_sha256": dataset.sha256, "lists": lists, "bad_input": bad}


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


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    from tests.support import artifact_file, in_process_app

    with TestClient(in_process_app()) as recording_client:
        from longgang_api.artifact import load

        answers = record(recording_client, load(artifact_file()))
    RECORDED.write_text(json.dumps(answers, ensure_ascii=False, indent=1) + "\n")
    print(f"recorded {len(answers['lists'])} list answers, {len(answers['bad_input'])} problems")
