"""nginx as a shared cache (``deploy/nginx.conf``, as deployed) in front of the served API:
what it stores is right for every browser after it, and it revalidates with ETags."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import (
    REPORT,
    answer_time,
    closed_by_the_server,
    free_port,
    idle_connections,
    nginx_cache,
    wait_until_up,
)

pytestmark = [pytest.mark.slow, pytest.mark.http]

ROOT = Path(__file__).resolve().parents[1]
ORIGIN = {"origin": "https://portal.example.org"}
#: Seconds the API lets caches keep an answer here, short so that it goes stale in a test.
MAX_AGE = 2


@contextlib.contextmanager
def behind_nginx(artifact_path: Path, **settings: str) -> Iterator[str]:
    """The launcher with ``settings``, and nginx with deploy/nginx.conf before it."""
    port = free_port()
    env = {**os.environ, "LONGGANG_ARTIFACT": str(artifact_path), "PORT": str(port), **settings}
    process = subprocess.Popen(
        [sys.executable, "-m", "longgang_api.server"], env=env, cwd=ROOT, stderr=subprocess.PIPE
    )
    api = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(api, process)
        with nginx_cache(api) as url:
            yield url
    finally:
        process.terminate()
        process.wait(timeout=40)


@pytest.fixture(scope="module")
def proxied(artifact_path: Path) -> Iterator[str]:
    """Two granian workers behind nginx."""
    with behind_nginx(artifact_path, WORKERS="2", CACHE_MAX_AGE=str(MAX_AGE)) as url:
        yield url


def test_behind_the_proxy_the_rate_limit_counts_each_client(artifact_path: Path) -> None:
    # nginx appends the address it was asked from to X-Forwarded-For; the API, trusting
    # nginx's address, counts that one, not nginx's own, nor what the client wrote first.
    limited = {"RATE_LIMIT": "3/minute", "TRUSTED_PROXIES": "127.0.0.1, ::1"}
    with behind_nginx(artifact_path, **limited) as url:
        first = {"x-forwarded-for": "203.0.113.7"}
        statuses = [
            httpx.get(f"{url}/v1/glossary?limit={n}", headers=first).status_code
            for n in range(1, 6)
        ]
        assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429], statuses
        second = httpx.get(f"{url}/v1/glossary?limit=9", headers={"x-forwarded-for": "203.0.113.8"})
        assert second.status_code == 200
        spoofed = {"x-forwarded-for": "203.0.113.9, 203.0.113.7"}
        assert httpx.get(f"{url}/v1/glossary?limit=10", headers=spoofed).status_code == 429


def _browser_valid(response: httpx.Response) -> None:
    assert response.headers["access-control-allow-origin"] == "*"
    assert "etag" in response.headers["access-control-expose-headers"].lower()


@pytest.mark.parametrize(
    "path", ["/v1/observations?limit=7&kind=plan", "/v1/downloads/glossary.csv", "/openapi.json"]
)
def test_a_stored_answer_is_right_for_browsers_after_it(proxied: str, path: str) -> None:
    first = httpx.get(f"{proxied}{path}")  # a client without Origin fills the cache
    assert first.status_code == 200 and first.headers["x-cache-status"] == "MISS"
    second = httpx.get(f"{proxied}{path}", headers=ORIGIN)
    assert second.headers["x-cache-status"] == "HIT"
    _browser_valid(first)
    _browser_valid(second)
    assert second.content == first.content


def test_nginx_keeps_one_variant_per_vary(proxied: str) -> None:
    path = "/v1/glossary?limit=2"
    as_csv = httpx.get(f"{proxied}{path}", headers={"accept": "text/csv"})
    as_json = httpx.get(f"{proxied}{path}", headers={"accept": "application/json"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_json.headers["content-type"] == "application/json"
    again = httpx.get(f"{proxied}{path}", headers={"accept": "text/csv"})
    assert again.headers["x-cache-status"] == "HIT" and again.content == as_csv.content


def test_revalidation_through_the_proxy(proxied: str) -> None:
    path = "/v1/projects?category=rail"
    first = httpx.get(f"{proxied}{path}")
    etag = first.headers["etag"]
    fresh = httpx.get(f"{proxied}{path}", headers={**ORIGIN, "if-none-match": etag})
    assert fresh.status_code == 304 and fresh.headers["etag"] == etag
    _browser_valid(fresh)
    time.sleep(MAX_AGE + 1)  # stale now: nginx asks the API with the ETag it holds
    stale = httpx.get(f"{proxied}{path}", headers={**ORIGIN, "if-none-match": etag})
    assert stale.status_code == 304 and stale.headers["etag"] == etag
    _browser_valid(stale)
    time.sleep(MAX_AGE + 1)
    refreshed = httpx.get(f"{proxied}{path}", headers=ORIGIN)
    assert refreshed.status_code == 200
    assert refreshed.headers["x-cache-status"] in ("REVALIDATED", "STALE", "UPDATING")
    assert refreshed.content == first.content
    _browser_valid(refreshed)


def test_every_answer_through_the_proxy_has_its_own_request_id(proxied: str) -> None:
    path = "/v1/indicators?limit=3"
    answers = [httpx.get(f"{proxied}{path}") for _ in range(3)]
    assert [a.headers["x-cache-status"] for a in answers] == ["MISS", "HIT", "HIT"]
    ids = [a.headers.get_list("x-request-id") for a in answers]
    assert all(len(found) == 1 for found in ids), ids
    assert len({found[0] for found in ids}) == 3, ids
    # A valid id of the client's comes back, stored answer or not; another is replaced.
    for given in ("trace-1.a:b", "trace-2"):
        hit = httpx.get(f"{proxied}{path}", headers={"x-request-id": given})
        assert hit.headers["x-cache-status"] == "HIT"
        assert hit.headers.get_list("x-request-id") == [given]
    miss = httpx.get(f"{proxied}/v1/indicators?limit=4", headers={"x-request-id": "trace-3"})
    assert miss.headers["x-cache-status"] == "MISS"
    assert miss.headers.get_list("x-request-id") == ["trace-3"]
    invalid = httpx.get(f"{proxied}{path}", headers={"x-request-id": "no spaces"})
    assert invalid.headers.get_list("x-request-id") not in ([], ["no spaces"])


def test_errors_through_the_proxy_carry_cors(proxied: str) -> None:
    for path, status in (("/v1/glossary/nope", 404), ("/v1/glossary?limit=0", 400)):
        answer = httpx.get(f"{proxied}{path}", headers=ORIGIN)
        assert answer.status_code == status
        assert answer.headers["content-type"] == "application/problem+json"
        _browser_valid(answer)


def test_ranges_and_head_through_the_proxy(proxied: str) -> None:
    path = "/v1/downloads/longgang-2024.sqlite"
    identity = {"accept-encoding": "identity"}
    whole = httpx.get(f"{proxied}{path}", headers=identity)
    part = httpx.get(f"{proxied}{path}", headers={**identity, "range": "bytes=0-15"})
    assert part.status_code == 206 and part.content == whole.content[:16] == b"SQLite format 3\0"
    head = httpx.head(f"{proxied}{path}", headers=identity)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == whole.headers["etag"]


def test_the_directives_the_readme_names_are_in_the_configuration() -> None:
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    readme = (ROOT / "docs" / "performance.md").read_text()
    named = (
        "proxy_cache_revalidate on",
        "proxy_cache_use_stale error timeout updating",
        "open_file_cache",
    )
    for directive in named:
        assert f"`{directive}`" in readme, directive
        assert f"\n            {directive}" in conf or f"\n    {directive}" in conf, directive


def test_nginx_makes_room_for_a_new_client_by_closing_idle_connections(proxied: str) -> None:
    # Out of worker_connections (1,024), nginx closes some of the connections that wait for
    # a request instead of leaving a new client waiting for one to end.
    held_count = 1_100
    with idle_connections(proxied, held_count, timeout=3.0) as held:
        waited = answer_time(proxied, timeout=3.0)
        assert waited is not None, "nginx left a new client waiting"
        closed = sum(closed_by_the_server(connection) for connection in held)
    assert closed > 0
    REPORT.append(
        f"connections: behind nginx, a new client answered in {waited:.3f} s beside "
        f"{held_count} idle ones of another, {closed} of which nginx closed"
    )
