"""Every request header the server reads, fuzzed: a 4xx problem or the header ignored, never a 5xx.

The headers: ``Range``, ``If-Range``, ``If-None-Match``, ``If-Modified-Since``,
``Accept``, ``Accept-Encoding``, ``Accept-Language``, ``Origin``,
``X-Request-ID``, ``X-Forwarded-For`` (read by the rate limit behind trusted
proxies), and a preflight's ``Access-Control-Request-Method`` and
``-Headers``. Their values: the grammar's own words, digits other than ASCII
ones, numbers and dates too large for any field, whitespace of every kind,
nothing, any bytes; a header given several times.

In process, through the whole stack the app is served with (the gateway, its
rate limit, its response cache), on a resource nobody asked before and on one
the response cache keeps, over a sample of resources. Each answer is checked
against the answer to the same request with only the headers that choose a
representation: a 200 is that answer's bytes (the header was ignored), any
other status is explained by a header that asks for it.

Over real HTTP, a smaller run sends the bytes only a server sees (bytes
outside ASCII, control characters, folded lines, names that are not tokens):
an answer without the app's ``X-Request-ID`` is the server's own, and must be
the one docs/running.md documents.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar

from longgang_api.app import create_app
from longgang_api.data.artifact import LoadedDataset
from longgang_api.settings import Settings
from longgang_api.web.gateway import Gateway
from longgang_api.web.limits import MAX_HEADER_BYTES
from longgang_api.web.response_cache import ResponseCache
from tests.raw_asgi import Answer, Headers, ask
from tests.support import exchange

#: The sample: a list as JSON and as CSV pages, a streamed CSV, a record, a download,
#: a page for people and the OpenAPI document.
RESOURCES = (
    "/v1/observations?limit=20",
    "/v1/observations?format=csv&limit=20",
    "/v1/glossary?format=csv",
    "/v1/glossary/two-mountains",
    "/v1/downloads/glossary.csv",
    "/glossary",
    "/openapi.json",
)
PAGES = frozenset({"/glossary"})
READ = (
    b"range",
    b"if-range",
    b"if-none-match",
    b"if-modified-since",
    b"accept",
    b"accept-encoding",
    b"accept-language",
    b"origin",
    b"x-request-id",
    b"x-forwarded-for",
    b"access-control-request-method",
    b"access-control-request-headers",
)
#: The headers that choose a representation: what the reference answer is asked with.
CHOOSING = frozenset({b"accept", b"accept-encoding", b"accept-language"})
CONDITIONAL = frozenset({b"if-none-match", b"if-modified-since"})
PROBLEM = b"application/problem+json"
_REQUEST_ID = re.compile(rb"^[A-Za-z0-9._:-]{1,128}$")
#: The client the rate limit sees: a trusted proxy, so X-Forwarded-For is read.
PROXY = ("127.0.0.1", 40000)

# In process, an example's few requests take milliseconds: the profile's examples (200 in
# `make test`, 5,000 in `make fuzz`). Over HTTP, half as many.
IN_PROCESS_EXAMPLES = settings().max_examples
OVER_HTTP_EXAMPLES = max(settings().max_examples // 2, 1)

# -- values -------------------------------------------------------------------------------

#: Digits a server hands the app that are not ASCII: Latin-1 superscripts and a fraction
#: (str.isdigit() takes them), and UTF-8 ones (read as Latin-1, they are other letters).
UNICODE_DIGITS = (b"\xb2", b"\xb3", b"\xb9", b"\xbd", *(d.encode() for d in "٣３߁𝟗"))
SPACES = (b"", b" ", b"  ", b"\t", b"\x0b", b"\x0c", b"\xa0", b"\x85", b"\r\n ")
SPACE = st.sampled_from(SPACES)
#: Numbers no field holds: too large for any, not numbers, digits that are not ASCII.
ODD_NUMBERS = st.one_of(
    st.integers(2**31, 10**40).map(lambda n: str(n).encode()),
    st.sampled_from([b"9" * 5000, b"0" * 300 + b"7", b"1e999", b"nan", b"-1", b"0x10", b""]),
    st.sampled_from(UNICODE_DIGITS),
    st.tuples(st.integers(0, 99), st.sampled_from(UNICODE_DIGITS), st.integers(0, 99)).map(
        lambda n: str(n[0]).encode() + n[1] + str(n[2]).encode()
    ),
)


def mostly(
    plausible: st.SearchStrategy[bytes], odd: st.SearchStrategy[bytes]
) -> st.SearchStrategy[bytes]:
    """Three times in four a plausible value, else an odd one: one odd field among
    plausible ones reaches the code that reads it, where an odd one early stops the parse."""
    return st.one_of(plausible, plausible, plausible, odd)


def number(low: int, high: int) -> st.SearchStrategy[bytes]:
    return mostly(st.integers(low, high).map(lambda n: str(n).encode()), ODD_NUMBERS)


JUNK = st.one_of(
    st.binary(max_size=40),
    st.lists(
        st.sampled_from(
            [
                *(b",", b";", b"=", b"-", b"q=", b"*", b'"', b"W/", b"/", b":", b"\x00", b"\xff"),
                *SPACES,
                *UNICODE_DIGITS,
            ]
        ),
        max_size=12,
    ).map(b"".join),
)


def _quality() -> st.SearchStrategy[bytes]:
    weight = mostly(st.sampled_from([b"0", b"1", b"0.5", b"0.001", b"1.0"]), ODD_NUMBERS)
    return st.one_of(st.just(b""), weight.map(lambda q: b";q=" + q), SPACE.map(lambda s: s + b";"))


def _listed(item: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    return st.lists(st.tuples(SPACE, item, _quality()), max_size=4).map(
        lambda items: b",".join(s + i + q for s, i, q in items)
    )


def _date() -> st.SearchStrategy[bytes]:
    parts = st.tuples(
        mostly(st.sampled_from([b"Mon, ", b"Sun, ", b""]), st.just(b"Xyz, ")),
        number(1, 31),
        mostly(st.sampled_from([b" Jan ", b" Nov ", b" Dec "]), st.sampled_from([b" Foo ", b" "])),
        number(1990, 2200),
        mostly(st.just(b" "), SPACE),
        number(0, 23),
        number(0, 59),
        number(0, 59),
        mostly(
            st.sampled_from([b" GMT", b" UT", b" +0000", b" -2359", b" +2359"]),
            st.one_of(ODD_NUMBERS.map(lambda n: b" +" + n), st.sampled_from([b" EST", b""])),
        ),
    )
    written = parts.map(lambda p: b"".join(p[:5]) + b":".join(p[5:8]) + p[8])
    return mostly(
        written,
        st.sampled_from(
            [
                b"Fri, 31 Dec 9999 23:59:59 -2359",
                b"Mon, 01 Jan 0001 00:00:00 +2359",
                b"Sunday, 06-Nov-94 08:49:37 GMT",
                b"Sun Nov  6 08:49:37 1994",
            ]
        ),
    )


def _etags() -> st.SearchStrategy[bytes]:
    tag = st.one_of(
        st.text("0123456789abcdef", max_size=32).map(lambda t: b'"' + t.encode() + b'"'),
        st.sampled_from([b"*", b'W/"x"', b'"', b'""', b'"-gzip"', b"W/"]),
        JUNK,
    )
    return _listed(tag)


def _byte_range() -> st.SearchStrategy[bytes]:
    # Two positions only: either is as often odd as not.
    position = st.one_of(st.integers(0, 30_000).map(lambda n: str(n).encode()), ODD_NUMBERS)
    one = st.tuples(st.one_of(position, st.just(b"")), SPACE, st.one_of(position, st.just(b"")))
    spec = mostly(
        one.map(lambda r: r[0] + r[1] + b"-" + r[2]),
        st.lists(one, min_size=2, max_size=3).map(
            lambda ranges: b",".join(a + s + b"-" + b for a, s, b in ranges)
        ),
    )
    unit = mostly(
        st.sampled_from([b"bytes=", b"BYTES=", b"bytes = "]),
        st.sampled_from([b"items=", b"bytes", b"=", b""]),
    )
    return st.tuples(SPACE, unit, spec).map(b"".join)


TEMPLATES: dict[bytes, st.SearchStrategy[bytes]] = {
    b"range": _byte_range(),
    b"if-range": st.one_of(_etags(), _date()),
    b"if-none-match": _etags(),
    b"if-modified-since": _date(),
    b"accept": _listed(
        st.sampled_from(
            [
                b"application/json",
                b"text/csv",
                b"application/x-ndjson",
                b"text/html",
                b"application/problem+json",
                b"application/vnd.oai.openapi+json",
                b"application/octet-stream",
                b"*/*",
                b"text/*",
                b"*",
                b"image/png",
                b"text/csv;charset=\xb2",
                b"/",
            ]
        )
    ),
    b"accept-encoding": _listed(
        st.sampled_from([b"gzip", b"GZIP", b"*", b"identity", b"br", b"deflate", b"gzip\xb2"])
    ),
    b"accept-language": _listed(
        st.sampled_from([b"en", b"zh", b"en-GB", b"zh-Hans-CN", b"*", b"fr", b"EN", b"e\xb2"])
    ),
    b"origin": st.sampled_from(
        [b"https://portal.example.org", b"null", b"http://[::1]:8000", b"https://\xe4\xb8\xad.cn"]
    ),
    b"x-request-id": st.one_of(
        st.text("abcXYZ019._:-", min_size=1, max_size=130).map(str.encode),
        st.sampled_from([b"a b", b"\xb2", b"a" * 129, b"id/1"]),
    ),
    b"x-forwarded-for": _listed(
        st.one_of(
            st.sampled_from([b"203.0.113.7", b"::1", b"127.0.0.1", b"fe80::1%eth0", b"unknown"]),
            st.tuples(number(0, 255), number(0, 255)).map(lambda p: p[0] + b"." + p[1] + b".0.1"),
        )
    ),
    b"access-control-request-method": st.sampled_from(
        [b"GET", b"HEAD", b"POST", b"get", b"G\xb2T", b" GET "]
    ),
    b"access-control-request-headers": _listed(
        st.sampled_from([b"range", b"If-None-Match", b"x-request-id", b"authorization", b"\xb9"])
    ),
}


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, str, list[tuple[bytes, bytes]]]:
    """A method, a resource of the sample and headers, each read by the server, some repeated."""
    names = draw(st.lists(st.sampled_from(READ), min_size=1, max_size=5))
    if draw(st.booleans()):  # the same header again, with another value
        names.append(draw(st.sampled_from(names)))
    headers = [(name, draw(mostly(TEMPLATES[name], JUNK))) for name in names]
    method = draw(st.sampled_from(["GET", "GET", "GET", "HEAD", "OPTIONS"]))
    if method == "OPTIONS" and draw(st.booleans()):  # a preflight
        method_asked = draw(TEMPLATES[b"access-control-request-method"])
        headers += [
            (b"origin", b"https://portal.example.org"),
            (b"access-control-request-method", method_asked),
        ]
    return method, draw(st.sampled_from(RESOURCES)), headers


# -- in process -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def proxied_app(dataset: LoadedDataset) -> Litestar:
    """The app as served with a rate limit behind a trusted proxy: every header is read."""
    return create_app(dataset, Settings(rate_limit="1000000/second", trusted_proxies="127.0.0.1"))


def _gateway(app: Litestar) -> Gateway:
    gateway = app.asgi_handler
    assert isinstance(gateway, Gateway)
    return gateway


def _first(headers: Headers, name: bytes) -> bytes | None:
    return next((value for key, value in headers if key == name), None)


def _head_size(headers: Headers) -> int:
    return sum(len(name) + len(value) + 4 for name, value in headers)


def check(answer: Answer, reference: Answer, method: str, url: str, sent: Headers) -> None:
    """``answer`` is a 4xx problem, or what ``reference`` is, or what a header asked for."""
    status = answer.status
    assert status < 500, (status, answer.body[:200])
    assert answer.header(b"access-control-allow-origin") == b"*"
    request_id = answer.header(b"x-request-id")
    assert request_id is not None and _REQUEST_ID.match(request_id)
    given = _first(sent, b"x-request-id")
    if given is not None and _REQUEST_ID.match(given):
        assert request_id == given
    if status >= 400:
        media = (answer.header(b"content-type") or b"").split(b";")[0]
        assert media == PROBLEM or (url in PAGES and media == b"text/html"), media
        if media == PROBLEM and method != "HEAD":
            assert json.loads(answer.body)["status"] == status
    asked = {name for name, _ in sent}
    if status == 431:
        assert _head_size(sent) > MAX_HEADER_BYTES - 100
    elif method == "OPTIONS":
        preflight = {b"origin", b"access-control-request-method"} <= asked
        assert status == 204 or (status == 400 and preflight)
    elif status == 200:
        assert reference.status == 200 and answer.body == reference.body
    elif status in (206, 416):
        assert b"range" in asked and reference.status == 200
        if status == 206 and method == "GET":
            found = re.fullmatch(
                rb"bytes (\d+)-(\d+)/(\d+)", answer.header(b"content-range") or b""
            )
            assert found is not None and int(found[3]) == len(reference.body)
            assert answer.body == reference.body[int(found[1]) : int(found[2]) + 1]
    elif status == 304:
        assert asked & CONDITIONAL and reference.status == 200
    else:
        assert status == reference.status, (status, reference.status)


def _ask(app: Litestar, method: str, url: str, headers: Headers) -> Answer:
    return ask(app, url, headers, method, client=PROXY)


@given(request=requests(), kept=st.booleans())
@settings(
    max_examples=IN_PROCESS_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_header_read_is_a_4xx_or_ignored(
    proxied_app: Litestar, request: tuple[str, str, list[tuple[bytes, bytes]]], kept: bool
) -> None:
    app = proxied_app
    method, url, headers = request
    gateway = _gateway(app)
    if kept:
        # Asked twice: the response cache keeps it, and answers the plain request.
        for _ in range(2):
            _ask(app, "GET", url, [])
        cache = gateway.response_cache
        assert cache is not None
        hits = cache.hits
        _ask(app, "GET", url, [])
        assert cache.hits == hits + 1, "the response cache did not keep " + url
        answers = [_ask(app, method, url, headers)]
    else:
        # A resource nobody asked: the app answers, answers again (kept), then the cache.
        gateway.response_cache = ResponseCache()
        answers = [_ask(app, method, url, headers) for _ in range(3)]
    choosing = [(name, value) for name, value in headers if name in CHOOSING]
    reference = _ask(app, "HEAD" if method == "HEAD" else "GET", url, choosing)
    for answer in answers:
        check(answer, reference, method, url, headers)


# -- over real HTTP ------------------------------------------------------------------------

#: What HTTP allows in a header name (RFC 9110 token).
TOKEN = re.compile(rb"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
#: Control characters but tab: the server below the app refuses them in a value.
CONTROL = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")
#: Bytes outside ASCII, which a server hands the app as they are (read as Latin-1).
HIGH_BYTES = st.sampled_from([b"\x80", b"\xb2", b"\xb9", b"\xff", b"\xe4\xb8\xad", b"\xc2\xb2"])
#: What makes a header line one the server below the app refuses.
CONTROLS = st.sampled_from([b"\x00", b"\x01", b"\x08", b"\x0b", b"\x1f", b"\x7f", b"\r"])
NOT_IN_A_NAME = st.sampled_from([b" ", b"\xe4", b"(", b"\x00", b"@", b""])
FOLD = b"\r\n "


def _inserted(draw: st.DrawFn, value: bytes, pieces: st.SearchStrategy[bytes]) -> bytes:
    at = draw(st.integers(0, len(value)))
    return value[:at] + b"".join(draw(st.lists(pieces, min_size=1, max_size=3))) + value[at:]


@st.composite
def wire_lines(draw: st.DrawFn) -> list[tuple[bytes, bytes]]:
    """Header lines as sent, of the headers the server reads: half of the requests as
    plain as HTTP allows, a quarter with bytes outside ASCII in a value, a quarter with
    one line the server below the app refuses (a control character in a value, a folded
    line, a name that is not a token)."""
    lines = []
    for read in draw(st.lists(st.sampled_from(READ), min_size=1, max_size=5)):
        value = draw(mostly(TEMPLATES[read], JUNK))
        lines.append((read, CONTROL.sub(b"", value)[:2000]))
    kind = draw(st.sampled_from(["plain", "plain", "high bytes", "refused"]))
    at = draw(st.integers(0, len(lines) - 1))
    name, value = lines[at]
    if kind == "high bytes":
        value = _inserted(draw, value, HIGH_BYTES)
    elif kind == "refused":
        way = draw(st.sampled_from(["control", "fold", "name"]))
        if way == "control":
            value = _inserted(draw, value, CONTROLS)
        elif way == "fold":
            value += FOLD + b"folded"
        else:
            name = name[:2] + draw(NOT_IN_A_NAME) + name[2:]
    lines[at] = (name, value)
    return lines


def parser_refuses(lines: Sequence[tuple[bytes, bytes]]) -> bool:
    """What docs/running.md says the server below the app answers itself (400, empty body)."""
    return any(
        not TOKEN.match(name) or FOLD in value or CONTROL.search(value.replace(FOLD, b""))
        for name, value in lines
    )


def _parsed(raw: bytes) -> tuple[int, dict[bytes, bytes], bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.split(b"\r\n")
    headers: dict[bytes, bytes] = {}
    for line in lines:
        name, _, value = line.partition(b":")
        headers.setdefault(name.strip().lower(), value.strip())
    return int(status_line.split(b" ")[1]), headers, body


@pytest.fixture(scope="module")
def warmed(served_url: str) -> Iterator[str]:
    """The served instance, each resource of the sample asked twice: its cache keeps them."""
    port = int(served_url.rsplit(":", 1)[1])
    for url in RESOURCES:
        for _ in range(2):
            request = f"GET {url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
            assert _parsed(exchange(port, request.encode()))[0] == 200
    yield served_url


@given(lines=wire_lines(), url=st.sampled_from(RESOURCES))
@settings(
    max_examples=OVER_HTTP_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_over_http_every_answer_is_the_apps_or_the_documented_400(
    warmed: str, lines: list[tuple[bytes, bytes]], url: str
) -> None:
    port = int(warmed.rsplit(":", 1)[1])
    head = b"".join(name + b": " + value + b"\r\n" for name, value in lines)
    request = f"GET {url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n".encode() + head
    status, headers, body = _parsed(exchange(port, request + b"\r\n"))
    if b"x-request-id" not in headers:  # the server's own answer, not the app's
        assert (status, body) == (400, b"") and parser_refuses(lines), (status, lines)
        return
    assert not parser_refuses(lines), lines
    assert status < 500, (status, body[:200])
    if status >= 400:
        media = headers.get(b"content-type", b"").split(b";")[0]
        assert media == PROBLEM or (url in PAGES and media == b"text/html"), media


@pytest.mark.parametrize(
    "line",
    [
        b"Accept: a\x00b",  # NUL
        b"Accept: a\rb",  # a lone CR
        b"Accept: a\x7fb",  # DEL
        b"If-None-Match: \x01",
        b"Range: bytes=0-\r\n 5",  # obs-fold
        b"Range : bytes=0-5",  # a space before the colon
        b"R\xe4nge: bytes=0-5",  # a byte outside ASCII in the name
        b"Accept text/csv",  # no colon
    ],
)
def test_the_servers_own_400_is_the_one_documented(warmed: str, line: bytes) -> None:
    port = int(warmed.rsplit(":", 1)[1])
    request = b"GET /v1/glossary/two-mountains HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
    status, headers, body = _parsed(exchange(port, request + line + b"\r\n\r\n"))
    assert (status, body) == (400, b"")
    assert b"x-request-id" not in headers and b"access-control-allow-origin" not in headers


@pytest.mark.parametrize(
    ("line", "status"),
    [
        (b"Range: bytes=\xb2-", 200),  # Latin-1 "²": a malformed range, ignored
        (b"If-Modified-Since: Mon, 01 Jan 2\xb224 00:00:00 GMT", 200),
        (b"Accept: \xe4\xb8\xad", 406),  # UTF-8 bytes: no media type
        (b"X-Request-ID: \xff", 200),  # not an id to echo: one is made
    ],
)
def test_bytes_outside_ascii_in_a_value_reach_the_app(
    warmed: str, line: bytes, status: int
) -> None:
    port = int(warmed.rsplit(":", 1)[1])
    request = b"GET /v1/glossary/two-mountains HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
    answer = _parsed(exchange(port, request + line + b"\r\n\r\n"))
    assert answer[0] == status
    assert _REQUEST_ID.match(answer[1][b"x-request-id"])
    assert answer[1][b"access-control-allow-origin"] == b"*"
