"""A constant ASGI app for ``make bench``: what the server costs on its own.

granian serves it exactly as it serves the API (the same command line), and it
answers every request with one fixed answer — the status, headers and body the
API sent for the hot list — so the row it fills is the most any app could reach
on that server. ``BENCH_ANSWER`` names a JSON file written by the benchmark:
``{"status": 200, "headers": [[name, value], …], "body": "<latin-1 text>"}``.
"""

from __future__ import annotations

import os
from pathlib import Path

import msgspec
from litestar.enums import ScopeType
from litestar.types import Receive, Scope, Send


class Answer(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    status: int
    headers: list[tuple[str, str]]
    body: str


def create_app() -> ConstantApp:
    answer = msgspec.json.decode(Path(os.environ["BENCH_ANSWER"]).read_bytes(), type=Answer)
    return ConstantApp(answer)


class ConstantApp:
    def __init__(self, answer: Answer) -> None:
        self.status = answer.status
        self.headers = [(n.encode("latin-1"), v.encode("latin-1")) for n, v in answer.headers]
        self.body = answer.body.encode("latin-1")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            return
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": self.body, "more_body": False})
