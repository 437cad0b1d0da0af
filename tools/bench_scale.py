"""``make bench-scale``: the cost of uncached queries at 1×, 10× and 100× the records,
and of a series of reports.

    python -m tools.bench_scale [--sizes 1,10,100] [--series 10] [--duration 10]
                                [--connections 64] [--workers 1]

For each size, :mod:`tools.scale` writes a SYNTHETIC dataset folder under
``build/scale/`` and the real build compiles it (timed, as a process); the API
is started on it (granian, 1 worker unless ``--workers`` says otherwise) and
timed to its first 200; the served app builds its text indexes from start-up,
and one first query of search and of a list waits for them (timed); then wrk
(1 thread) runs four
scenarios in which every request is a query the response cache does not hold —
each scenario cycles through more distinct URLs than the cache keeps (4,096),
twice over for each worker (pages of up to 100 records where 50 give too few URLs),
in an order that never repeats one before the others: a filtered list, a sorted
list, a search, and pages deep in a walk (cursors taken from real pages, asked
with other limits). Prints requests/s, p50 and p99, the mean number of records
on a page of each scenario, and the resident memory of the largest worker and of
all the server's processes after load, and again once the response cache holds
as many answers as it keeps (4,096 pages of the sorted scenario, not gzipped, each asked twice).

``--series N`` adds a row for a series of N reports: :mod:`tools.scale_series` writes N
SYNTHETIC reports under ``build/scale/series/``, each the report again (so every value but
the last report's is revised), the real build compiles them together (timed, as a
process), and the API serves them all (``DATASETS``) beside the first size, served again.
Each scenario runs in rounds (six, of three seconds a side), each round the series and
the first size back to back, which one first alternating, and its ratio is the median of
the rounds' ratios: one run after the other compared the machine at two moments as much
as the two servers. The series adds one scenario, search on pages of one size: across the
series each report's sections match, so a search page holds more hits than one report's;
here each term is asked only with limits that its hits in one report fill, so both pages
hold as many.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

import httpx
import msgspec

from longgang_api.data.model import Artifact
from longgang_api.engine.query import MAX_LIMIT
from longgang_api.server import granian_command
from longgang_api.web.response_cache import ResponseCache
from tools.benchmark import (
    Result,
    _free_port,
    _lua,
    _wait,
    rss_mb,
    summarise,
    worker_rss_mb,
    wrk,
)
from tools.scale import generate
from tools.scale_series import generate_report

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "scale"
#: Each scenario's URLs outnumber what the response cache holds, twice over for each
#: worker: a worker sees its share of the cycle, and must never see a URL again while it
#: still remembers it (or it would keep the answer, and answer later repeats from memory).
MIN_DISTINCT = 2 * ResponseCache().max_entries
#: Limits of the pages asked: up to 50 while that gives URLs enough, else up to 100.
LIMITS = (range(1, 51), range(1, 101))


#: Settings that name the reports served: each run names its own.
_REPORT_SETTINGS = ("LONGGANG_ARTIFACT", "DATASET", "DATASETS")


@contextmanager
def served(
    artifact: Path, dataset: Path, workers: int
) -> Iterator[tuple[str, subprocess.Popen[bytes], float]]:
    # The app checks that the dataset folder's source document is the one the
    # artifact was built from.
    with served_with(
        {"LONGGANG_ARTIFACT": str(artifact), "DATASET": str(dataset)}, workers
    ) as running:
        yield running


#: Searches whose pages hold as many hits in the series as in one report.
EQUAL_PAGES = "search, pages of one size"
#: The rounds of the series against one report, and how long each side runs in a round:
#: this machine's rate moves within seconds, and a median of many short rounds moves less.
ROUNDS = 6
ROUND_SECONDS = 3


@contextmanager
def served_with(
    settings: dict[str, str], workers: int, cwd: Path | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes], float]]:
    """The API started with ``settings`` (in ``cwd``: a series' artifacts are build/<id>.json
    there); its URL, its process and the seconds to its first 200."""
    port = _free_port()
    started = time.monotonic()
    inherited = {k: v for k, v in os.environ.items() if k not in _REPORT_SETTINGS}
    process = subprocess.Popen(
        granian_command("127.0.0.1", port, workers),
        env={**inherited, **settings},
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{url}/v1", timeout=120)
        yield url, process, time.monotonic() - started
    finally:
        process.terminate()
        process.wait(timeout=30)


def _cycle(paths: list[str], workers: int) -> list[str]:
    needed = MIN_DISTINCT * workers
    paths = paths[: 4 * needed]
    assert len(set(paths)) == len(paths) >= needed, (len(set(paths)), len(paths), needed)
    return paths


def filtered_paths(artifact: Artifact, workers: int = 1) -> list[str]:
    categories = sorted({i.category for i in artifact.indicators})
    for limits in LIMITS:
        combos = itertools.product(
            limits, ("2023", "2024"), ("actual", "target", "plan"), ("", "true", "false"),
            categories,
        )  # fmt: skip
        paths = []
        for limit, period, kind, headline, category in combos:
            flag = f"&headline={headline}" if headline else ""
            paths.append(
                f"/v1/observations?period={period}&kind={kind}&category={category}{flag}"
                f"&limit={limit}"
            )
        if len(paths) >= MIN_DISTINCT * workers:
            break
    return _cycle(paths, workers)


def sorted_paths(workers: int = 1) -> list[str]:
    keys = ["id", "indicator_id", "period", "kind", "value", "base_value", "line"]
    directed = [f"{d}{k}" for k in keys for d in ("", "-")]
    sorts = directed + [
        f"{a},{b}" for a, b in itertools.permutations(directed, 2) if a.strip("-") != b.strip("-")
    ]
    for limits in LIMITS:
        paths = [f"/v1/observations?sort={s}&limit={n}" for n in limits for s in sorts]
        if len(paths) >= MIN_DISTINCT * workers:
            break
    return _cycle(paths, workers)


def search_paths(artifact: Artifact, workers: int = 1) -> list[str]:
    # Terms a reader would type: indicator and project names' words, and Chinese pairs.
    words: list[str] = []
    for indicator in artifact.indicators[:400]:
        words.append(indicator.name.zh[:2])
        words.extend(w for w in indicator.name.en.split()[:2] if w.isalpha() and len(w) > 3)
    # 120 terms, or as many more as the workers need.
    terms = list(dict.fromkeys(words))[: max(120, -(-MIN_DISTINCT * workers // 100))]
    # One term: the broader query, with more hits to rank than two.
    paths = [f"/v1/search?q={t}&limit={n}" for n in range(1, 101) for t in terms]
    return _cycle(paths, workers)


def full_search_paths(client: httpx.Client, artifact: Artifact, workers: int = 1) -> list[str]:
    """Searches whose pages are full in one report: each term (a Chinese pair or an English
    word of a name, a glossary term or a heading) asked with limits up to its hits there
    (``client`` serves that report). A series holding every hit of it, and more, fills the
    same pages, so the two answers are of one size."""
    words: list[str] = []
    names = [i.name for i in artifact.indicators] + [p.name for p in artifact.projects]
    titles = [g.term for g in artifact.glossary] + [s.heading for s in artifact.sections]
    for name in names + titles:
        words.extend(name.zh[at : at + 2] for at in range(len(name.zh) - 1))
        words.extend(w for w in name.en.split() if w.isalpha() and len(w) > 3)
    hits: dict[str, int] = {}
    for term in dict.fromkeys(words):
        found = client.get("/v1/search", params={"q": term, "limit": 1})
        if found.status_code == 200:
            hits[term] = min(MAX_LIMIT, found.json()["total"])
    # Limit after limit, each over every term that fills it: no URL comes twice in a cycle.
    # Escaped: a pair may hold a space or a plus.
    escaped = {t: quote(t, safe="") for t in hits}
    paths = [
        f"/v1/search?q={escaped[t]}&limit={n}"
        for n in range(1, MAX_LIMIT + 1)
        for t in hits
        if hits[t] >= n
    ]
    return _cycle(paths, workers)


def deep_paths(url: str, observations: int, workers: int = 1) -> list[str]:
    """Pages from the second half of walks, each cursor asked with many limits."""
    cursors: list[tuple[str, str]] = []
    step = max(5, observations // 100)
    for sort in ("id", "-value", "period,line", "-line"):
        path = f"/v1/observations?sort={sort}&limit={step}"
        walk: list[str] = []
        while path:
            body = httpx.get(f"{url}{path}", timeout=60).json()
            cursor = body["next_cursor"]
            if cursor:
                walk.append(cursor)
            path = f"/v1/observations?sort={sort}&limit={step}&cursor={cursor}" if cursor else ""
        cursors += [(sort, c) for c in walk[len(walk) // 2 :]]
    needed = MIN_DISTINCT * workers
    limits = range(1, min(MAX_LIMIT, needed // max(1, len(cursors)) + 2) + 1)
    paths = [
        f"/v1/observations?sort={sort}&limit={n}&cursor={cursor}"
        for n in limits
        for sort, cursor in cursors
    ]
    return _cycle(paths, workers)


def items_per_page(url: str, paths: list[str], samples: int = 400) -> float:
    """The mean number of records on a page of ``paths``, over a seeded random sample.

    A page of a bigger dataset holds more records where the smaller one has fewer
    matches than the limit, and costs more to send for that alone. Random, not evenly
    spaced: the URLs are made in nested loops, and a fixed step can fall in step with
    one of them (every sample then the same filter value, say).
    """
    chosen = random.Random(0).sample(paths, min(samples, len(paths)))
    counts = [len(httpx.get(f"{url}{p}", timeout=60).json()["items"]) for p in chosen]
    return sum(counts) / len(counts)


def fill_response_cache(url: str, paths: list[str]) -> None:
    """Ask as many distinct pages as the response cache keeps, each twice: the second is kept.

    Not gzipped: the larger answers, the cache nearer its bound in bytes.
    """
    identity = {"accept-encoding": "identity"}
    with httpx.Client(base_url=url, timeout=60, headers=identity) as client:
        for path in paths[: ResponseCache().max_entries]:
            for _ in range(2):
                client.get(path).raise_for_status()


def first_query(url: str, path: str) -> float:
    start = time.perf_counter()
    response = httpx.get(f"{url}{path}", timeout=120)
    assert response.status_code == 200, response.text
    return time.perf_counter() - start


def _build(folders: list[Path], out: Path) -> float:
    """Seconds the real build takes to compile ``folders`` into ``out``, as a process (several
    are built together, as a series, with the series' own files)."""
    started = time.perf_counter()
    datasets = [arg for folder in folders for arg in ("--dataset", str(folder))]
    subprocess.run(
        [sys.executable, "-m", "longgang_build.build", *datasets, "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def _records(artifact: Artifact) -> int:
    return (
        len(artifact.observations)
        + len(artifact.indicators)
        + len(artifact.projects)
        + len(artifact.glossary)
        + len(artifact.sections)
    )


def measure(copies: int, duration: int, connections: int, workers: int) -> dict[str, Any]:
    # Datasets apart from the build's output: it writes derived files into OUT/<id>/.
    folder = generate(copies, OUT / "datasets")
    build_s = _build([folder], OUT)
    artifact_path = OUT / f"{folder.name}.json"
    artifact = msgspec.json.decode(artifact_path.read_bytes(), type=Artifact)
    figures: dict[str, Any] = {
        "size": f"{copies}×",
        "records": _records(artifact),
        "build_s": build_s,
        "artifact_bytes": artifact_path.stat().st_size,
        "served": Served(
            {"LONGGANG_ARTIFACT": str(artifact_path), "DATASET": str(folder)}, None, artifact
        ),
    }
    with served_with(figures["served"].settings, workers) as (url, process, startup):
        _started(figures, url, startup)
        scenarios = _scenarios(url, artifact, workers)
        with tempfile.TemporaryDirectory() as tmp:
            figures["results"] = {
                name: wrk(url, duration, connections, {}, _lua(paths, Path(tmp), "paths"))
                for name, paths in scenarios.items()
            }
        _loaded(figures, url, process, scenarios)
    return figures


def measure_series(
    reports: int, connections: int, workers: int, one: dict[str, Any]
) -> dict[str, Any]:
    """The figures of a series of ``reports`` synthetic reports served together, each of its
    scenarios measured in rounds against the same scenario of ``one`` (a size's run)."""
    root = OUT / "series"
    folders = [generate_report(n, root / "datasets") for n in range(1, reports + 1)]
    # The server finds each report's artifact as build/<id>.json under its working folder,
    # and the series' files, built with them, in build/series/.
    build_s = _build(folders, root / "build")
    paths = [root / "build" / f"{folder.name}.json" for folder in folders]
    artifacts = [msgspec.json.decode(p.read_bytes(), type=Artifact) for p in paths]
    figures: dict[str, Any] = {
        "size": f"series of {reports}",
        "records": sum(_records(a) for a in artifacts),
        "build_s": build_s,
        "artifact_bytes": sum(p.stat().st_size for p in paths),
    }
    # Every report restates every value: the latest statements, which lists show, are the
    # last report's, so its records make the scenarios' URLs.
    latest = artifacts[-1]
    settings = {"DATASETS": ",".join(str(folder) for folder in folders)}
    base: Served = one["served"]
    # The one report is served beside the series, idle while the series is measured: each
    # round runs both back to back, on the machine as it was then.
    with served_with(base.settings, workers, base.cwd) as (one_url, _, _):
        # Its start was measured in its own run: here only wait for its text indexes.
        _started({}, one_url, 0.0)
        with served_with(settings, workers, root) as (url, process, startup):
            _started(figures, url, startup)
            scenarios = _scenarios(url, latest, workers)
            compared = _scenarios(one_url, base.artifact, workers)
            # Across the series each report's sections match, so a search page holds more
            # hits than one report's; on pages full in both it holds as many.
            with httpx.Client(base_url=one_url, timeout=60) as client:
                equal = full_search_paths(client, base.artifact, workers)
            scenarios[EQUAL_PAGES] = compared[EQUAL_PAGES] = equal
            with tempfile.TemporaryDirectory() as tmp:
                figures["rows"] = {
                    name: summarise(
                        _rounds(
                            (url, _lua(paths, Path(tmp), "series")),
                            (one_url, _lua(compared[name], Path(tmp), "one")),
                            connections,
                        )
                    )
                    for name, paths in scenarios.items()
                }
            figures["rounds"] = ROUNDS
            figures["one_items"] = {
                name: items_per_page(one_url, paths) for name, paths in compared.items()
            }
            _loaded(figures, url, process, scenarios)
    return figures


def _rounds(
    series: tuple[str, Path], one: tuple[str, Path], connections: int
) -> list[tuple[Result, Result]]:
    """(series, one report) results of each round, back to back; the one that runs first
    alternates, so that a machine growing faster or slower favours neither."""
    found = []
    for round_ in range(ROUNDS):
        first, second = (series, one) if round_ % 2 == 0 else (one, series)
        a = wrk(first[0], ROUND_SECONDS, connections, {}, first[1])
        b = wrk(second[0], ROUND_SECONDS, connections, {}, second[1])
        found.append((a, b) if round_ % 2 == 0 else (b, a))
    return found


class Served(NamedTuple):
    """What a size was served with, to serve it again beside the series."""

    settings: dict[str, str]
    cwd: Path | None
    artifact: Artifact


def _started(figures: dict[str, Any], url: str, startup: float) -> None:
    """The seconds to the first 200, and to the first search and list query (each waits for
    the text index it needs, built from start-up)."""
    figures["first_200_s"] = startup
    figures["first_search_s"] = first_query(url, "/v1/search?q=GDP")
    figures["first_list_q_s"] = first_query(url, "/v1/observations?q=GDP")


def _scenarios(url: str, artifact: Artifact, workers: int) -> dict[str, list[str]]:
    return {
        "filtered list": filtered_paths(artifact, workers),
        "sorted list": sorted_paths(workers),
        "search": search_paths(artifact, workers),
        "deep-cursor page": deep_paths(url, len(artifact.observations), workers),
    }


def _loaded(
    figures: dict[str, Any],
    url: str,
    process: subprocess.Popen[bytes],
    scenarios: dict[str, list[str]],
) -> None:
    """The records a page of each scenario, and the memory after load and with a full
    response cache."""
    # After wrk: the pages asked here are not among those it found in the cache.
    figures["items"] = {name: items_per_page(url, paths) for name, paths in scenarios.items()}
    figures["rss_mb"] = worker_rss_mb(process.pid)
    figures["rss_all_mb"] = rss_mb(process.pid)
    # The worst case: the response cache at its bound, besides every index.
    fill_response_cache(url, scenarios["sorted list"])
    figures["rss_full_mb"] = worker_rss_mb(process.pid)
    figures["rss_full_all_mb"] = rss_mb(process.pid)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_scale")
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument(
        "--series", type=int, default=0, help="add a row for a series of N reports (0: none)"
    )
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        print("wrk is needed: `make bench-scale` installs it", file=sys.stderr)
        return 2
    runs = [
        measure(int(s), args.duration, args.connections, args.workers)
        for s in args.sizes.split(",")
    ]
    series = []
    if args.series:
        series.append(measure_series(args.series, args.connections, args.workers, runs[0]))
    print(
        f"wrk -t1 -c{args.connections} -d{args.duration}s; API: granian, {args.workers} "
        "worker(s); uncached"
    )
    print()
    print("| size | records | build s | artifact MB | start to first 200 s | first search s "
          "| first list q s | RSS per worker MB | RSS all processes MB "
          "| cache full: RSS per worker MB | cache full: RSS all MB |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for run in runs + series:
        print(
            f"| {run['size']} | {run['records']:,} | {run['build_s']:.1f} "
            f"| {run['artifact_bytes'] / 1e6:.1f} | {run['first_200_s']:.2f} "
            f"| {run['first_search_s']:.2f} | {run['first_list_q_s']:.2f} | {run['rss_mb']:.0f} "
            f"| {run['rss_all_mb']:.0f} | {run['rss_full_mb']:.0f} | {run['rss_full_all_mb']:.0f} |"
        )
    print()
    print("| scenario | size | records a page | req/s | p50 ms | p99 ms | errors | req/s vs 1× |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    base = runs[0]["results"]
    for name in base:
        for run in runs:
            result: Result = run["results"][name]
            ratio = result.rps / base[name].rps
            print(
                f"| {name} | {run['size']} | {run['items'][name]:.1f} | {result.rps:,.0f} "
                f"| {result.p50_ms:.2f} "
                f"| {result.p99_ms:.2f} | {result.errors} | {ratio:.2f} |"
            )
    for run in series:
        print()
        print(
            f"{run['size']} ÷ {runs[0]['size']}: {run['rounds']} rounds of {ROUND_SECONDS} s, "
            "each running both servers back to back"
        )
        print()
        print(f"| scenario | records a page: series, {runs[0]['size']} | series req/s "
              f"| {runs[0]['size']} req/s | series ÷ {runs[0]['size']} (median) "
              "| lowest–highest | series p99 ms | errors |")  # fmt: skip
        print("|---|---:|---:|---:|---:|---|---:|---:|")
        for name, row in run["rows"].items():
            print(
                f"| {name} | {run['items'][name]:.1f}, {run['one_items'][name]:.1f} "
                f"| {row.ours.rps:,.0f} | {row.theirs.rps:,.0f} | {row.ratio:.2f} "
                f"| {row.lowest:.2f}–{row.highest:.2f} | {row.ours.p99_ms:.2f} | {row.errors} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
