"""Helpers of the test suite: the dataset built once, the in-process app, a served instance."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
from litestar import Litestar

from longgang_api.app import create_app
from longgang_api.data.artifact import load
from longgang_api.server import granian_command
from longgang_build.build import (
    DEFAULT_DATASET,
    BuildResult,
    compile_artifact,
    load_records,
    write,
    write_reports,
)

#: Every page for people, with an id where a page takes one and one problem type.
PAGES = (
    "/",
    "/indicators",
    "/indicators/gdp-growth",
    "/projects",
    "/projects/cuhk-shenzhen",
    "/glossary",
    "/glossary/two-mountains",
    "/source",
    "/releases",
    "/problems/not-found",
)


@functools.cache
def compiled() -> BuildResult:
    """The dataset built from the record files, once per test session."""
    return compile_artifact(load_records(DEFAULT_DATASET))


@functools.cache
def artifact_file() -> Path:
    return write(compiled(), Path(tempfile.mkdtemp(prefix="longgang-artifact-")))


@functools.cache
def in_process_app() -> Litestar:
    """The app over the freshly built artifact (also used at collection time)."""
    return create_app(load(artifact_file()))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def serve(
    artifact: Path,
    factory: str = "longgang_api.asgi:create_served_app",
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Serve ``factory`` with granian as ``make serve`` does, on a free loopback port."""
    port = free_port()
    root = Path(__file__).resolve().parents[1]
    environment = {
        **os.environ,
        "LONGGANG_ARTIFACT": str(artifact),
        "PYTHONPATH": str(root),
        **(env or {}),
    }
    command = granian_command("127.0.0.1", port, 1)
    command[-1] = factory
    process = subprocess.Popen(
        command, env=environment, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=40)


#: The shared-cache configuration that deployments use, run as it is by the tests.
NGINX_CONF = Path(__file__).resolve().parents[1] / "deploy" / "nginx.conf"


def nginx_config(listen_port: int, api_port: int) -> str:
    """``deploy/nginx.conf`` with only its two addresses' ports changed."""
    text = NGINX_CONF.read_text()
    listen, upstream = "listen 127.0.0.1:8080;", "server 127.0.0.1:8000;"
    assert listen in text and upstream in text, "deploy/nginx.conf lost its addresses"
    text = text.replace(listen, f"listen 127.0.0.1:{listen_port};")
    return text.replace(upstream, f"server 127.0.0.1:{api_port};")


@contextlib.contextmanager
def nginx_cache(api_url: str) -> Iterator[str]:
    """nginx with ``deploy/nginx.conf`` in front of ``api_url``, in a temporary prefix."""
    port = free_port()
    api_port = int(api_url.rsplit(":", 1)[1])
    with tempfile.TemporaryDirectory(prefix="longgang-nginx-") as folder:
        Path(folder).chmod(0o755)  # its workers run as another user
        config = Path(folder) / "nginx.conf"
        config.write_text(nginx_config(port, api_port))
        process = subprocess.Popen(
            ["nginx", "-p", folder, "-c", str(config), "-e", "stderr", "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, process)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


@contextlib.contextmanager
def idle_connections(url: str, count: int, timeout: float) -> Iterator[list[socket.socket]]:
    """``count`` idle connections to ``url``: half after one request, half before any."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < count + 256:  # a descriptor a connection, in this process too
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(count + 256, hard), hard))
    held: list[socket.socket] = []
    try:
        for _ in range(count // 2):
            held.append(socket.create_connection((host, int(port)), timeout=timeout))
            held[-1].sendall(b"GET /healthz HTTP/1.1\r\nHost: held\r\n\r\n")
        unanswered = sum(not _answered(connection) for connection in held)
        assert unanswered == 0, f"{unanswered} of {len(held)} connections got no answer in time"
        for _ in range(count - len(held)):
            held.append(socket.create_connection((host, int(port)), timeout=timeout))
        yield held
    finally:
        for connection in held:
            connection.close()


def _answered(connection: socket.socket) -> bool:
    try:
        return connection.recv(65536).startswith(b"HTTP/1.1 200")
    except TimeoutError:
        return False


def closed_by_the_server(connection: socket.socket) -> bool:
    connection.setblocking(False)
    try:
        return connection.recv(1, socket.MSG_PEEK) == b""
    except BlockingIOError:  # nothing to read: open and idle
        return False
    except ConnectionError:
        return True


def answer_time(url: str, timeout: float) -> float | None:
    """Seconds a new client waits for a list from ``url``; None past ``timeout``."""
    started = time.monotonic()
    try:
        answer = httpx.get(f"{url}/v1/glossary?limit=1", timeout=timeout)
    except httpx.TimeoutException:
        return None
    assert answer.status_code == 200, answer.text
    return time.monotonic() - started


def exchange(port: int, request: bytes) -> bytes:
    """Send raw request bytes on a new connection; everything the server sends until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stderr = process.stderr.read().decode() if process.stderr else ""
            raise RuntimeError(f"the server did not start: {stderr}")
        time.sleep(0.05)


#: Lines the test modules want in the terminal summary (figures for the CI log).
REPORT: list[str] = []

#: A second, fictional dataset folder (test data) with its own id and years.
TESTLAND = Path(__file__).resolve().parent / "fixtures" / "datasets" / "testland-2031"


def build_folder(folder: Path, out: Path) -> Path:
    """Build ``folder`` through the real build into ``out``; the artifact's path."""
    return write(compile_artifact(load_records(folder)), out)


def build_series(folders: list[Path], out: Path) -> dict[str, Path]:
    """Build the reports of ``folders`` together into ``out``, the series' files with them;
    each report's artifact path by its folder's name."""
    paths = write_reports([compile_artifact(load_records(folder)) for folder in folders], out)
    return {folder.name: path for folder, path in zip(folders, paths, strict=True)}


def sdk_generator() -> ModuleType:
    """``sdk/generate_sdk.py`` (a script, not a package module) loaded as a module."""
    path = Path(__file__).resolve().parents[1] / "sdk" / "generate_sdk.py"
    spec = importlib.util.spec_from_file_location("generate_sdk", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module
