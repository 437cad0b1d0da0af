"""``make soak``: wrk at 256 connections for two minutes against one worker.

    python -m tools.soak [--seconds 120] [--connections 256]

Prints requests, socket errors, unexpected statuses, latency percentiles and
the server's RSS over time; exits non-zero when a target is missed (zero
errors, zero unexpected statuses, p99 under 50 ms, RSS growth under 10% from
the first to the last 20 seconds).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from tools.benchmark import _lua, _ms, api_server, rss_mb, varied_paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.soak")
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--connections", type=int, default=256)
    args = parser.parse_args(argv)
    samples: list[tuple[float, float]] = []
    stop = threading.Event()
    with api_server() as (url, process, _):

        def sample() -> None:
            start = time.monotonic()
            while not stop.wait(1.0):
                samples.append((time.monotonic() - start, rss_mb(process.pid)))

        paths = [*varied_paths(url), "/v1/observations?limit=50", "/v1/indicators/gdp-growth", "/"]
        with tempfile.TemporaryDirectory() as folder:
            script = _lua(paths, Path(folder), "soak")
            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            result = subprocess.run(
                [
                    "wrk",
                    "-t1",
                    f"-c{args.connections}",
                    f"-d{args.seconds}s",
                    "--latency",
                    "--timeout",
                    "5s",
                    "-s",
                    str(script),
                    url,
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            stop.set()
            sampler.join()
    output = result.stdout
    print(output)
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    unexpected = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    bad_statuses = int(unexpected.group(1)) if unexpected else 0
    p99 = _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1))  # type: ignore[union-attr]
    first = [rss for t, rss in samples if t <= 20]
    last = [rss for t, rss in samples if t >= samples[-1][0] - 20]
    growth = (sum(last) / len(last)) / (sum(first) / len(first)) - 1
    print(f"distinct URLs: {len(paths)}; connections: {args.connections}; {args.seconds} s")
    print(f"socket errors: {errors} (target 0)")
    print(f"unexpected statuses: {bad_statuses} (target 0)")
    print(f"p99 latency: {p99:.2f} ms (target < 50)")
    first_mb, last_mb = sum(first) / len(first), sum(last) / len(last)
    print(
        f"RSS first 20 s: {first_mb:.1f} MB; last 20 s: {last_mb:.1f} MB;"
        f" growth {growth * 100:.1f}% (target < 10%)"
    )
    ok = errors == 0 and bad_statuses == 0 and p99 < 50 and growth < 0.10
    print("soak:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
