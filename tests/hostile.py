"""A misbehaving API on a free loopback port, for proving that the SDK and the CLI stay bounded.

    with hostile(endless_body) as server:
        Client(base_url=server.url).health()

Each behaviour is a function of the request handler and the number of the request (from 1); it
writes one whole answer, however wrong. Every behaviour also gives up on its own after a while
(``GIVE_UP`` seconds, or ``ENDLESS_CAP`` bytes), so a client without bounds makes its test fail
instead of hanging the run.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import cast

__all__ = [
    "GIVE_UP",
    "Behaviour",
    "Hostile",
    "answer",
    "bad_gzip",
    "dripping_body",
    "dripping_head",
    "endless_body",
    "gzip_bomb",
    "hostile",
    "new_cursor_every_page",
    "non_json",
    "problem",
    "redirect",
    "retry_after",
    "same_cursor_every_page",
]

Behaviour = Callable[[BaseHTTPRequestHandler, int], None]
#: Seconds after which an endless behaviour stops by itself.
GIVE_UP = 20.0
#: Bytes after which an endless body stops by itself.
ENDLESS_CAP = 256 * 2**20
_CHUNK = b"0," * 32768


def answer(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str = "application/json",
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def _page(next_cursor: str | None) -> bytes:
    return json.dumps({"items": [], "next_cursor": next_cursor, "total": 0}).encode()


def _given_up(handler: BaseHTTPRequestHandler) -> bool:
    return time.monotonic() - cast("_Server", handler.server).started > GIVE_UP


def new_cursor_every_page(handler: BaseHTTPRequestHandler, number: int) -> None:
    answer(handler, 200, _page(None if _given_up(handler) else f"cursor-{number}"))


def same_cursor_every_page(handler: BaseHTTPRequestHandler, number: int) -> None:
    answer(handler, 200, _page(None if _given_up(handler) else "again"))


def endless_body(handler: BaseHTTPRequestHandler, number: int) -> None:
    """A 200 JSON answer without a length whose body never ends (until ENDLESS_CAP)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Connection", "close")
    handler.end_headers()
    handler.close_connection = True
    handler.wfile.write(b"[")
    started = time.monotonic()
    for sent in itertools.count(len(_CHUNK), len(_CHUNK)):
        handler.wfile.write(_CHUNK)
        if sent > ENDLESS_CAP or time.monotonic() - started > GIVE_UP:
            return


def dripping_body(every: float) -> Behaviour:
    """A 200 answer that announces 1 MB and sends one byte every ``every`` seconds."""

    def drip(handler: BaseHTTPRequestHandler, number: int) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(2**20))
        handler.end_headers()
        started = time.monotonic()
        while time.monotonic() - started < GIVE_UP:
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(every)
        handler.close_connection = True

    return drip


def dripping_head(every: float, size: int | None = None) -> Behaviour:
    """The head of a 200 answer, one byte every ``every`` seconds.

    With ``size``, the head ends after about that many bytes and a short body follows at once;
    without, the head never ends (until GIVE_UP).
    """
    start = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: "
    body = b'{"status": "ok", "dataset_version": null, "artifact_sha256": null}'
    end = b"\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)

    def drip(handler: BaseHTTPRequestHandler, number: int) -> None:
        started = time.monotonic()
        head = itertools.chain(start, itertools.repeat(ord("a")))
        for byte in itertools.islice(head, size):
            if time.monotonic() - started > GIVE_UP:
                break
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(every)
        else:
            handler.wfile.write(end)
        handler.close_connection = True

    return drip


def redirect(location: str = "/elsewhere") -> Behaviour:
    def moved(handler: BaseHTTPRequestHandler, number: int) -> None:
        answer(handler, 302, b"", "text/html", {"Location": location})

    return moved


def non_json(handler: BaseHTTPRequestHandler, number: int) -> None:
    answer(handler, 200, b"<!doctype html><title>Welcome</title><p>Sign in", "text/html")


def retry_after(value: str, status: int = 429) -> Behaviour:
    problem = {"type": "/problems/x", "title": "Slow down", "status": status, "detail": "wait"}

    def busy(handler: BaseHTTPRequestHandler, number: int) -> None:
        answer(handler, status, json.dumps(problem).encode(), "application/problem+json",
               {"Retry-After": value})  # fmt: skip

    return busy


def problem(status: int, detail: str) -> Behaviour:
    body = json.dumps({"type": "/problems/x", "title": detail, "status": status, "detail": detail})

    def failing(handler: BaseHTTPRequestHandler, number: int) -> None:
        answer(handler, status, body.encode(), "application/problem+json")

    return failing


@functools.cache
def _bomb() -> bytes:
    return gzip.compress(b" " * (40 * 2**20), compresslevel=3)


def gzip_bomb(handler: BaseHTTPRequestHandler, number: int) -> None:
    """About 180 KB on the wire that decompress to 40 MiB, over the default max_body_size."""
    answer(handler, 200, _bomb(), "application/json", {"Content-Encoding": "gzip"})


def bad_gzip(handler: BaseHTTPRequestHandler, number: int) -> None:
    answer(handler, 200, b"this is not gzip", "application/json", {"Content-Encoding": "gzip"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    behaviour: Behaviour
    started: float
    requests: int
    paths: list[str]
    lock: threading.Lock


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm each answer waits for the
    # client's delayed ACK (40 ms), which would make a thousand pages take most of a minute.
    disable_nagle_algorithm = True
    server: _Server

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.requests += 1
            number = self.server.requests
            self.server.paths.append(self.path)
        try:
            self.server.behaviour(self, number)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up, as it should

    def log_message(self, format: str, *args: object) -> None:
        pass


class Hostile:
    """What a test sees of the running server: its URL and the requests it got."""

    def __init__(self, server: _Server) -> None:
        self._server = server
        host, port = server.server_address[:2]
        self.url = f"http://{host!s}:{port}"

    @property
    def requests(self) -> int:
        return self._server.requests

    @property
    def paths(self) -> list[str]:
        return list(self._server.paths)


@contextlib.contextmanager
def hostile(behaviour: Behaviour) -> Iterator[Hostile]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.behaviour = behaviour
    server.started = time.monotonic()
    server.requests = 0
    server.paths = []
    server.lock = threading.Lock()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield Hostile(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
