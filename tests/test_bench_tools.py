"""The benchmarks' own parts: the constant app of ``make bench`` and the URL cycles of
``make bench-scale`` (the benchmarks themselves need wrk and nginx, and run apart)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, cast

import httpx
import msgspec
import pytest

from longgang_build.build import BuildResult
from tests import bench_scale
from tests.bench_ceiling import Answer, create_app


def test_the_constant_app_answers_the_saved_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = Answer(
        status=200,
        headers=[("content-type", "application/json"), ("etag", '"x"'), ("vary", "Accept")],
        body='{"items":["学"]}'.encode().decode("latin-1"),
    )
    (tmp_path / "answer.json").write_bytes(msgspec.json.encode(saved))
    monkeypatch.setenv("BENCH_ANSWER", str(tmp_path / "answer.json"))

    async def ask() -> httpx.Response:
        # The constant app is typed with the framework's ASGI types, httpx with its own.
        transport = httpx.ASGITransport(app=cast("Any", create_app()))
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            return await client.get("/v1/anything?at=all")

    answer = asyncio.run(ask())
    assert answer.status_code == 200
    assert answer.content == '{"items":["学"]}'.encode()
    assert [(n.decode(), v.decode()) for n, v in answer.headers.raw] == saved.headers


@pytest.mark.parametrize("workers", [1, 2])
def test_every_scenario_cycles_through_enough_distinct_urls(
    build_result: BuildResult, workers: int
) -> None:
    artifact = build_result.artifact
    needed = bench_scale.MIN_DISTINCT * workers
    for paths in (
        bench_scale.filtered_paths(artifact, workers),
        bench_scale.sorted_paths(workers),
        bench_scale.search_paths(artifact, workers),
    ):
        assert len(set(paths)) == len(paths) >= needed
    # One worker keeps the URLs it always had: its figures stay comparable.
    if workers == 1:
        assert bench_scale.sorted_paths(1)[-1].endswith("limit=50")
