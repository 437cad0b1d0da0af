"""The SDK against a misbehaving server: every call ends within its documented bound.

Each test runs a real HTTP server on a free loopback port (``tests.hostile``) that answers
with one fault, sets small bounds so it takes seconds, and times the call.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import inspect
import io
import json
import re
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from longgang_opendata import (
    APIResponseValidationError,
    APITimeoutError,
    AsyncClient,
    Client,
    InternalServerError,
    LonggangOpenDataError,
    PaginationError,
    RateLimitError,
)
from longgang_opendata._base_client import MAX_RETRY_AFTER, retry_after
from longgang_opendata.lib import download_to
from longgang_opendata.lib.cli import main
from tests.hostile import (
    Behaviour,
    Hostile,
    bad_gzip,
    dripping_body,
    dripping_head,
    endless_body,
    gzip_bomb,
    hostile,
    new_cursor_every_page,
    non_json,
    problem,
    redirect,
    same_cursor_every_page,
)
from tests.hostile import retry_after as retry_after_answer

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")
#: Slack on a timed bound: thread start-up, a loaded machine.
SLACK = 0.75


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[Hostile]:
    behaviour: Behaviour = request.param
    with hostile(behaviour) as running:
        yield running


def _timed(call: Callable[[], T]) -> tuple[T, float]:
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def _raises(kind: type[Exception], call: Callable[[], object]) -> tuple[Exception, float]:
    """The error ``call`` raises (it must raise ``kind``) and the seconds it took."""
    started = time.monotonic()
    with pytest.raises(kind) as caught:
        call()
    return caught.value, time.monotonic() - started


def _run(make: Callable[[], Awaitable[T]]) -> T:
    return asyncio.run(_awaited(make))


async def _awaited(make: Callable[[], Awaitable[T]]) -> T:
    return await make()


def _walk_sync(url: str, **bounds: Any) -> Callable[[], object]:
    return lambda: list(Client(base_url=url, **bounds).glossary.list())


def _walk_async(url: str, **bounds: Any) -> Callable[[], object]:
    async def walk() -> list[Any]:
        async with AsyncClient(base_url=url, **bounds) as client:
            return [term async for term in client.glossary.list()]

    return lambda: _run(walk)


WALKS = {"sync": _walk_sync, "async": _walk_async}


# Pages: a walk ends, whatever cursors the server gives.


@pytest.mark.parametrize("server", [new_cursor_every_page], indirect=True)
@pytest.mark.parametrize("kind", sorted(WALKS))
def test_a_new_cursor_on_every_page_stops_the_walk_at_max_pages(server: Hostile, kind: str) -> None:
    error, elapsed = _raises(PaginationError, WALKS[kind](server.url, max_pages=20))
    assert "max_pages (20)" in str(error)
    assert server.requests == 20
    assert elapsed < 5


@pytest.mark.parametrize("server", [new_cursor_every_page], indirect=True)
def test_with_the_default_bounds_a_never_ending_walk_stops(server: Hostile) -> None:
    error, elapsed = _raises(PaginationError, _walk_sync(server.url))
    assert "max_pages (1,000)" in str(error)
    assert server.requests == 1000
    assert elapsed < 10


@pytest.mark.parametrize("server", [same_cursor_every_page], indirect=True)
@pytest.mark.parametrize("kind", sorted(WALKS))
def test_the_same_cursor_on_every_page_ends_the_walk_at_once(server: Hostile, kind: str) -> None:
    error, elapsed = _raises(PaginationError, WALKS[kind](server.url))
    assert "already followed" in str(error) and "'again'" in str(error)
    assert server.requests == 2
    assert elapsed < 2


@pytest.mark.parametrize("server", [same_cursor_every_page], indirect=True)
def test_a_resumed_walk_given_its_own_cursor_back_stops(server: Hostile) -> None:
    client = Client(base_url=server.url)
    with pytest.raises(PaginationError, match="already followed"):
        list(client.glossary.list(cursor="again"))
    assert server.requests == 1
    # Walking the same pages again is no loop: each cursor is followed from the same page.
    first = client.glossary.list()
    second = first.get_next_page()
    assert first.get_next_page().items == second.items
    with pytest.raises(PaginationError):
        second.get_next_page()


# Bodies: an answer is read up to its size bound.


@pytest.mark.parametrize("server", [endless_body, gzip_bomb], indirect=True)
def test_an_endless_body_stops_at_max_body_size(server: Hostile) -> None:
    bound = 2**20
    client = Client(base_url=server.url, max_body_size=bound)
    error, elapsed = _raises(APIResponseValidationError, client.health)
    assert f"larger than max_body_size ({bound:,} bytes)" in str(error)
    assert elapsed < 5
    error, _ = _raises(APIResponseValidationError, Client(base_url=server.url).health)
    assert "larger than max_body_size (33,554,432 bytes)" in str(error)

    async def health() -> object:
        async with AsyncClient(base_url=server.url, max_body_size=bound) as client:
            return await client.health()

    error, elapsed = _raises(APIResponseValidationError, lambda: _run(health))
    assert "larger than max_body_size" in str(error) and elapsed < 5


@pytest.mark.parametrize("server", [endless_body], indirect=True)
def test_an_endless_file_stops_at_max_file_size(server: Hostile) -> None:
    bound = 3 * 2**20
    client = Client(base_url=server.url, max_file_size=bound)
    error, elapsed = _raises(APIResponseValidationError, lambda: client.download("glossary.csv"))
    assert f"larger than max_file_size ({bound:,} bytes)" in str(error) and elapsed < 5
    target = io.BytesIO()
    _raises(APIResponseValidationError, lambda: download_to(client, "glossary.csv", target))
    assert 0 < len(target.getvalue()) <= bound


@pytest.mark.parametrize("server", [new_cursor_every_page], indirect=True)
def test_a_declared_length_over_the_bound_fails_before_the_body_is_read(server: Hostile) -> None:
    with pytest.raises(APIResponseValidationError, match="larger than max_body_size \\(10 bytes"):
        Client(base_url=server.url, max_body_size=10).glossary.list()


@pytest.mark.parametrize("server", [bad_gzip], indirect=True)
def test_a_body_that_cannot_be_decompressed_says_so(server: Hostile) -> None:
    with pytest.raises(APIResponseValidationError, match=r"cannot be decoded.*'gzip'"):
        Client(base_url=server.url).health()


# Time: a call ends at its deadline.

DRIPS = [dripping_body(0.1), dripping_body(5.0)]


@pytest.mark.parametrize("server", DRIPS, indirect=True, ids=["every-0.1s", "every-5s"])
def test_a_dripping_body_ends_at_the_deadline(server: Hostile) -> None:
    client = Client(base_url=server.url, deadline=1.0)
    for call in (client.health, lambda: client.download("glossary.csv")):
        error, elapsed = _raises(APITimeoutError, call)
        assert "within the deadline of 1 s" in str(error)
        assert 0.9 < elapsed < 1.0 + SLACK

    async def health() -> object:
        async with AsyncClient(base_url=server.url, deadline=1.0) as client:
            return await client.health()

    error, elapsed = _raises(APITimeoutError, lambda: _run(health))
    assert "within the deadline of 1 s" in str(error) and 0.9 < elapsed < 1.0 + SLACK


@pytest.mark.parametrize("server", [dripping_head(0.05)], indirect=True)
def test_the_async_client_ends_even_a_dripping_head_at_the_deadline(server: Hostile) -> None:
    async def health() -> object:
        async with AsyncClient(base_url=server.url, deadline=1.0, timeout=0.5) as client:
            return await client.health()

    error, elapsed = _raises(APITimeoutError, lambda: _run(health))
    assert "within the deadline of 1 s" in str(error) and 0.9 < elapsed < 1.0 + SLACK


@pytest.mark.parametrize("server", [dripping_head(0.05, size=60)], indirect=True)
def test_the_sync_client_is_held_by_a_dripping_head_only_until_it_ends(server: Hostile) -> None:
    # Every read gets its byte within the timeout, and a blocking read cannot be cut short:
    # the head holds the call for 3 s, then the deadline stops it as the body arrives.
    client = Client(base_url=server.url, deadline=1.0, timeout=0.5, max_retries=0)
    error, elapsed = _raises(APITimeoutError, client.health)
    assert "within the deadline of 1 s" in str(error)
    assert 2.9 < elapsed < 3.0 + SLACK


@pytest.mark.parametrize("server", [dripping_body(0.1)], indirect=True)
def test_a_streamed_download_ends_at_the_deadline(server: Hostile) -> None:
    client = Client(base_url=server.url, deadline=1.0)
    target = io.BytesIO()
    error, elapsed = _raises(APITimeoutError, lambda: download_to(client, "glossary.csv", target))
    assert "within the deadline of 1 s" in str(error)
    assert 0.9 < elapsed < 1.0 + SLACK
    assert 0 < len(target.getvalue()) < 100  # a byte every 0.1 s, no more


@pytest.mark.parametrize("server", [problem(503, "down")], indirect=True)
def test_retries_never_sleep_past_the_deadline(server: Hostile) -> None:
    # Backoff sleeps 0.5 s, then 1 s …: the second would end past a 1.2 s deadline.
    client = Client(base_url=server.url, deadline=1.2, max_retries=10)
    _, elapsed = _raises(InternalServerError, client.health)
    assert server.requests == 2
    assert elapsed < 1.2


# Answers that are not the API's.


def _every_kind_of_call(client: Client) -> list[Callable[[], object]]:
    """A model, a walk, a file in memory and a file streamed."""
    return [
        client.health,
        lambda: list(client.glossary.list()),
        lambda: client.download("glossary.csv"),
        lambda: download_to(client, "glossary.csv", io.BytesIO()),
    ]


@pytest.mark.parametrize("server", [redirect("/elsewhere")], indirect=True)
def test_a_redirect_is_an_error_naming_it_and_is_not_followed(server: Hostile) -> None:
    follows = httpx.Client(follow_redirects=True)
    for client in (Client(base_url=server.url), Client(base_url=server.url, http_client=follows)):
        for call in _every_kind_of_call(client):
            error, _ = _raises(APIResponseValidationError, call)
            assert "answered 302 Found, text/html, a redirect to '/elsewhere'" in str(error)
    assert server.requests == 8
    assert "/elsewhere" not in server.paths

    async def health() -> object:
        async with AsyncClient(base_url=server.url) as client:
            return await client.health()

    error, _ = _raises(APIResponseValidationError, lambda: _run(health))
    assert "302 Found" in str(error)


@pytest.mark.parametrize("server", [non_json], indirect=True)
def test_a_non_json_answer_names_its_status_and_type(server: Hostile) -> None:
    error, _ = _raises(APIResponseValidationError, Client(base_url=server.url).health)
    assert str(error) == f"the answer to GET {server.url}/healthz (200 OK, text/html) is not JSON"
    error, _ = _raises(
        APIResponseValidationError, lambda: list(Client(base_url=server.url).search(q="x"))
    )
    assert "(200 OK, text/html) is not JSON" in str(error)


# Retry-After: honoured up to the cap and within the deadline, never a crash.

RETRY_AFTERS = {
    # header: (requests made with max_retries=1, what the client did)
    "nan": 2,  # not a delay: ignored, backoff
    "-5": 2,
    "inf": 2,
    "1e400": 2,
    "Fri, 01 Jan 99999 00:00:00 GMT": 2,  # no calendar holds it: ignored
    "999999": 1,  # over the cap: the error at once
    "9" * 5000: 1,
    "Fri, 31 Dec 9999 23:59:59 GMT": 1,
    "45": 1,
}


@pytest.mark.parametrize("value", sorted(RETRY_AFTERS))
def test_retry_after_extremes_end_the_call_in_time(value: str) -> None:
    with hostile(retry_after_answer(value)) as server:
        client = Client(base_url=server.url, max_retries=1)
        _, elapsed = _raises(RateLimitError, client.health)
        assert server.requests == RETRY_AFTERS[value]
        assert elapsed < (0.5 if RETRY_AFTERS[value] == 1 else 0.5 + SLACK)

        async def health() -> object:
            async with AsyncClient(base_url=server.url, max_retries=1) as client:
                return await client.health()

        _, elapsed = _raises(RateLimitError, lambda: _run(health))
        assert elapsed < (0.5 if RETRY_AFTERS[value] == 1 else 0.5 + SLACK)


def test_retry_after_past_the_deadline_is_not_waited_for() -> None:
    with hostile(retry_after_answer("5", 503)) as server:
        client = Client(base_url=server.url, deadline=2)
        _, elapsed = _raises(InternalServerError, client.health)
        assert server.requests == 1 and elapsed < 0.5


def test_retry_after_is_read_as_rfc_9110_says() -> None:
    def parsed(value: str) -> float | None:
        return retry_after(httpx.Response(429, headers={"Retry-After": value}))

    assert parsed("3") == 3.0
    assert parsed("0") == 0.0
    for invalid in ("nan", "-1", "1.5", "inf", "soon", "", "Fri, 01 Jan 99999 00:00:00 GMT"):
        assert parsed(invalid) is None, invalid
    soon = email.utils.formatdate(time.time() + 10, usegmt=True)
    assert 8 < (parsed(soon) or 0) <= 10
    assert parsed("Mon, 01 Jan 2001 00:00:00 GMT") == 0.0
    assert parsed("9" * 5000) == float("inf")


@pytest.mark.parametrize(("value", "sleeps"), [("30", [30.0]), ("31", [])])
def test_a_retry_after_up_to_the_cap_is_honoured_and_beyond_it_is_not(
    value: str, sleeps: list[float]
) -> None:
    busy = httpx.Response(429, headers={"Retry-After": value})
    http = httpx.Client(transport=httpx.MockTransport(lambda _: busy))
    client = Client(base_url="http://api.test", http_client=http)
    slept: list[float] = []
    client._client._sleep = slept.append  # type: ignore[method-assign,assignment]
    with pytest.raises(RateLimitError):
        client.health()
    assert slept[:1] == sleeps
    assert MAX_RETRY_AFTER == 30.0


# Ids and configuration, refused before any request.

BAD_IDS = ["", " ", ".", "..", "a/b", "../v1", "/", "a\\b", "..\\..", "a\x00b", "x\n", "\x1b[2J"]


class Counting:
    """A transport that counts the requests it would send."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        return httpx.Response(404)


