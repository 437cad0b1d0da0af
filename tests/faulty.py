"""Copies of the served app with one contract bug each, for proving the contract suite bites.

    granian --interface asgi --factory tests.faulty:<bug>

- ``field_type``: a response field changes type (the glossary's ``number`` as a string);
- ``undocumented_status``: a status code the document does not list (418);
- ``server_error``: a 500 on a negative input (a non-numeric ``limit``);
- ``slow``: not a bug — a route that answers after two seconds, to hold requests in flight,
  and ``/slow/waiting``, how many of them are inside the app.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, cast
from urllib.parse import parse_qs

from longgang_api.asgi import create_served_app

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _served() -> ASGIApp:
    return cast("ASGIApp", create_served_app())


def _query(scope: Scope) -> dict[str, list[str]]:
    return parse_qs(scope.get("query_string", b"").decode("latin-1"))


async def _answer(send: Send, status: int, body: bytes, media_type: str) -> None:
    headers = [(b"content-type", media_type.encode()), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def field_type() -> ASGIApp:
    app = _served()

    async def buggy(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/v1/glossary"):
            await app(scope, receive, send)
            return
        scope = {**scope, "headers": [h for h in scope["headers"] if h[0] != b"accept-encoding"]}
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            else:
                chunks.append(message.get("body", b""))

        await app(scope, receive, capture)
        body = b"".join(chunks)
        if start["status"] == 200:
            answer = json.loads(body)
            for record in answer.get("items", [answer]):
                record["number"] = str(record["number"])
            body = json.dumps(answer).encode()
        headers = [h for h in start["headers"] if h[0] != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return buggy


def undocumented_status() -> ASGIApp:
    app = _served()

    async def buggy(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == "/v1/sections" and "q" in _query(scope):
            await _answer(send, 418, b'{"detail": "teapot"}', "application/problem+json")
            return
        await app(scope, receive, send)

    return buggy


def server_error() -> ASGIApp:
    app = _served()

    async def buggy(scope: Scope, receive: Receive, send: Send) -> None:
        limits = _query(scope).get("limit", []) if scope["type"] == "http" else []
        if scope["type"] == "http" and any(not v.isdigit() for v in limits):
            await _answer(send, 500, b"Internal Server Error", "text/plain")
            return
        await app(scope, receive, send)

    return buggy


def slow() -> ASGIApp:
    """The served app with ``/slow``, which takes two seconds to answer, and ``/slow/waiting``."""
    app = _served()
    waiting = 0

    async def with_slow_route(scope: Scope, receive: Receive, send: Send) -> None:
        nonlocal waiting
        if scope["type"] == "http" and scope["path"] == "/slow":
            waiting += 1
            await asyncio.sleep(2)
            waiting -= 1
            await _answer(send, 200, b'{"done": true}', "application/json")
            return
        if scope["type"] == "http" and scope["path"] == "/slow/waiting":
            await _answer(send, 200, str(waiting).encode(), "application/json")
            return
        await app(scope, receive, send)

    return with_slow_route
