"""Requests handed to the app as ASGI scopes, header bytes exactly as given.

Litestar's ``TestClient`` goes through httpx, which re-encodes header values
as UTF-8 and joins a repeated header into one line: a Latin-1 byte such as
``\\xb2`` (``²``), or the same header twice, never reaches the app as sent.
Here the scope holds the bytes given, in the order given, and the whole
stack the app is served with (the gateway, its response cache) answers it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from litestar import Litestar
from litestar.types import Message, Scope

Headers = Sequence[tuple[bytes, bytes]]


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    def header(self, name: bytes) -> bytes | None:
        """The first value of response header ``name`` (lower case), or None."""
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None


def scope_of(
    target: str, headers: Headers, method: str = "GET", client: tuple[str, int] | None = None
) -> Scope:
    path, _, query = target.partition("?")
    return cast(
        "Scope",
        {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "server": ("testserver", 80),
            "client": client or ("127.0.0.1", 50000),
            "root_path": "",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query.encode(),
            "headers": [(b"host", b"testserver"), *headers],
        },
    )


async def _call(app: Litestar, scope: Scope) -> Answer:
    sent: list[Message] = []
    received = False
    done = asyncio.Event()

    async def receive() -> Any:
        nonlocal received
        if not received:
            received = True
            return {"type": "http.request", "body": b"", "more_body": False}
        # As a server does: the client is gone once the whole answer is sent (a streamed
        # answer listens for that until its last chunk).
        await done.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)
        if message["type"] == "http.response.body" and not message.get("more_body", False):
            done.set()

    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return Answer(start["status"], [(bytes(n), bytes(v)) for n, v in start["headers"]], body)


def ask(
    app: Litestar,
    target: str,
    headers: Headers = (),
    method: str = "GET",
    client: tuple[str, int] | None = None,
) -> Answer:
    """The app's answer to ``method target`` with exactly ``headers``."""
    return asyncio.run(_call(app, scope_of(target, headers, method, client)))