@pytest.mark.parametrize("bad", BAD_IDS)
def test_ids_that_are_not_one_path_segment_raise_before_any_request(bad: str) -> None:
    counting = Counting()
    client = Client(base_url="http://api.test", http_client=httpx.Client(
        transport=httpx.MockTransport(counting)))  # fmt: skip
    calls: list[Callable[[], object]] = [
        lambda: client.indicators.get(bad),
        lambda: client.projects.get(bad),
        lambda: client.glossary.get(bad),
        lambda: client.sections.get(bad),
        lambda: client.download(bad),  # type: ignore[arg-type]
        lambda: download_to(client, bad, io.BytesIO()),
    ]
    for call in calls:
        with pytest.raises(ValueError, match="must be"):
            call()

    async def run() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(counting)) as http:
            client = AsyncClient(base_url="http://api.test", http_client=http)
            for resource in (client.indicators, client.projects, client.glossary, client.sections):
                with pytest.raises(ValueError, match="must be"):
                    await resource.get(bad)
            with pytest.raises(ValueError, match="must be"):
                await client.download(bad)  # type: ignore[arg-type]

    asyncio.run(run())
    assert counting.calls == 0


def test_dot_dot_no_longer_fetches_the_parent(client: Any) -> None:
    sdk = Client(base_url="http://testserver.local", http_client=client)
    for call in (lambda: sdk.download(".."), lambda: sdk.indicators.get("..")):  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="one path segment"):
            call()


