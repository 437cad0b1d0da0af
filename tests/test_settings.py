"""One Settings Struct: read from the environment once, refused before any worker starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import httpx
import pytest

from longgang_api import server
from longgang_api.settings import Settings, SettingsError, unreachable_public_url
from tests.support import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_and_conversion() -> None:
    settings = Settings.from_env({"PORT": "8080", "WORKERS": "2", "CACHE_MAX_AGE": "0"})
    assert (settings.port, settings.workers, settings.cache_max_age) == (8080, 2, 0)
    assert settings.artifact == Settings().artifact and settings.rate_limit is None


def test_dataset_names_the_artifact() -> None:
    settings = Settings.from_env({"DATASET": "tests/fixtures/datasets/testland-2031/"})
    assert settings.artifact == "build/testland-2031.json"
    explicit = {
        "DATASET": "tests/fixtures/datasets/testland-2031",
        "LONGGANG_ARTIFACT": "/tmp/x.json",
    }
    assert Settings.from_env(explicit).artifact == "/tmp/x.json"


@pytest.mark.parametrize("dataset", ["testland-2031", "nosuch", "datasets/nosuch"])
def test_a_dataset_that_names_no_folder_is_one_error_naming_the_datasets(dataset: str) -> None:
    # A folder's name alone names a folder under datasets/ only; elsewhere, its path.
    with pytest.raises(SettingsError) as raised:
        Settings.from_env({"DATASET": dataset})
    message = str(raised.value)
    assert f"no dataset folder {dataset!r}" in message
    assert "longgang-2024" in message
    assert "\n" not in message


def test_dataset_names_the_folder_the_source_page_reads() -> None:
    by_path = Settings.from_env({"DATASET": "tests/fixtures/datasets/testland-2031/"})
    assert Path(by_path.dataset_folder) == Path("tests/fixtures/datasets/testland-2031")
    by_name = Settings.from_env({"DATASET": "longgang-2024"})
    assert Path(by_name.dataset_folder) == ROOT / "datasets" / "longgang-2024"
    assert Settings().dataset_folder == by_name.dataset_folder


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CACHE_MAX_AGE", "an hour"),
        ("CACHE_MAX_AGE", "-1"),
        ("RATE_LIMIT", "lots"),
        ("TRUSTED_PROXIES", "127.0.0.1, nginx"),
        ("PORT", "0"),
        ("PORT", "http"),
        ("WORKERS", "0"),
        ("PUBLIC_BASE_URL", "example.org"),
    ],
)
def test_a_bad_setting_is_refused_with_its_name(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "value"), [("CACHE_MAX_AGE", "soon"), ("RATE_LIMIT", "9/fortnight"), ("PORT", "-5")]
)
def test_the_launcher_exits_before_any_worker_starts(
    name: str, value: str, artifact_path: Path
) -> None:
    env = {**os.environ, "LONGGANG_ARTIFACT": str(artifact_path), name: value}
    # granian would print its banner and bind a port: neither happens.
    result = subprocess.run(
        [sys.executable, "-m", "longgang_api.server"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 2
    assert "refusing to start" in result.stderr and name in result.stderr
    assert "granian" not in (result.stdout + result.stderr).lower()


def test_the_public_base_url_follows_host_and_port() -> None:
    assert Settings.from_env({"PORT": "8767"}).public_base_url == "http://127.0.0.1:8767"
    moved = Settings.from_env({"HOST": "0.0.0.0", "PORT": "8080"})
    assert moved.public_base_url == "http://0.0.0.0:8080"
    assert Settings.from_env({"HOST": "::1", "PORT": "9"}).public_base_url == "http://[::1]:9"
    explicit = {"PORT": "8767", "PUBLIC_BASE_URL": "https://data.example.org/longgang"}
    assert Settings.from_env(explicit).public_base_url == "https://data.example.org/longgang"
    assert Settings.from_env({}).public_base_url == "http://127.0.0.1:8000"


@pytest.mark.parametrize("guide", ["docs/portals.md", "docs/running.md"])
def test_the_guides_give_the_public_base_url_default_that_follows_host_and_port(
    guide: str,
) -> None:
    text = " ".join((ROOT / guide).read_text().split())
    assert "http://HOST:PORT" in text
    assert "`PUBLIC_BASE_URL` (default `http://127.0.0.1:8000`)" not in text


class _Started(Exception):
    """Raised in place of the launcher's exec of granian: the launcher got that far."""


