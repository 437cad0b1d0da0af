"""The SDK against the real app (in-process and over HTTP), its surface, retries and cache."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import pathlib
import re
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import httpx
import msgspec
import pytest
from litestar import Litestar
from litestar.testing import TestClient

import longgang_opendata
from longgang_opendata import (
    APIConnectionError,
    APITimeoutError,
    AsyncClient,
    BadRequestError,
    Client,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    types,
)
from longgang_opendata._base_client import _RETRIED_STATUSES
from longgang_opendata.lib import download_to
from longgang_release.openapi import DOCUMENT_PATH

IN_PROCESS = "http://testserver.local"


@pytest.fixture
def sdk(client: TestClient[Litestar]) -> Client:
    return Client(base_url=IN_PROCESS, http_client=client)


def test_public_surface_is_pinned() -> None:
    assert longgang_opendata.__all__ == [
        "APIConnectionError",
        "APIResponseValidationError",
        "APIStatusError",
        "APITimeoutError",
        "AsyncClient",
        "AsyncPage",
        "AsyncPager",
        "BadRequestError",
        "Client",
        "InternalServerError",
        "LonggangOpenDataError",
        "NotAcceptableError",
        "NotFoundError",
        "PaginationError",
        "RateLimitError",
        "SyncPage",
        "types",
    ]


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_every_operation_has_a_method_and_every_schema_a_model() -> None:
    spec = json.loads(DOCUMENT_PATH.read_text())
    for schema, definition in spec["components"]["schemas"].items():
        if definition.get("x-file"):  # files and catalogues come as bytes
            assert not hasattr(types, schema)
            continue
        model = getattr(types, schema)
        assert issubclass(model, msgspec.Struct)
        assert model.__doc__
    clients = (Client(base_url="http://api.test"), AsyncClient(base_url="http://api.test"))
    for item in spec["paths"].values():
        for operation in item.values():
            tag = operation["tags"][0]
            name = _snake(operation["operationId"])
            for sdk_client in clients:
                if tag in ("dataset", "search", "health"):
                    method = getattr(sdk_client, name.removeprefix("get_"))
                else:
                    method = getattr(getattr(sdk_client, tag), name.split("_", 1)[0])
                assert operation["operationId"] in (method.__doc__ or "")


def _plain(model: msgspec.Struct) -> Any:
    """A model as the JSON it came from (arrays as lists)."""
    return json.loads(msgspec.json.encode(model))


def _raw_all(http: TestClient[Litestar], path: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        params = {"limit": "17", **({"cursor": cursor} if cursor else {})}
        body = http.get(path, params=params).json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items


@pytest.mark.parametrize(
    ("path", "listing"),
    [
        ("/v1/indicators", lambda c: c.indicators.list(limit=17)),
        ("/v1/observations", lambda c: c.observations.list(limit=17)),
        ("/v1/projects", lambda c: c.projects.list(limit=17)),
        ("/v1/glossary", lambda c: c.glossary.list(limit=17)),
        ("/v1/sections", lambda c: c.sections.list(limit=17)),
    ],
)
def test_lists_lose_and_add_nothing(
    sdk: Client, client: TestClient[Litestar], path: str, listing: Callable[[Client], Any]
) -> None:
    through_sdk = [_plain(item) for item in listing(sdk)]
    assert through_sdk == _raw_all(client, path)


def test_pages(sdk: Client) -> None:
    page = sdk.observations.list(period="2024", limit=10)
    assert len(page.items) == 10 and page.has_next_page()
    pages = list(page.iter_pages())
    assert sum(len(p.items) for p in pages) == len(list(page))
    assert not pages[-1].has_next_page()
    assert all(o.period == "2024" for o in page)


def test_get_and_top_level_operations(sdk: Client) -> None:
    gdp = sdk.indicators.get("gdp-growth")
    assert isinstance(gdp, types.IndicatorDetail)
    assert [o.value for o in gdp.observations] == [6.3, 6.5]
    target = sdk.observations.get("gdp-growth.2024.target")
    assert isinstance(target, types.Observation) and target == gdp.observations[1]
    assert sdk.dataset().license.id == "CC-BY-4.0"
    assert sdk.index().dataset_version == sdk.dataset().version
    hits = list(sdk.search(q="光储直柔"))
    assert {h.kind for h in hits} >= {"glossary"}
    assert sdk.health().status == "ok" and sdk.readiness().artifact_sha256


def test_errors_are_typed(sdk: Client) -> None:
    with pytest.raises(NotFoundError) as not_found:
        sdk.projects.get("no-such-project")
    assert not_found.value.status_code == 404
    assert not_found.value.request_id
    assert "no-such-project" in not_found.value.detail
    with pytest.raises(NotFoundError) as close:
        sdk.indicators.get("gdp")
    assert close.value.suggestions[0] == "gdp-growth"
    with pytest.raises(BadRequestError) as bad:
        sdk.observations.list(limit=0)
    assert bad.value.parameter == "limit"


def test_etag_cache_revalidates_without_a_body(client: TestClient[Litestar]) -> None:
    sent: list[httpx.Request] = []
    received: list[httpx.Response] = []
    client.event_hooks = {"request": [sent.append], "response": [received.append]}
    try:
        cached = Client(base_url=IN_PROCESS, http_client=client, cache=True)
        first = cached.indicators.get("gdp-growth")
        second = cached.indicators.get("gdp-growth")
    finally:
        client.event_hooks = {"request": [], "response": []}
    assert first == second
    assert "if-none-match" not in sent[0].headers
    assert sent[1].headers["if-none-match"] == received[0].headers["etag"]
    assert received[1].status_code == 304
    assert received[1].num_bytes_downloaded == 0
    assert cached.revalidated == 1


def test_etag_cache_keeps_the_bodies_used_last_within_its_bytes(
    client: TestClient[Litestar],
) -> None:
    sent: list[httpx.Request] = []
    client.event_hooks = {"request": [sent.append], "response": []}
    first, second, third = [i["id"] for i in client.get("/v1/indicators?limit=3").json()["items"]]
    sizes = {i: len(client.get(f"/v1/indicators/{i}").content) for i in (first, second, third)}
    try:
        # Room for any two of the records, not for all three.
        budget = sum(sizes.values()) - 1
        cached = Client(base_url=IN_PROCESS, http_client=client, cache=True, cache_max_bytes=budget)
        cached.indicators.get(first)
        cached.indicators.get(second)
        cached.indicators.get(first)  # now the most recently used
        cached.indicators.get(third)  # pushes out the second, used least recently
        sent.clear()
        cached.indicators.get(first)
        cached.indicators.get(second)
    finally:
        client.event_hooks = {"request": [], "response": []}
    assert "if-none-match" in sent[0].headers
    assert "if-none-match" not in sent[1].headers
    assert cached._etags is not None and cached._etags.size <= budget
    with pytest.raises(ValueError, match="cache_max_bytes"):
        Client(base_url=IN_PROCESS, cache=True, cache_max_bytes=-1)
    default = Client(base_url=IN_PROCESS, cache=True)._etags
    assert default is not None and default.max_bytes == 64 * 2**20


def test_path_segments_are_escaped(sdk: Client) -> None:
    # A query or fragment in an id is part of the id, not of the URL.
    with pytest.raises(NotFoundError) as missing:
        sdk.sections.get("p5.w13?x=1#top")
    assert missing.value.response.request.url.raw_path == b"/v1/sections/p5.w13%3Fx%3D1%23top"


def test_async_client_mirrors_the_sync_one(app: Litestar, sdk: Client) -> None:
    async def run() -> tuple[list[types.Observation], types.IndicatorDetail, int]:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport) as http:
            client = AsyncClient(base_url=IN_PROCESS, http_client=http)
            every = [o async for o in client.observations.list(period="2024", limit=9)]
            first = await client.observations.list(period="2024", limit=9)
            pages = [p async for p in first.iter_pages()]
            gdp = await client.indicators.get("gdp-growth")
            with pytest.raises(NotFoundError):
                await client.projects.get("nope")
            return every, gdp, len(pages)

    every, gdp, pages = asyncio.run(run())
    assert every == list(sdk.observations.list(period="2024"))
    assert gdp == sdk.indicators.get("gdp-growth")
    assert pages == -(-len(every) // 9)


def test_over_real_http(served_url: str) -> None:
    with Client(base_url=served_url) as sdk:
        assert len(list(sdk.glossary.list())) == 17
        raw = httpx.get(f"{served_url}/v1/projects/{next(iter(sdk.projects.list())).id}").json()
        project = sdk.projects.get(raw["id"])
        assert _plain(project) == raw

    async def run() -> int:
        async with AsyncClient(base_url=served_url) as client:
            return len([o async for o in client.observations.list(limit=100)])

    assert asyncio.run(run()) == len(list(Client(base_url=served_url).observations.list()))


# Retries, against scripted answers.


class Script:
    """An httpx transport answering from a list of responses or exceptions."""

    def __init__(self, *answers: httpx.Response | Exception) -> None:
        self.answers = list(answers)
        self.calls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        answer = self.answers[min(self.calls, len(self.answers) - 1)]
        self.calls += 1
        if isinstance(answer, Exception):
            raise answer
        return answer


HEALTH = httpx.Response(
    200, json={"status": "ok", "dataset_version": None, "artifact_sha256": None}
)


def _problem(status: int, headers: dict[str, str] | None = None) -> httpx.Response:
    body = {"type": "/problems/x", "title": "t", "status": status, "detail": "d", "parameter": None}
    return httpx.Response(status, json=body, headers=headers)


def _client(script: Script, sleeps: list[float], max_retries: int = 2) -> Client:
    http = httpx.Client(transport=httpx.MockTransport(script))
    sdk = Client(base_url="http://api.test", http_client=http, max_retries=max_retries)
    sdk._client._sleep = sleeps.append  # type: ignore[method-assign,assignment]
    return sdk


def test_retries_a_503_then_succeeds() -> None:
    script, sleeps = Script(_problem(503), HEALTH), list[float]()
    assert _client(script, sleeps).health().status == "ok"
    assert script.calls == 2 and len(sleeps) == 1 and 0 < sleeps[0] <= 0.5


def test_honours_retry_after_on_429() -> None:
    script, sleeps = Script(_problem(429, {"Retry-After": "3"}), HEALTH), list[float]()
    assert _client(script, sleeps).health().status == "ok"
    assert sleeps == [3.0]


@pytest.mark.parametrize("status", sorted(_RETRIED_STATUSES))
def test_honours_retry_after_on_every_retried_status(status: int) -> None:
    script, sleeps = Script(_problem(status, {"Retry-After": "2"}), HEALTH), list[float]()
    assert _client(script, sleeps).health().status == "ok"
    assert sleeps == [2.0]


def test_the_sdk_guide_names_the_statuses_whose_retry_after_is_honoured() -> None:
    root = pathlib.Path(__file__).resolve().parents[1]
    guide = " ".join((root / "docs" / "sdk-quickstart.md").read_text().split())
    stated = re.search(r"`Retry-After` honoured on every retried status \(([^)]*)\)", guide)
    assert stated is not None
    assert {int(code) for code in re.findall(r"\d+", stated.group(1))} == _RETRIED_STATUSES


def test_retries_connection_errors() -> None:
    script, sleeps = Script(httpx.ConnectError("refused"), HEALTH), list[float]()
    assert _client(script, sleeps).health().status == "ok"
    assert script.calls == 2


def test_retries_exhausted_raise_the_right_error() -> None:
    script, sleeps = Script(_problem(503)), list[float]()
    with pytest.raises(InternalServerError):
        _client(script, sleeps).health()
    assert script.calls == 3
    backoff = sorted(sleeps)
    assert backoff[0] < backoff[1]
    script = Script(_problem(429, {"Retry-After": "0"}))
    with pytest.raises(RateLimitError):
        _client(script, []).health()
    with pytest.raises(APIConnectionError):
        _client(Script(httpx.ConnectError("refused")), []).health()
    with pytest.raises(APITimeoutError):
        _client(Script(httpx.ReadTimeout("slow")), []).health()


@pytest.mark.parametrize("status", [400, 404, 406])
def test_client_errors_other_than_429_are_not_retried(status: int) -> None:
    script, sleeps = Script(_problem(status)), list[float]()
    with pytest.raises(longgang_opendata.APIStatusError) as caught:
        _client(script, sleeps).health()
    assert script.calls == 1 and sleeps == []
    assert caught.value.status_code == status


def test_with_options_copies_and_changes() -> None:
    base = Client(base_url="http://a.test", max_retries=5)
    other = base.with_options(base_url="http://b.test/", timeout=3)
    assert (other.base_url, other.timeout, other.max_retries) == ("http://b.test", 3, 5)
    assert base.base_url == "http://a.test"


def test_base_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LONGGANG_OPENDATA_BASE_URL", "http://env.test/")
    assert Client().base_url == "http://env.test"
    monkeypatch.delenv("LONGGANG_OPENDATA_BASE_URL")
    assert Client().base_url == "http://127.0.0.1:8000"


def test_responses_tolerate_additive_changes() -> None:
    body = {
        "status": "ok",
        "dataset_version": "1.1.0",
        "artifact_sha256": None,
        "uptime": 12,
    }
    script = Script(httpx.Response(200, json=body))
    assert _client(script, []).health().dataset_version == "1.1.0"
    hit = msgspec.json.decode(
        b'{"kind": "dataset", "id": "x", "title": {"zh": "z", "en": "e"}, "url": "/v1/x",'
        b' "html_url": "https://example.org/x", "matched_fields": ["name.en"], "snippet": "e",'
        b' "score": 1}',
        type=types.SearchHit,
    )
    assert hit.kind == "dataset"


FIRST_PROJECT = "cuhk-shenzhen"
#: operationId → (SDK call, raw path, raw params); lists compare every item of every page.
ROUND_TRIPS: dict[str, tuple[Callable[[Client], Any], str, dict[str, str]]] = {
    "getIndex": (lambda c: c.index(), "/v1", {}),
    "getDataset": (lambda c: c.dataset(), "/v1/dataset", {}),
    "getHealth": (lambda c: c.health(), "/healthz", {}),
    "getReadiness": (lambda c: c.readiness(), "/readyz", {}),
    "getReleases": (lambda c: c.releases(), "/v1/releases", {}),
    "getReleaseChanges": (
        lambda c: c.releases.changes("1.2.0"),
        "/v1/releases/1.2.0/changes",
        {},
    ),
    "getReleasesFeed": (lambda c: c.releases.feed(), "/v1/releases.atom", {}),
    "getCatalog": (lambda c: c.catalog(), "/v1/catalog", {}),
    "getCatalogJsonLd": (lambda c: c.catalog_json_ld(), "/v1/catalog.jsonld", {}),
    "getCatalogTurtle": (lambda c: c.catalog_turtle(), "/v1/catalog.ttl", {}),
    "getDataPackage": (lambda c: c.data_package(), "/v1/datapackage.json", {}),
    "getDatasetteMetadata": (lambda c: c.datasette_metadata(), "/v1/datasette-metadata.json", {}),
    "getDownload": (
        lambda c: c.download("project_mentions.csv", bom=True),
        "/v1/downloads/project_mentions.csv",
        {"bom": "true"},
    ),
    "getFormatDownload": (
        lambda c: c.format_download("parquet", "observations.parquet"),
        "/v1/downloads/parquet/observations.parquet",
        {},
    ),
    "listIndicators": (lambda c: list(c.indicators.list(limit=40)), "/v1/indicators", {}),
    "getIndicator": (lambda c: c.indicators.get("gdp-growth"), "/v1/indicators/gdp-growth", {}),
    "listObservations": (
        lambda c: list(c.observations.list(period="2024", limit=30)),
        "/v1/observations",
        {"period": "2024"},
    ),
    "getObservation": (
        lambda c: c.observations.get("gdp-growth.2024.target"),
        "/v1/observations/gdp-growth.2024.target",
        {},
    ),
    "listProjects": (lambda c: list(c.projects.list(year=2023)), "/v1/projects", {"year": "2023"}),
    "getProject": (lambda c: c.projects.get(FIRST_PROJECT), f"/v1/projects/{FIRST_PROJECT}", {}),
    "listGlossary": (lambda c: list(c.glossary.list(limit=5)), "/v1/glossary", {}),
    "getGlossaryTerm": (
        lambda c: c.glossary.get("one-core-two-poles-multiple-pivots"),
        "/v1/glossary/one-core-two-poles-multiple-pivots",
        {},
    ),
    "listSections": (
        lambda c: list(c.sections.list(kind="item")),
        "/v1/sections",
        {"kind": "item"},
    ),
    "getSection": (lambda c: c.sections.get("p5.w13"), "/v1/sections/p5.w13", {}),
    "search": (lambda c: list(c.search(q="公园")), "/v1/search", {"q": "公园"}),
    "getReports": (lambda c: c.reports(), "/v1/reports", {}),
    "getReport": (lambda c: c.report("longgang-2024"), "/v1/reports/longgang-2024", {}),
    "listTargets": (
        lambda c: list(c.targets.list(verdict="pending", limit=20)),
        "/v1/targets",
        {"verdict": "pending"},
    ),
    "listPromises": (
        lambda c: list(c.promises.list(year=2024, limit=20)),
        "/v1/promises",
        {"year": "2024"},
    ),
    "getPromise": (
        lambda c: c.promises.get("cuhk-shenzhen.longgang-2024.2"),
        "/v1/promises/cuhk-shenzhen.longgang-2024.2",
        {},
    ),
    "getTarget": (
        lambda c: c.targets.get("gdp-growth.2024.target"),
        "/v1/targets/gdp-growth.2024.target",
        {},
    ),
}


def test_round_trips_cover_every_operation() -> None:
    spec = json.loads(DOCUMENT_PATH.read_text())
    operation_ids = {op["operationId"] for item in spec["paths"].values() for op in item.values()}
    assert set(ROUND_TRIPS) == operation_ids


@pytest.mark.parametrize("operation_id", sorted(ROUND_TRIPS))
def test_every_operation_round_trips_over_http(served_url: str, operation_id: str) -> None:
    call, path, params = ROUND_TRIPS[operation_id]
    with Client(base_url=served_url) as sdk:
        result = call(sdk)
    if isinstance(result, list):
        raw: list[Any] = []
        query: dict[str, str] = {**params, "limit": "500"}
        while True:
            body = httpx.get(f"{served_url}{path}", params=query).json()
            raw += body["items"]
            if body["next_cursor"] is None:
                break
            query["cursor"] = body["next_cursor"]
        assert [_plain(item) for item in result] == raw
        assert raw, "a round trip over an empty list proves little"
    elif isinstance(result, bytes):
        assert result == httpx.get(f"{served_url}{path}", params=params).content
        assert len(result) > 1000
    else:
        assert _plain(result) == httpx.get(f"{served_url}{path}").json()


# Resuming, identification, logging and argument checks.


@pytest.mark.parametrize("stop_after", [1, 7, 49])
def test_resume_from_a_saved_cursor_gives_the_rest_exactly_once(
    sdk: Client, stop_after: int
) -> None:
    every = [o.id for o in sdk.observations.list(limit=10)]
    first = sdk.observations.list(limit=10)
    seen: list[str] = []
    saved: str | None = None
    for page in first.iter_pages():
        seen += [o.id for o in page.items]
        saved = page.next_cursor
        if len(seen) >= stop_after:
            break
    assert saved is not None, "the walk must be interrupted before its end"
    # A fresh client, as after a restart: only the cursor string is kept.
    fresh = Client(base_url=IN_PROCESS, http_client=sdk._client._http)
    rest = [o.id for o in fresh.observations.list(limit=10, cursor=saved)]
    assert seen + rest == every
    assert len(set(seen + rest)) == len(every)


def test_releases_group_the_release_operations_and_keep_the_generated_ones(
    app: Litestar, sdk: Client
) -> None:
    # ``client.releases`` is called as before, and also holds what each release changed.
    assert [r.version for r in sdk.releases().items] == ["1.2.0", "1.1.0", "1.0.0"]
    assert sdk.releases.changes("1.1.0") == sdk.release_changes("1.1.0")
    assert sdk.releases.feed() == sdk.releases_feed()
    with pytest.raises(NotFoundError):
        sdk.releases.changes("1.0.0")
    assert sdk.with_options(timeout=5).releases.changes("1.2.0").version == "1.2.0"

    async def run() -> tuple[types.ReleaseList, types.ChangeList, bytes]:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport) as http:
            client = AsyncClient(base_url=IN_PROCESS, http_client=http)
            return (
                await client.releases(),
                await client.releases.changes("1.2.0"),
                await client.releases.feed(),
            )

    listed, changes, feed = asyncio.run(run())
    assert listed == sdk.releases()
    assert changes == sdk.release_changes("1.2.0")
    assert feed == sdk.releases_feed()


def test_pages_say_how_many_items_match(app: Litestar, sdk: Client) -> None:
    every = [o.id for o in sdk.observations.list(period="2024", limit=500)]
    pages = list(sdk.observations.list(period="2024", limit=20).iter_pages())
    assert len(pages) > 1 and {page.total for page in pages} == {len(every)}

    async def run() -> int | None:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport) as http:
            client = AsyncClient(base_url=IN_PROCESS, http_client=http)
            return (await client.projects.list(year=2023, limit=5)).total

    assert asyncio.run(run()) == len(list(sdk.projects.list(year=2023)))


def test_async_resume_from_a_saved_cursor(app: Litestar, sdk: Client) -> None:
    first = sdk.projects.list(limit=25)
    assert first.next_cursor is not None
    expected = [p.id for p in sdk.projects.list(limit=25)][25:]

    async def run() -> list[str]:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport) as http:
            client = AsyncClient(base_url=IN_PROCESS, http_client=http)
            return [p.id async for p in client.projects.list(limit=25, cursor=first.next_cursor)]

    assert asyncio.run(run()) == expected


def test_user_agent_names_the_sdk_and_its_version() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return HEALTH

    http = httpx.Client(transport=httpx.MockTransport(answer))
    Client(base_url="http://api.test", http_client=http).health()
    assert seen[0].headers["user-agent"] == f"longgang-opendata/{longgang_opendata.__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+", longgang_opendata.__version__)


BLANK_IDS = ["", " ", "\t\n"]


@pytest.mark.parametrize("blank", BLANK_IDS)
def test_blank_ids_raise_value_error_before_any_request(blank: str) -> None:
    script = Script(HEALTH)
    sdk = _client(script, [])
    getters: list[Callable[[], object]] = [
        lambda: sdk.indicators.get(blank),
        lambda: sdk.projects.get(blank),
        lambda: sdk.glossary.get(blank),
        lambda: sdk.sections.get(blank),
    ]
    for get in getters:
        with pytest.raises(ValueError, match="must be a non-empty string"):
            get()
    assert script.calls == 0


@pytest.mark.parametrize("blank", BLANK_IDS)
def test_async_blank_ids_raise_value_error_before_any_request(blank: str) -> None:
    script = Script(HEALTH)

    async def run() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(script)) as http:
            client = AsyncClient(base_url="http://api.test", http_client=http)
            for resource in (client.indicators, client.projects, client.glossary, client.sections):
                with pytest.raises(ValueError, match="must be a non-empty string"):
                    await resource.get(blank)

    asyncio.run(run())
    assert script.calls == 0


def test_logging_shows_requests_retries_and_cache_hits(
    client: TestClient[Litestar], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="longgang_opendata")
    cached = Client(base_url=IN_PROCESS, http_client=client, cache=True)
    cached.indicators.get("gdp-growth")
    cached.indicators.get("gdp-growth")
    _client(Script(_problem(503), HEALTH), []).health()
    messages = [r.getMessage() for r in caplog.records if r.name == "longgang_opendata"]
    assert any(m == f"GET {IN_PROCESS}/v1/indicators/gdp-growth" for m in messages)
    assert any(m.startswith("cache hit: 304 for") for m in messages)
    assert any(m.startswith("retry 1 of GET http://api.test/healthz") for m in messages)


def test_log_environment_variable_turns_debug_output_on(served_url: str) -> None:
    program = (
        "from longgang_opendata import Client\n"
        "with Client(cache=True) as c:\n"
        "    c.dataset(); c.dataset()\n"
    )
    environment = {**os.environ, "LONGGANG_OPENDATA_BASE_URL": served_url}
    quiet = subprocess.run(
        [sys.executable, "-c", program],
        env={**environment, "LONGGANG_OPENDATA_LOG": ""},
        capture_output=True,
        text=True,
        check=True,
    )
    assert quiet.stderr == ""
    loud = subprocess.run(
        [sys.executable, "-c", program],
        env={**environment, "LONGGANG_OPENDATA_LOG": "debug"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert loud.stderr.count(f"GET {served_url}/v1/dataset") == 2
    assert "cache hit: 304" in loud.stderr
    retries_only = subprocess.run(
        [sys.executable, "-c", program],
        env={**environment, "LONGGANG_OPENDATA_LOG": "info"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert retries_only.stderr == ""


def test_download_to_streams_the_same_bytes(sdk: Client, tmp_path: pathlib.Path) -> None:
    calls: list[tuple[int, int | None]] = []
    target = tmp_path / "longgang-2024.sqlite"
    with target.open("wb") as file:
        size = download_to(
            sdk, "longgang-2024.sqlite", file, progress=lambda r, t: calls.append((r, t))
        )
    assert target.read_bytes() == sdk.download("longgang-2024.sqlite")
    assert size == target.stat().st_size
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1]
    with pytest.raises(NotFoundError):
        download_to(sdk, "nope.csv", io.BytesIO())
