"""One Settings Struct: read from the environment once, refused before any worker starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from longgang_api.settings import Settings, SettingsError

ROOT = Path(__file__).resolve().parents[1]


def test_defaults_and_conversion() -> None:
    settings = Settings.from_env({"PORT": "8080", "WORKERS": "2", "CACHE_MAX_AGE": "0"})
    assert (settings.port, settings.workers, settings.cache_max_age) == (8080, 2, 0)
    assert settings.artifact == Settings().artifact and settings.rate_limit is None


def test_dataset_names_the_artifact() -> None:
    settings = Settings.from_env({"DATASET": "tests/fixtures/datasets/testland-2031/"})
    assert settings.artifact == "build/testland-2031.json"
    explicit = {"DATASET": "testland-2031", "LONGGANG_ARTIFACT": "/tmp/x.json"}
    assert Settings.from_env(explicit).artifact == "/tmp/x.json"


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
