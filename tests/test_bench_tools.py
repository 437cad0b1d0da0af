"""The benchmarks' own parts: the constant app of ``make bench`` and the URL cycles of
``make bench-scale`` (the benchmarks themselves need wrk and nginx, and run apart)."""

from __future__ import annotations

import asyncio
import random
import tomllib
from pathlib import Path
from typing import Any, cast

import httpx
import msgspec
import pytest

from longgang_build.build import BuildResult
from tools import bench_scale
from tools.bench_ceiling import Answer, create_app
from tools.benchmark import Result, summarise


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


@pytest.mark.parametrize("workers", [1, 2])
def test_searches_on_pages_of_one_size_ask_no_more_hits_than_one_report_holds(
    build_result: BuildResult, client: httpx.Client, workers: int
) -> None:
    paths = bench_scale.full_search_paths(client, build_result.artifact, workers)
    assert len(set(paths)) == len(paths) >= bench_scale.MIN_DISTINCT * workers
    # Sent as they are: a space or a plus in a term would be another request.
    assert all(p.isascii() and " " not in p and "+" not in p for p in paths)
    # Every page asked is full: its limit is at most the hits of its term.
    for path in random.Random(workers).sample(paths, 200):
        page = client.get(path).json()
        assert len(page["items"]) == int(path.rpartition("limit=")[2]) <= page["total"]


def test_a_row_takes_each_ratio_within_its_round_and_the_median_of_them() -> None:
    def result(rps: float, errors: int = 0) -> Result:
        return Result(rps=rps, p50_ms=rps / 1000, p99_ms=rps / 100, errors=errors)

    # nginx drifts from round to round; the API's ratio to it within each round does not.
    rounds = [
        (result(30_000), result(60_000)),
        (result(36_000, errors=2), result(90_000)),
        (result(33_000, errors=1), result(55_000)),
    ]
    row = summarise(rounds)
    assert row.ratio == pytest.approx(0.5)  # of 0.4, 0.5 and 0.6
    assert row.lowest == pytest.approx(0.4)
    assert row.highest == pytest.approx(0.6)
    # Each side's figures are those of its own median round, the latencies with them.
    assert row.ours == result(33_000, errors=1)
    assert row.theirs == result(60_000)
    assert row.errors == 3
    # Two rounds: the mean of both ratios; each side its slower round.
    two = summarise(rounds[:2])
    assert two.ratio == pytest.approx(0.45)
    assert (two.ours.rps, two.theirs.rps) == (30_000, 60_000)


def test_the_series_rounds_alternate_which_server_runs_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ran: list[str] = []

    def wrk(url: str, duration: int, connections: int, headers: Any, script: Path) -> Result:
        ran.append(url)
        # Each side's rate names it, so a pair put the wrong way round shows.
        return Result(1_000.0 if url == "series" else 2_000.0, 1.0, 2.0, 0)

    monkeypatch.setattr(bench_scale, "wrk", wrk)
    rounds = bench_scale._rounds(("series", Path("a")), ("one", Path("b")), 64)
    assert len(rounds) == bench_scale.ROUNDS >= 4
    assert ran[:4] == ["series", "one", "one", "series"]
    assert all((a.rps, b.rps) == (1_000.0, 2_000.0) for a, b in rounds)
    assert summarise(rounds).ratio == pytest.approx(0.5)


def test_make_test_leaves_the_tools_out() -> None:
    # `make test` runs pytest over testpaths alone: a tool under tools/ (wrk runs of minutes,
    # a long fuzz) must never be collected as a test.
    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text())
    assert config["tool"]["pytest"]["ini_options"]["testpaths"] == ["tests"]
    assert not list((root / "tools").glob("test_*.py"))
    assert {p.stem for p in (root / "tools").glob("*.py")} >= {
        "benchmark",
        "bench_scale",
        "bench_ceiling",
        "soak",
        "fuzz",
        "scale",
    }
    assert "tools" in config["tool"]["mypy"]["files"]
