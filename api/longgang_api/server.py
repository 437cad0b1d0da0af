"""Run the API with granian: ``python -m longgang_api.server`` (what ``make serve`` does).

Settings from the environment: ``HOST`` (127.0.0.1), ``PORT`` (8000),
``WORKERS`` (1), ``LONGGANG_ARTIFACT``, ``CACHE_MAX_AGE``, ``PUBLIC_BASE_URL``,
``RATE_LIMIT`` (see :mod:`longgang_api.asgi`).

The artifact is verified here, before any worker starts: a missing, truncated
or altered artifact stops the server with a message and exit status 2, so it
never serves part of a dataset. Workers that die are replaced; on SIGTERM
the server stops accepting connections and lets requests in flight finish.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from longgang_api.artifact import ArtifactError, load
from longgang_build.build import ARTIFACT_NAME, DEFAULT_OUT

#: Largest request head (request line and headers) a connection may buffer.
MAX_REQUEST_HEAD = 64 * 1024
#: Seconds a worker may take to finish its requests after SIGTERM.
DRAIN_SECONDS = 30


def granian_command(host: str, port: int, workers: int) -> list[str]:
    granian = str(Path(sys.executable).with_name("granian"))
    return [
        granian,
        "--interface",
        "asgi",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--respawn-failed-workers",
        "--workers-kill-timeout",
        str(DRAIN_SECONDS),
        "--http1-buffer-size",
        str(MAX_REQUEST_HEAD),
        "--http1-header-read-timeout",
        "10000",
        "--no-ws",
        "--factory",
        "longgang_api.asgi:create_served_app",
    ]


def main() -> int:
    artifact = Path(os.environ.get("LONGGANG_ARTIFACT", DEFAULT_OUT / ARTIFACT_NAME))
    try:
        load(artifact)
    except ArtifactError as error:
        print(f"longgang-api: refusing to start: {error}", file=sys.stderr)
        return 2
    settings = {}
    for name, default in (("HOST", "127.0.0.1"), ("PORT", "8000"), ("WORKERS", "1")):
        settings[name] = os.environ.get(name, default)
    for name in ("PORT", "WORKERS"):
        if not settings[name].isdigit() or int(settings[name]) < 1:
            print(f"longgang-api: {name} must be a positive whole number", file=sys.stderr)
            return 2
    command = granian_command(settings["HOST"], int(settings["PORT"]), int(settings["WORKERS"]))
    env = {**os.environ, "LONGGANG_ARTIFACT": str(artifact.resolve())}
    os.execve(command[0], command, env)


if __name__ == "__main__":
    raise SystemExit(main())
