"""Faults and limits: the server never serves part of a dataset, drains on SIGTERM,
replaces dead workers, bounds requests, and rate-limits clients when asked to."""

from __future__ import annotations

import hashlib
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from longgang_api import asgi
from longgang_api.data.artifact import ArtifactError, load
from longgang_api.data.built import folder_of
from longgang_api.data.series import load_series
from longgang_api.server import MAX_CONNECTIONS, granian_command, raise_open_file_limit
from longgang_api.web.limits import client_address, parse_proxies
from longgang_opendata import Client
from tests.support import (
    REPORT,
    answer_time,
    closed_by_the_server,
    exchange,
    free_port,
    idle_connections,
    serve,
    wait_until_up,
)

pytestmark = [pytest.mark.slow, pytest.mark.http]

ROOT = Path(__file__).resolve().parents[1]


def _start(artifact: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "LONGGANG_ARTIFACT": str(artifact),
        "PORT": str(free_port()),
        **settings,
    }
    return subprocess.run(
        [sys.executable, "-m", "longgang_api.server"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


@pytest.fixture
def artifact_copy(artifact_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / artifact_path.name
    shutil.copy(artifact_path, copy)
    shutil.copy(artifact_path.with_name(artifact_path.name + ".sha256"), tmp_path)
    shutil.copytree(folder_of(artifact_path), folder_of(copy))
    return copy


def test_a_missing_artifact_stops_the_server(tmp_path: Path) -> None:
    result = _start(tmp_path / "longgang-2024.json")
    assert result.returncode == 2
    assert "refusing to start" in result.stderr and "make build" in result.stderr


def test_a_truncated_artifact_stops_the_server(artifact_copy: Path) -> None:
    artifact_copy.write_bytes(artifact_copy.read_bytes()[:-100])
    result = _start(artifact_copy)
    assert result.returncode == 2
    assert "refusing to serve a truncated or altered file" in result.stderr


def test_a_tampered_artifact_stops_the_server(artifact_copy: Path) -> None:
    data = artifact_copy.read_bytes().replace(b'"value":6.3', b'"value":9.9', 1)
    artifact_copy.write_bytes(data)
    result = _start(artifact_copy)
    assert result.returncode == 2
    assert "sha256" in result.stderr


def test_a_missing_hash_stops_the_server(artifact_copy: Path) -> None:
    artifact_copy.with_name(artifact_copy.name + ".sha256").unlink()
    result = _start(artifact_copy)
    assert result.returncode == 2


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("catalog.ttl", "cannot read the derived file"),
        ("downloads/longgang-2024.sqlite", "cannot read the derived file"),
        ("manifest.json", "cannot read the manifest"),
    ],
)
def test_a_missing_derived_file_stops_the_launcher(
    artifact_copy: Path, name: str, expected: str
) -> None:
    (folder_of(artifact_copy) / name).unlink()
    _refused_in_one_line(_start(artifact_copy), expected, name)


@pytest.mark.parametrize("name", ["catalog.jsonld", "downloads/observations.csv"])
def test_an_altered_derived_file_stops_the_launcher(artifact_copy: Path, name: str) -> None:
    path = folder_of(artifact_copy) / name
    path.write_bytes(path.read_bytes().replace(b"a", b"b", 1))
    _refused_in_one_line(_start(artifact_copy), name, "truncated or altered file")


def test_derived_files_of_another_artifact_stop_the_launcher(artifact_copy: Path) -> None:
    manifest = folder_of(artifact_copy) / "manifest.json"
    text = manifest.read_text()
    digest = re.search(r'"artifact_sha256": "([0-9a-f]+)"', text)
    assert digest is not None
    manifest.write_text(text.replace(digest.group(1), "0" * 64))
    _refused_in_one_line(_start(artifact_copy), "manifest.json", "not the one served")


def _rehash(artifact: Path, data: bytes) -> None:
    """Write ``data`` with a matching .sha256: an artifact that passes the hash check."""
    artifact.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    artifact.with_name(artifact.name + ".sha256").write_text(f"{digest}  {artifact.name}\n")


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (b'"indicator_id":"', "observes indicator 'missing-"),
        (b'"section_id":"', "cites section 'missing-"),
        (b'"parent_id":"', "has parent 'missing-"),
    ],
)
def test_a_dangling_reference_stops_the_server(
    artifact_copy: Path, field: bytes, expected: str
) -> None:
    data = artifact_copy.read_bytes()
    assert field in data
    _rehash(artifact_copy, data.replace(field, field + b"missing-", 1))
    result = _start(artifact_copy)
    assert result.returncode == 2
    assert "refusing to start" in result.stderr and expected in result.stderr
    assert "Traceback" not in result.stderr


