"""``make bench``: the API beside nginx serving the same bytes, with wrk, on this machine.

    python -m tools.benchmark [--duration 5] [--rounds 3] [--connections 64]

Starts the API (granian, 1 worker) and nginx (1 worker) on loopback, runs
each scenario against both with wrk (1 thread) — one of them against the API
behind ``deploy/nginx.conf`` (nginx, 1 worker, as a shared cache), and one
against granian serving the hot list's answer from a constant app
(:mod:`tools.bench_ceiling`: the server's own cost) — in rounds, the API then
nginx in each, and prints the median round's requests/s, p50 and p99 latency,
the median of the rounds' ratios to nginx and their range. The row "hot list ÷
bare" pairs the API with the constant app instead of nginx, in the same rounds,
so its ratio is the share of the server's ceiling the API reaches. Then the server's
RSS after load, the time from process start to the first 200, and the SDK's
time to fetch every record of every collection and to revalidate them with
ETags.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import msgspec

from longgang_api.server import granian_command
from longgang_opendata import Client
from tests.support import nginx_cache

ROOT = Path(__file__).resolve().parents[1]
ARTIFACT = ROOT / "build" / "longgang-2024.json"
HOT_LIST = "/v1/observations?limit=50"
HOT_GET = "/v1/indicators/gdp-growth"
CSV = "/v1/downloads/observations.csv"
TARGETS = {
    "hot list": 0.35,
    "hot list ÷ bare": 0.90,
    "via nginx cache": 0.90,
    "304 revalidation": 0.25,
    "varied queries": 0.10,
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait(url: str, timeout: float = 30) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return time.monotonic() - start
        except httpx.TransportError:
            pass
        time.sleep(0.005)
    raise RuntimeError(f"{url} did not answer")


@contextmanager
def api_server() -> Iterator[tuple[str, subprocess.Popen[bytes], float]]:
    port = _free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        granian_command("127.0.0.1", port, 1),
        env={**os.environ, "LONGGANG_ARTIFACT": str(ARTIFACT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(f"{url}/v1")
        yield url, process, time.monotonic() - started
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def constant_server(answer: httpx.Response, folder: Path) -> Iterator[str]:
    """granian, started as for the API, answering every request with ``answer``."""
    port = _free_port()
    saved = folder / "answer.json"
    saved.write_bytes(
        msgspec.json.encode(
            {
                "status": answer.status_code,
                "headers": [
                    [n.decode("latin-1"), v.decode("latin-1")] for n, v in answer.headers.raw
                ],
                "body": answer.content.decode("latin-1"),
            }
        )
    )
    command = granian_command("127.0.0.1", port, 1)
    command[-1] = "tools.bench_ceiling:create_app"
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, "BENCH_ANSWER": str(saved)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def nginx_server(files: dict[str, bytes]) -> Iterator[str]:
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as folder:
        Path(folder).chmod(0o755)  # nginx's workers run as another user and must read the files
        root = Path(folder) / "www"
        root.mkdir()
        for name, data in files.items():
            (root / name).write_bytes(data)
            (root / f"{name}.gz").write_bytes(gzip.compress(data, 6, mtime=0))
        config = Path(folder) / "nginx.conf"
        config.write_text(
            f"""
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type application/json;
    types {{ text/csv csv; }}
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    etag on;
    gzip_static on;
    client_body_temp_path {folder}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