MALFORMED_URLS = ["http://[::1", "127.0.0.1:8000", "ftp://example.org", "http://", "http://h:99999",
                  "http://h/?q=1", "not a url"]  # fmt: skip


@pytest.mark.parametrize("url", MALFORMED_URLS)
def test_a_malformed_base_url_is_refused_when_the_client_is_made(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for kind in (Client, AsyncClient):
        with pytest.raises(ValueError, match="base_url must be an http:// or https:// URL"):
            kind(base_url=url)
    monkeypatch.setenv("LONGGANG_OPENDATA_BASE_URL", url)
    with pytest.raises(ValueError, match=r"\$LONGGANG_OPENDATA_BASE_URL must be"):
        Client()


@pytest.mark.parametrize(
    ("option", "value"),
    [("deadline", 0), ("deadline", float("nan")), ("deadline", float("inf")), ("timeout", -1),
     ("max_pages", 0), ("max_body_size", 0), ("max_file_size", -1), ("max_retries", -1)],
)  # fmt: skip
def test_bounds_that_bound_nothing_are_refused(option: str, value: float) -> None:
    given: dict[str, Any] = {option: value}
    for kind in (Client, AsyncClient):
        with pytest.raises(ValueError, match=option):
            kind(base_url="http://api.test", **given)
    with pytest.raises(ValueError, match=option):
        Client(base_url="http://api.test").with_options(**given)


def test_with_options_changes_the_bounds_and_keeps_the_rest() -> None:
    base = Client(base_url="http://a.test", deadline=5, max_pages=7)
    other = base.with_options(max_body_size=100, deadline=2)
    assert (other.deadline, other.max_pages, other.max_body_size) == (2, 7, 100)
    assert (base.deadline, base.max_body_size) == (5, 33_554_432)


# The documented defaults are the code's.

BOUNDS = ("timeout", "deadline", "max_retries", "max_pages", "max_body_size", "max_file_size")


def _defaults() -> dict[str, float]:
    parameters = inspect.signature(Client).parameters
    defaults = {name: parameters[name].default for name in BOUNDS}
    assert defaults == {
        name: inspect.signature(AsyncClient).parameters[name].default for name in BOUNDS
    }
    return defaults


_UNITS = {"": 1, "s": 1, "MiB": 2**20, "GiB": 2**30}
_ROW = re.compile(r"^\s*\| `([\w-]+)` \| ([\d,.]+) ?(s|MiB|GiB)? \|", re.MULTILINE)


@pytest.mark.parametrize("document", ["docs/sdk-quickstart.md"])
def test_the_documented_bounds_are_the_codes(document: str) -> None:
    text = (ROOT / document).read_text()
    stated = {
        name: float(value.replace(",", "")) * _UNITS[unit]
        for name, value, unit in _ROW.findall(text)
    }
    assert stated == {**_defaults(), "Retry-After": MAX_RETRY_AFTER}


# Any answer at all: the SDK raises only its own errors, the command line prints one line.

_STATUSES = st.one_of(st.sampled_from([200, 200, 200, 204, 301, 302, 304, 400, 404, 429, 503]),
                      st.integers(100, 599))  # fmt: skip
_HEADER_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30)
_BODIES = st.one_of(
    st.binary(max_size=300),
    st.builds(
        lambda cursor, items: json.dumps({"items": items, "next_cursor": cursor, "total": 0}),
        st.one_of(st.none(), _HEADER_TEXT),
        st.lists(st.integers(), max_size=2),
    ).map(str.encode),
    st.builds(lambda detail: json.dumps({"status": 404, "detail": detail}).encode(), st.text()),
)


