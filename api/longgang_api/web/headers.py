"""What every response gets, whatever answered it (routing errors included).

- ``X-Request-ID``: a valid incoming one is echoed, otherwise one is made;
- security headers: ``X-Content-Type-Options``, ``Referrer-Policy``;
- HEAD is answered as GET without the body, so every GET route serves HEAD
  and the OpenAPI document lists each operation once.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterator

from litestar.types import Message, Scope, Send

#: A whole answer made before routing: its status, headers and body.
Answer = tuple[int, list[tuple[bytes, bytes]], bytes]
#: An answer whose body is sent in chunks as they are made (its length unknown before).
Streamed = tuple[int, list[tuple[bytes, bytes]], Iterator[bytes]]
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


# A made id is 16 random hex digits drawn once per process and a count of 16: unique
# across workers without a system call a request. Such a call releases the interpreter
# lock, and a served worker then waits to take it back from the server's own threads.
_prefix = os.urandom(8).hex()
_count = itertools.count()


def _new_process() -> None:
    global _prefix, _count
    _prefix = os.urandom(8).hex()
    _count = itertools.count()


os.register_at_fork(after_in_child=_new_process)


def request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            if _REQUEST_ID.match(candidate):
                return candidate
    return f"{_prefix}{next(_count):016x}"


def standard_headers(scope: Scope) -> list[tuple[bytes, bytes]]:
    """The request id and security headers for the answer to ``scope``."""
    return [(b"x-request-id", request_id(scope).encode()), *_SECURITY]


_SECURITY = [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]


def wrap_send(send: Send, extra: list[tuple[bytes, bytes]], *, head: bool) -> Send:
    """``send`` that adds ``extra`` headers and, for HEAD, drops the body."""

    names = frozenset(name for name, _ in extra)

    async def send_wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            # ``extra`` replaces what the answer set under the same names.
            headers: list[tuple[bytes, bytes]] = []
            for name, value in message.get("headers", ()):
                lower = bytes(name).lower()
                if lower in names:
                    continue
                if lower == b"allow" and b"HEAD" not in value:  # HEAD is served wherever GET is
                    value = bytes(value).replace(b"GET", b"GET, HEAD")
                headers.append((name, value))
            message = {**message, "headers": headers + extra}
        elif head and message["type"] == "http.response.body":
            if message.get("more_body", False):
                return
            message = {"type": "http.response.body", "body": b"", "more_body": False}
        await send(message)

    return send_wrapped
