"""Run the API with granian: ``python -m longgang_api.server`` (what ``make serve`` does).

Settings from the environment (see :class:`longgang_api.settings.Settings`).
They and the dataset are verified here, before any worker starts, by the
function each worker calls (:func:`longgang_api.asgi.verified_dataset`): a bad
setting, a missing, truncated or altered artifact, or a source document other
than the one it was built from stops the server with one line and exit status
2, so it never serves part of a dataset; so does a port another server already
listens on. Workers that die are replaced; on SIGTERM the server stops accepting
connections and lets requests in flight finish. Each worker holds up to
:data:`MAX_CONNECTIONS` connections, as the open-file limit allows.
"""

from __future__ import annotations

import contextlib
import os
import resource
import socket
import sys
from pathlib import Path

from longgang_api.asgi import refuse, verified_dataset
from longgang_api.data.artifact import ArtifactError
from longgang_api.settings import Settings, SettingsError, unreachable_public_url

#: Largest request head (request line and headers) a connection may buffer: far
#: above the app's own limits (8 KiB target, 16 KiB of headers), so that what is
#: over those limits reaches the app and is refused there, as a problem (414, 431).
MAX_REQUEST_HEAD = 1024 * 1024
#: Seconds a worker may take to finish its requests after SIGTERM.
DRAIN_SECONDS = 30
#: Connections a worker holds open at once. granian's default, its backlog of 1,024
#: shared among the workers, let one client idling on that many connections keep every
#: other client waiting until the header-read timeout closed them. This is more than
#: one client address has local ports to connect from (about 28,000 in Linux's default
#: range); an idle connection costs a worker about 2-7 KiB.
MAX_CONNECTIONS = 32_768
#: Open files a worker needs besides its connections (artifact, downloads, pipes, logs).
RESERVED_FILES = 256


def raise_open_file_limit() -> None:
    """Raise the soft open-file limit toward what :data:`MAX_CONNECTIONS` needs, up to the hard one.

    granian and its workers inherit it from the launcher.
    """
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = MAX_CONNECTIONS + RESERVED_FILES
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        # Where the system refuses (a cap below the hard limit), the workers hold fewer connections.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))


def connections_per_worker() -> int:
    """:data:`MAX_CONNECTIONS`, or fewer when the open-file limit (``ulimit -n``) is lower.

    Past its descriptors a worker would fail every accept and try again at once, in a
    busy loop; held to this, it waits for a connection to close instead.
    """
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return MAX_CONNECTIONS
    return max(1, min(MAX_CONNECTIONS, soft - RESERVED_FILES))


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
        # Counted per worker by granian, which waits for a connection to close when all are held.
        "--backpressure",
        str(connections_per_worker()),
        "--respawn-failed-workers",
        "--workers-kill-timeout",
        str(DRAIN_SECONDS),
        "--http1-buffer-size",
        str(MAX_REQUEST_HEAD),
        "--http1-header-read-timeout",
        "10000",
        "--no-ws",
        # HTTP/1.1 only: no cleartext HTTP/2 (whose idle connections granian never closes).
        "--http",
        "1",
        "--factory",
        "longgang_api.asgi:create_served_app",
    ]


def port_taken(host: str, port: int) -> OSError | None:
    """Why ``host:port`` cannot be listened on, or None when it is free.

    granian binds with SO_REUSEPORT, so a second server on a port in use would
    start and share its connections with the first: this probe binds without
    it. SO_REUSEADDR keeps a port in TIME_WAIT (a server just stopped) free.
    """
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError as error:
        return error
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            return error
    return None


def main() -> int:
    try:
        settings = Settings.from_env()
        verified_dataset(settings)
    except (SettingsError, ArtifactError) as error:
        refuse(error)
        return 2
    taken = port_taken(settings.host, settings.port)
    if taken is not None:
        refuse(
            f"cannot listen on {settings.host}:{settings.port} ({taken.strerror or taken}); "
            "another server may be running there: stop it or choose another PORT"
        )
        return 2
    unreachable = unreachable_public_url(settings)
    if unreachable is not None:
        print(f"longgang-api: warning: {unreachable}", file=sys.stderr)
    raise_open_file_limit()
    command = granian_command(settings.host, settings.port, settings.workers)
    # Workers read the same variables; the artifact by absolute path, whatever their directory.
    env = {**os.environ, "LONGGANG_ARTIFACT": str(Path(settings.artifact).resolve())}
    os.execve(command[0], command, env)


if __name__ == "__main__":
    raise SystemExit(main())