@st.composite
def _answers(draw: st.DrawFn) -> Behaviour:
    status = draw(_STATUSES)
    body = draw(_BODIES)
    headers = {
        name: draw(value)
        for name, value in {
            "Content-Type": st.sampled_from(["application/json", "text/html", "", "x/y; a=b"]),
            "Content-Encoding": st.sampled_from(["gzip", "deflate", "br", "identity", "x"]),
            "Content-Length": st.sampled_from(["0", "5", "99999", "-1", "x", str(len(body))]),
            "Retry-After": st.one_of(_HEADER_TEXT, st.sampled_from(["nan", "1e400", "0", "-1"])),
            "Location": _HEADER_TEXT,
        }.items()
        if draw(st.booleans())
    }

    def answering(handler: Any, number: int) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        if "Content-Length" not in headers:
            handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Connection", "close")  # each example on its own connection
        handler.end_headers()
        handler.close_connection = True
        handler.wfile.write(body)

    return answering


#: Each example makes a few requests to a real server: fewer than the profile's examples by
#: default, many more under ``HYPOTHESIS_PROFILE=fuzz`` (``make fuzz``).
ANY_ANSWER_EXAMPLES = max(25, settings().max_examples // 8)
QUICK = 0.25


@given(answer=_answers())
@settings(max_examples=ANY_ANSWER_EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
def test_any_answer_ends_in_a_result_or_an_sdk_error_within_the_deadline(
    answer: Behaviour,
) -> None:
    with hostile(answer) as server:
        client = Client(base_url=server.url, deadline=QUICK, timeout=QUICK, max_retries=0,
                        max_pages=3)  # fmt: skip
        for call in _every_kind_of_call(client):
            started = time.monotonic()
            with contextlib.suppress(LonggangOpenDataError):
                call()
            assert time.monotonic() - started < QUICK + SLACK
        out, err = io.StringIO(), io.StringIO()
        status = main(["list", "glossary", "--base-url", server.url, "--deadline", str(QUICK)],
                      stdout=out, stderr=err)  # fmt: skip
    assert status in (0, 1)
    if status == 1:
        assert err.getvalue().startswith("longgang-opendata: error: ")
        assert err.getvalue().count("\n") == 1 and err.getvalue()[:-1].isprintable()


def test_make_fuzz_runs_the_any_answer_test_at_length() -> None:
    fuzz = settings.get_profile("fuzz").max_examples // 8
    name = test_any_answer_ends_in_a_result_or_an_sdk_error_within_the_deadline.__name__
    assert f"tests/test_sdk_bounds.py::{name}" in (ROOT / "tools/fuzz.py").read_text()
    readme = " ".join((ROOT / "docs" / "running.md").read_text().split())
    assert f"the command line against {fuzz:,} random answers" in readme