def _launch_in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], artifact: Path, **env: str
) -> str:
    """Run the launcher up to starting granian; what it printed on stderr."""
    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    for name, value in {
        "LONGGANG_ARTIFACT": str(artifact),
        "PORT": str(free_port()),
        **env,
    }.items():
        monkeypatch.setenv(name, value)

    def started(path: str, argv: list[str], environ: dict[str, str]) -> NoReturn:
        raise _Started

    monkeypatch.setattr(os, "execve", started)
    with pytest.raises(_Started):
        server.main()
    return capsys.readouterr().err


def test_a_wildcard_host_without_a_public_base_url_is_warned_of(
    artifact_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    stderr = _launch_in_process(monkeypatch, capsys, artifact_path, HOST="0.0.0.0", PORT=str(port))
    (line,) = stderr.splitlines()
    assert line.startswith("longgang-api: warning:")
    assert f"http://0.0.0.0:{port}" in line and "set PUBLIC_BASE_URL" in line


@pytest.mark.parametrize(
    "env",
    [
        {"HOST": "0.0.0.0", "PUBLIC_BASE_URL": "https://data.example.org"},
        {"HOST": "127.0.0.1"},
    ],
)
def test_no_warning_when_links_name_a_reachable_address(
    env: dict[str, str],
    artifact_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _launch_in_process(monkeypatch, capsys, artifact_path, **env) == ""


@pytest.mark.parametrize(
    ("env", "unreachable"),
    [
        ({"HOST": "0.0.0.0"}, True),
        ({"HOST": "::"}, True),
        ({"HOST": "::", "PUBLIC_BASE_URL": "http://[::]:8000"}, True),
        ({"HOST": "::", "PUBLIC_BASE_URL": "https://data.example.org/longgang"}, False),
        ({"HOST": "::1"}, False),
        ({"HOST": "localhost"}, False),
        ({"HOST": "192.0.2.7"}, False),
    ],
)
def test_only_a_wildcard_public_address_is_unreachable(
    env: dict[str, str], unreachable: bool
) -> None:
    warning = unreachable_public_url(Settings.from_env(env))
    assert (warning is not None) is unreachable
    assert warning is None or "PUBLIC_BASE_URL" in warning


def _launch(port: int, artifact: Path, **extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LONGGANG_ARTIFACT": str(artifact), "PORT": str(port), **extra}
    env.pop("PUBLIC_BASE_URL", None)
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.Popen(
        [sys.executable, "-m", "longgang_api.server"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_a_second_server_on_a_taken_port_exits_non_zero(artifact_path: Path) -> None:
    port = free_port()
    first = _launch(port, artifact_path)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", first)
        second = _launch(port, artifact_path)
        try:
            stderr = second.communicate(timeout=30)[1].decode()
        except subprocess.TimeoutExpired:
            second.terminate()
            second.wait(timeout=40)
            pytest.fail("a second server started on a port in use")
        assert second.returncode != 0
        assert "refusing to start" in stderr and f"127.0.0.1:{port}" in stderr
        assert "another server" in stderr
        # The first server still answers alone.
        assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200
    finally:
        first.terminate()
        first.wait(timeout=40)


@pytest.mark.slow
def test_the_catalogue_and_the_landing_page_name_the_port_served(artifact_path: Path) -> None:
    port = free_port()
    server = _launch(port, artifact_path)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        catalog = httpx.get(f"{base}/v1/catalog.jsonld", timeout=10).text
        assert f"{base}/" in catalog and "127.0.0.1:8000" not in catalog
        landing = httpx.get(f"{base}/", timeout=10).text
        json_ld = landing.split('<script type="application/ld+json">', 1)[1].split("</script>")[0]
        assert f"{base}/" in json_ld and "127.0.0.1:8000" not in json_ld
    finally:
        server.terminate()
        server.wait(timeout=40)