def _refused_in_one_line(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    """Exit status 2 and one line naming ``expected``, printed before any worker started."""
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "refusing to start" in lines[0], result.stderr
    assert all(text in lines[0] for text in expected), lines[0]
    # granian prints its banner when it starts; it never did.
    assert "granian" not in (result.stdout + result.stderr).lower()


@pytest.fixture
def source_folder(tmp_path: Path) -> Path:
    """A copy of the dataset folder's source document, as the artifact was built from it."""
    folder = tmp_path / "longgang-2024"
    folder.mkdir()
    shutil.copy(ROOT / "datasets" / "longgang-2024" / "source.md", folder)
    return folder


def test_a_source_document_edited_after_the_build_stops_the_launcher(
    artifact_path: Path, source_folder: Path
) -> None:
    source = source_folder / "source.md"
    source.write_bytes(source.read_bytes() + b"\n")
    result = _start(artifact_path, DATASET=str(source_folder))
    _refused_in_one_line(result, str(source), "sha256")


def test_a_deleted_source_document_stops_the_launcher(
    artifact_path: Path, source_folder: Path
) -> None:
    (source_folder / "source.md").unlink()
    result = _start(artifact_path, DATASET=str(source_folder))
    _refused_in_one_line(result, str(source_folder / "source.md"))


@pytest.mark.parametrize(
    ("field", "value"),
    [(b'"release_date":"', b"2026-13-27"), (b'"temporal_start":"', b"twenty")],
)
def test_an_artifact_with_a_bad_date_stops_the_launcher(
    artifact_copy: Path, field: bytes, value: bytes
) -> None:
    # With its checksum recomputed, as a hand-edited artifact would be.
    data = artifact_copy.read_bytes()
    start = data.index(field) + len(field)
    _rehash(artifact_copy, data[:start] + value + data[data.index(b'"', start) :])
    result = _start(artifact_copy)
    _refused_in_one_line(result, field.decode().strip('":'), value.decode())


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("release_date", "2026-02-30", "release_date '2026-02-30' is not a date"),
        ("release_date", "27/11/2026", "release_date '27/11/2026' is not a date"),
        ("temporal_end", "24", "temporal_end '24' is not a year"),
        ("temporal_end", "2019", "temporal_end '2019' is before temporal_start"),
    ],
)
def test_an_artifact_with_a_bad_date_is_refused(
    artifact_copy: Path, field: str, value: str, expected: str
) -> None:
    data = artifact_copy.read_bytes()
    start = data.index(f'"{field}":"'.encode()) + len(field) + 4
    _rehash(artifact_copy, data[:start] + value.encode() + data[data.index(b'"', start) :])
    with pytest.raises(ArtifactError, match=re.escape(expected)):
        load(artifact_copy)


def test_an_artifact_with_a_bad_release_in_its_history_is_refused(artifact_copy: Path) -> None:
    data = artifact_copy.read_bytes()
    # The first release, wherever the history puts it (newest first).
    first = len(json.loads(data)["dataset"]["releases"]) - 1
    _rehash(artifact_copy, data.replace(b'"date":"2026-11-26"', b'"date":"2026-11-31"', 1))
    with pytest.raises(ArtifactError, match=re.escape(f"releases[{first}].date '2026-11-31'")):
        load(artifact_copy)