"""
        )
        process = subprocess.Popen(
            ["nginx", "-c", str(config), "-p", folder],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait(f"{url}/list.json")
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


@dataclass(frozen=True)
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


@dataclass(frozen=True)
class Row:
    """A scenario over its rounds: the median round of each side, and the ratios."""

    ours: Result
    theirs: Result
    #: The median of the rounds' ratios (each round's API rate over nginx's).
    ratio: float
    #: The lowest and the highest of the rounds' ratios.
    lowest: float
    highest: float
    #: The API's errors and non-2xx/3xx answers in every round.
    errors: int


def summarise(rounds: list[tuple[Result, Result]]) -> Row:
    """One row from rounds of (API, nginx) results, each pair measured back to back.

    A ratio is taken within its round, where both sides ran on the machine as it
    was then: a single pair's ratio moves from one pair to the next, mostly with
    nginx's rate.
    """
    ratios = sorted(ours.rps / theirs.rps for ours, theirs in rounds)
    return Row(
        ours=_median([ours for ours, _ in rounds]),
        theirs=_median([theirs for _, theirs in rounds]),
        ratio=statistics.median(ratios),
        lowest=ratios[0],
        highest=ratios[-1],
        errors=sum(ours.errors for ours, _ in rounds),
    )


def _median(results: list[Result]) -> Result:
    """The round of the median rate (the lower middle one of an even count)."""
    return sorted(results, key=lambda r: r.rps)[(len(results) - 1) // 2]


def _ms(text: str) -> float:
    value = float(re.sub(r"[a-z]+$", "", text))
    unit = re.sub(r"^[\d.]+", "", text)
    return value * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(
    url: str, duration: int, connections: int, headers: dict[str, str], script: Path | None = None
) -> Result:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    if script is not None:
        command += ["-s", str(script)]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = re.search(r"50%\s+([\d.]+\w+)", output).group(1)  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+\w+)", output).group(1)  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Result(rps, _ms(p50), _ms(p99), errors + (int(non_2xx.group(1)) if non_2xx else 0))


def _lua(paths: list[str], folder: Path, name: str) -> Path:
    # wrk sends the bytes as they are: percent-encode what is not ASCII.
    quoted = ",\n".join(f'  "{quote(p, safe="/?=&,-:%")}"' for p in paths)
    script = folder / f"{name}.lua"
    script.write_text(
        f"local paths = {{\n{quoted}\n}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\nend\n'
    )
    return script


def varied_paths(url: str) -> list[str]:
    """Many distinct filter/sort/cursor combinations, cursors taken from real pages."""
    paths: list[str] = []
    sorts = ["id", "-id", "period,-value", "indicator_id", "-line", "kind,id"]
    for period in ("2023", "2024"):
        for kind in ("actual", "target", "plan"):
            for sort in sorts:
                for limit in (5, 20, 50):
                    paths.append(
                        f"/v1/observations?period={period}&kind={kind}&sort={sort}&limit={limit}"
                    )
    for category in ("education", "health", "rail", "culture", "industrial-park", "road"):
        for year in ("2023", "2024"):
            paths.append(f"/v1/projects?category={category}&year={year}")
    for q in ("学校", "公园", "GDP", "碳", "医院", "道路", "产业"):
        paths.append(f"/v1/search?q={q}")
        paths.append(f"/v1/indicators?q={q}")
    cursor_path = "/v1/observations?limit=10"
    while cursor_path and len(paths) < 400:
        paths.append(cursor_path)
        body = httpx.get(f"{url}{cursor_path}").json()
        cursor = body["next_cursor"]
        cursor_path = f"/v1/observations?limit=10&cursor={cursor}" if cursor else ""
    return paths


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else 0.0


def _children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in children.read_text().split()] if children.exists() else []


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    return sum(_rss_mb(one) for one in [pid, *_children(pid)])


def worker_rss_mb(pid: int) -> float:
    """Resident memory of the largest child of a process (granian's workers), in MB."""
    return max((_rss_mb(child) for child in _children(pid)), default=_rss_mb(pid))


def sdk_times(url: str) -> tuple[float, float, int]:
    """Seconds to fetch every record of every collection, and to revalidate them all."""

    def fetch(client: Client) -> int:
        count = 0
        for listing in (
            client.indicators.list(limit=500),
            client.observations.list(limit=500),
            client.projects.list(limit=500),
            client.glossary.list(limit=500),
            client.sections.list(limit=500),
        ):
            count += sum(1 for _ in listing)
        return count

    with Client(base_url=url, cache=True) as client:
        start = time.perf_counter()
        records = fetch(client)
        full = time.perf_counter() - start
        start = time.perf_counter()
        fetch(client)
        revalidate = time.perf_counter() - start
        assert client.revalidated >= 5
    return full, revalidate, records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.benchmark")
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=64)
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more: a row is the median of its rounds")
    if not shutil.which("wrk") or not shutil.which("nginx"):
        print("wrk and nginx are needed: `make bench` installs them", file=sys.stderr)
        return 2
    rows: list[tuple[str, Row]] = []
    with api_server() as (api, process, startup), tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        hot = httpx.get(f"{api}{HOT_LIST}").content
        files = {
            "list.json": hot,
            "get.json": httpx.get(f"{api}{HOT_GET}").content,
            "observations.csv": httpx.get(f"{api}{CSV}").content,
        }
        paths = varied_paths(api)
        for index, path in enumerate(paths):
            files[f"v{index}.json"] = httpx.get(f"{api}{path}").content
        # The tag of the representation wrk asks for (no gzip): what a client would hold.
        plain = {"accept-encoding": "identity"}
        etag = httpx.get(f"{api}{HOT_LIST}", headers=plain).headers["etag"]
        bare_answer = httpx.get(f"{api}{HOT_LIST}", headers=plain)
        with (
            nginx_server(files) as nginx,
            nginx_cache(api) as cached,
            constant_server(bare_answer, work) as bare,
        ):
            # nginx keeps one variant per Vary value: fill the one wrk asks for (no
            # Accept-Encoding), so that the measure holds no waits on the cache lock.
            wrk(f"{cached}{HOT_LIST}", 1, 1, {})
            nginx_etag = httpx.get(f"{nginx}/list.json", headers=plain).headers["etag"]
            static_paths = [f"/v{i}.json" for i in range(len(paths))]
            duration, connections = args.duration, args.connections
            scenarios = [
                ("hot list", f"{api}{HOT_LIST}", f"{nginx}/list.json", {}, {}, None, None),
                (
                    "hot list, bare",
                    f"{bare}{HOT_LIST}",
                    f"{nginx}/list.json",
                    {},
                    {},
                    None,
                    None,
                ),
                # The same hot list against the constant app, back to back in each
                # round: the ratio of two rows measured minutes apart moves with the
                # machine, the ratio within a round much less.
                ("hot list ÷ bare", f"{api}{HOT_LIST}", f"{bare}{HOT_LIST}", {}, {}, None, None),
                (
                    "via nginx cache",
                    f"{cached}{HOT_LIST}",
                    f"{nginx}/list.json",
                    {},
                    {},
                    None,
                    None,
                ),
                ("hot get by id", f"{api}{HOT_GET}", f"{nginx}/get.json", {}, {}, None, None),
                (
                    "304 revalidation",
                    f"{api}{HOT_LIST}",
                    f"{nginx}/list.json",
                    {"If-None-Match": etag},
                    {"If-None-Match": nginx_etag},
                    None,
                    None,
                ),
                (
                    "varied queries",
                    api,
                    nginx,
                    {},
                    {},
                    _lua(paths, work, "api"),
                    _lua(static_paths, work, "nginx"),
                ),
                ("CSV download", f"{api}{CSV}", f"{nginx}/observations.csv", {}, {}, None, None),
                (
                    "gzip list",
                    f"{api}{HOT_LIST}",
                    f"{nginx}/list.json",
                    {"Accept-Encoding": "gzip"},
                    {"Accept-Encoding": "gzip"},
                    None,
                    None,
                ),
            ]
            for (
                name,
                api_url,
                nginx_url,
                api_headers,
                nginx_headers,
                api_lua,
                nginx_lua,
            ) in scenarios:
                rounds = [
                    (
                        wrk(api_url, duration, connections, api_headers, api_lua),
                        wrk(nginx_url, duration, connections, nginx_headers, nginx_lua),
                    )
                    for _ in range(args.rounds)
                ]
                rows.append((name, summarise(rounds)))
        rss = rss_mb(process.pid)
        full, revalidate, records = sdk_times(api)
    print(
        f"wrk -t1 -c{args.connections} -d{args.duration}s, {args.rounds} rounds"
        " (the API, then nginx); API: granian, 1 worker; nginx: 1 worker;"
        " via nginx cache: deploy/nginx.conf (1 worker) in front of the API;"
        " hot list ÷ bare: the constant app in nginx's place"
    )
    print(f"hot list page: {HOT_LIST} ({len(hot)} bytes); varied: {len(paths)} distinct URLs")
    print()
    print(
        f"{'scenario':<18} {'API req/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'err':>4}"
        f" {'other req/s':>12} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6} {'range':>10} {'target':>7}"
    )
    for name, row in rows:
        target = TARGETS.get(name)
        ours, theirs = row.ours, row.theirs
        spread = f"{row.lowest:.2f}–{row.highest:.2f}"
        print(
            f"{name:<18} {ours.rps:>10.0f} {ours.p50_ms:>7.2f} {ours.p99_ms:>7.2f} {row.errors:>4}"
            f" {theirs.rps:>12.0f} {theirs.p50_ms:>7.2f} {theirs.p99_ms:>7.2f} {row.ratio:>6.2f}"
            f" {spread:>10} {'≥ ' + format(target, '.2f') if target else '':>7}"
        )
    print()
    print(f"server RSS after load:        {rss:.1f} MB (target ≤ 120)")
    print(f"process start to first 200:   {startup:.3f} s (target ≤ 1.5)")
    print(f"SDK fetch of all {records} records: {full:.3f} s (target ≤ 0.5)")
    print(f"SDK revalidation with ETags:  {revalidate:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