def test_a_worker_refuses_a_changed_source_document_in_one_line(
    artifact_path: Path,
    source_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (source_folder / "source.md").write_text("another report\n")
    monkeypatch.setenv("LONGGANG_ARTIFACT", str(artifact_path))
    monkeypatch.setenv("DATASET", str(source_folder))
    with pytest.raises(SystemExit) as stopped:
        asgi.create_served_app()
    assert stopped.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert "refusing to start" in line and "source.md has sha256" in line


def test_workers_refuse_a_bad_artifact_too(artifact_copy: Path) -> None:
    # A worker started directly (without the launcher's check) refuses as well.
    artifact_copy.write_bytes(b"{}")
    code = "from longgang_api.asgi import create_served_app; create_served_app()"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "LONGGANG_ARTIFACT": str(artifact_copy)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "refusing to start" in result.stderr


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_worker_told_to_stop_while_it_loads_stops_then(
    signum: int, artifact_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Until granian installs its own, a worker holds the handlers inherited from granian's
    # main process, which do nothing in a worker: the signal would be lost, and the worker
    # killed only when the grace period ran out.
    monkeypatch.setenv("LONGGANG_ARTIFACT", str(artifact_path))
    loaded: list[Any] = []

    def told_to_stop_while_loading(reports: Any) -> Any:
        os.kill(os.getpid(), signum)
        loaded.append(reports)
        return load_series(reports)

    monkeypatch.setattr(asgi, "load_series", told_to_stop_while_loading)

    def inherited(signum: int, frame: Any) -> None:
        """What a worker holds from granian's main process: a handler that does nothing here."""

    before = signal.signal(signum, inherited)
    try:
        with pytest.raises(SystemExit) as stopped:
            asgi.create_served_app()
        assert signal.getsignal(signum) is inherited
    finally:
        signal.signal(signum, before)
    assert stopped.value.code == 0 and loaded == []


def test_sigterm_drains_requests_in_flight(artifact_path: Path) -> None:
    port = free_port()
    command = granian_command("127.0.0.1", port, 1)
    command[-1] = "tests.faulty:slow"
    env = {**os.environ, "LONGGANG_ARTIFACT": str(artifact_path), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url, process)
    answers: list[int] = []

    def slow_client() -> None:
        answers.append(httpx.get(f"{url}/slow", timeout=30).status_code)

    clients = [threading.Thread(target=slow_client) for _ in range(5)]
    for client in clients:
        client.start()
    # On a loaded machine a client may take a while to connect: stop only once all five wait.
    deadline = time.monotonic() + 20
    while httpx.get(f"{url}/slow/waiting", timeout=5).json() < 5:
        assert time.monotonic() < deadline, "the five requests never reached the app"
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    for client in clients:
        client.join(timeout=30)
    assert answers == [200] * 5
    assert process.wait(timeout=30) == 0
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/healthz", timeout=2)


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def test_a_killed_worker_is_replaced(artifact_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "LONGGANG_ARTIFACT": str(artifact_path), "PORT": str(port)}
    process = subprocess.Popen(
        [sys.executable, "-m", "longgang_api.server"], env=env, cwd=ROOT, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        (worker,) = _children(process.pid)
        os.kill(worker, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            replacements = [p for p in _children(process.pid) if p != worker]
            if replacements:
                break
            time.sleep(0.1)
        assert replacements, "the dead worker was not replaced"
        wait_until_up(url, process)
        assert httpx.get(f"{url}/v1/glossary?limit=1").status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=40)


@pytest.mark.parametrize(
    ("soft", "expected"),
    [
        (1_024, 768),
        (20_000, 19_744),
        (100_000, MAX_CONNECTIONS),
        (resource.RLIM_INFINITY, MAX_CONNECTIONS),
    ],
)
def test_a_worker_holds_as_many_connections_as_its_open_files_allow(
    soft: int, expected: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resource, "getrlimit", lambda _: (soft, resource.RLIM_INFINITY))
    command = granian_command("127.0.0.1", 8000, 2)
    assert command[command.index("--backpressure") + 1] == str(expected)


@pytest.mark.parametrize(
    ("soft", "hard", "raised"),
    [
        (1_024, 4_096, (4_096, 4_096)),
        (1_024, 1_048_576, (MAX_CONNECTIONS + 256, 1_048_576)),
        (1_024, resource.RLIM_INFINITY, (MAX_CONNECTIONS + 256, resource.RLIM_INFINITY)),
        (100_000, 1_048_576, None),
    ],
)
def test_the_launcher_raises_its_open_file_limit_for_the_workers(
    soft: int, hard: int, raised: tuple[int, int] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, int]] = []
    monkeypatch.setattr(resource, "getrlimit", lambda _: (soft, hard))
    monkeypatch.setattr(resource, "setrlimit", lambda _, limits: calls.append(limits))
    raise_open_file_limit()
    assert calls == ([] if raised is None else [raised])


#: Idle connections one client holds: more than granian's default limit of 1,024 a server;
#: half of them fell idle after a request, half never sent a byte.
HELD = 1_100
#: Seconds a new client may wait for its answer; the header-read timeout that would
#: otherwise free a connection for it is 10.
PROMPT = 3.0


def _answered_promptly(url: str, workers: int) -> None:
    waited = answer_time(url, PROMPT)
    if waited is None:
        pytest.fail(
            f"a new client got no answer in {PROMPT} s while another held {HELD} connections"
        )
    REPORT.append(
        f"connections: {workers} worker(s): a new client answered in {waited:.3f} s "
        f"beside {HELD} idle ones of another"
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_one_client_holding_many_idle_connections_does_not_keep_others_waiting(
    artifact_path: Path, workers: int
) -> None:
    port = free_port()
    env = {
        **os.environ,
        "LONGGANG_ARTIFACT": str(artifact_path),
        "PORT": str(port),
        "WORKERS": str(workers),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "longgang_api.server"], env=env, cwd=ROOT, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        with idle_connections(url, HELD, PROMPT) as held:
            _answered_promptly(url, workers)
            # Room was not made by closing what the first client holds.
            assert not any(closed_by_the_server(connection) for connection in held)
    finally:
        process.terminate()
        process.wait(timeout=40)


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request)
        chunks = []
        while True:
            try:
                chunk = connection.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks):
                break
        return b"".join(chunks)


def _status_and_body(answer: bytes) -> tuple[int, bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body


def test_oversized_requests_over_real_http(served_url: str) -> None:
    long_url = httpx.get(f"{served_url}/v1/indicators?q=" + "x" * 16_000)
    assert long_url.status_code == 414
    assert long_url.headers["content-type"] == "application/problem+json"
    big_headers = {f"x-filler-{i}": "y" * 1000 for i in range(20)}
    response = httpx.get(f"{served_url}/v1", headers=big_headers)
    assert response.status_code == 431
    assert response.json()["status"] == 431
    port = int(served_url.rsplit(":", 1)[1])
    huge = b"GET /v1 HTTP/1.1\r\nHost: x\r\nX-Huge: " + b"z" * 2_000_000 + b"\r\n\r\n"
    answer = _raw(port, huge)
    assert answer == b"" or answer.split(b" ")[1] in (b"400", b"413", b"431")
    assert httpx.get(f"{served_url}/healthz").status_code == 200


@pytest.mark.parametrize(
    ("target", "headers", "status"),
    [
        (b"/v1/indicators?q=" + b"x" * 60_000, b"", 414),
        (b"/v1", b"X-Huge: " + b"z" * 200_000 + b"\r\n", 431),
        (b"/v1", b"".join(b"X-Filler-%d: %s\r\n" % (i, b"y" * 300) for i in range(80)), 431),
    ],
)
def test_past_the_apps_limits_the_app_answers_with_a_problem(
    served_url: str, target: bytes, headers: bytes, status: int
) -> None:
    # Far over the app's limits: the server below the app lets them through
    # (up to 1 MiB of request head), and the app's own problem (with CORS) answers.
    port = int(served_url.rsplit(":", 1)[1])
    request = b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
    answer = exchange(port, request + headers + b"\r\n")
    code, body = _status_and_body(answer)
    assert code == status
    head = answer.partition(b"\r\n\r\n")[0].lower()
    assert b"content-type: application/problem+json" in head
    assert b"access-control-allow-origin: *" in head
    assert b'"status":%d' % status in body


def test_a_target_over_64_kib_is_414_from_below_the_app(served_url: str) -> None:
    # The HTTP/1 parser under granian caps a request target at 65,534 bytes and
    # has no setting for it: the status is right, the body is empty.
    port = int(served_url.rsplit(":", 1)[1])
    target = b"/v1/indicators?q=" + b"x" * 70_000
    answer = exchange(port, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert _status_and_body(answer)[0] == 414


def test_many_small_headers_reach_the_app(served_url: str) -> None:
    port = int(served_url.rsplit(":", 1)[1])
    headers = b"".join(b"X-Small-%d: v\r\n" % i for i in range(90))
    request = b"GET /v1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + b"\r\n"
    code, body = _status_and_body(exchange(port, request))
    assert code == 200 and b'"links"' in body


def test_more_than_100_header_fields_are_431_from_below_the_app(served_url: str) -> None:
    port = int(served_url.rsplit(":", 1)[1])
    headers = b"".join(b"X-Small-%d: v\r\n" % i for i in range(101))
    request = b"GET /v1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + b"\r\n"
    assert _status_and_body(exchange(port, request))[0] == 431


#: An HTTP/2 client's first bytes in cleartext with prior knowledge (RFC 9113 §3.4): the
#: connection preface, then its SETTINGS frame (empty: length 0, type 4, no flags, stream 0).
H2C_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"


def _first_bytes_after_h2c_preface(port: int) -> bytes:
    """What the server sends first to an HTTP/2 client: an h2 server, its SETTINGS frame."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(H2C_PREFACE)
        answer = b""
        # Nine bytes hold a frame header; an HTTP/1.1 server answers a status line or closes.
        while len(answer) < 9:
            try:
                chunk = connection.recv(9 - len(answer))
            except TimeoutError:
                break
            if not chunk:
                break
            answer += chunk
        return answer


def test_only_http_1_1_is_spoken(served_url: str) -> None:
    port = int(served_url.rsplit(":", 1)[1])
    answer = _first_bytes_after_h2c_preface(port)
    # A SETTINGS frame header has its type byte (4) fourth; HTTP/1.1 starts "HTTP/1.1 ".
    is_h2_settings = len(answer) == 9 and answer[3] == 0x04
    assert not is_h2_settings, answer
    assert answer == b"" or answer.startswith(b"HTTP/1.1 "), answer


def test_answers_are_hardened(served_url: str) -> None:
    for path in ("/", "/v1", "/docs", "/v1/nowhere", "/v1/downloads/glossary.csv"):
        response = httpx.get(f"{served_url}{path}")
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "set-cookie" not in response.headers
    for html in ("/", "/docs"):
        csp = httpx.get(f"{served_url}{html}").headers["content-security-policy"]
        # 'none' by default: plugins (object-src) and everything a page does not name are refused.
        assert csp.startswith("default-src 'none';") and "object-src" not in csp


def test_rate_limit_answers_429_and_the_sdk_waits(artifact_path: Path) -> None:
    with serve(artifact_path, env={"RATE_LIMIT": "4/second"}) as url:
        # Enough requests that even a slow, loaded machine outruns 4 per second.
        with httpx.Client() as http_client:
            statuses = [http_client.get(f"{url}/v1/glossary?limit=1") for _ in range(20)]
        limited = [r for r in statuses if r.status_code == 429]
        assert limited, [r.status_code for r in statuses]
        problem = limited[0]
        assert problem.headers["content-type"] == "application/problem+json"
        assert int(problem.headers["retry-after"]) >= 1
        assert problem.headers["ratelimit-limit"] == "4"
        assert problem.headers["access-control-allow-origin"] == "*"
        assert problem.headers["ratelimit-remaining"] == "0"
        assert "ratelimit-reset" in statuses[0].headers
        time.sleep(1.2)
        seen: list[int] = []
        http = httpx.Client(event_hooks={"response": [lambda r: seen.append(r.status_code)]})
        with Client(base_url=url, http_client=http, max_retries=5) as sdk:
            records = list(sdk.observations.list(limit=10))
        assert len(records) > 100
        assert 429 in seen, "the SDK never met the limit: the test proves nothing"
        assert seen[-1] == 200


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("10.0.0.5", ["203.0.113.7"], "203.0.113.7"),
        # What the client wrote itself, left of the hops the proxies added, counts for nothing.
        ("10.0.0.5", ["198.51.100.1, 203.0.113.7"], "203.0.113.7"),
        ("10.0.0.5", ["198.51.100.1", "203.0.113.7, 10.0.0.9"], "203.0.113.7"),
        ("10.0.0.5", ["2001:db8::7, 10.1.2.3"], "2001:db8::7"),
        ("10.0.0.5", ["not-an-address, 10.0.0.9"], "not-an-address"),
        # Every hop a proxy: the first one; no header: the proxy itself.
        ("10.0.0.5", ["10.0.0.9, 10.0.0.8"], "10.0.0.9"),
        ("10.0.0.5", [], "10.0.0.5"),
        # An untrusted peer is the client, whatever it forwards.
        ("192.0.2.44", ["203.0.113.7"], "192.0.2.44"),
        ("::1", ["203.0.113.7"], "203.0.113.7"),
    ],
)
def test_behind_trusted_proxies_a_client_is_the_hop_before_them(
    peer: str, forwarded: list[str], expected: str
) -> None:
    proxies = parse_proxies("10.0.0.0/8, ::1")
    scope: Any = {
        "client": (peer, 5000),
        "headers": [(b"x-forwarded-for", value.encode()) for value in forwarded],
    }
    assert client_address(scope, proxies) == expected
    assert client_address(scope, ()) == peer


def test_rate_limit_is_off_by_default(served_url: str) -> None:
    statuses = {httpx.get(f"{served_url}/healthz").status_code for _ in range(50)}
    assert statuses == {200}
    assert "ratelimit-limit" not in httpx.get(f"{served_url}/healthz").headers
