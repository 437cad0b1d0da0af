"""Fixtures and hooks; the helpers behind them live in :mod:`tests.support`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.data.artifact import LoadedDataset, load
from longgang_build.build import BuildResult
from tests.support import REPORT, artifact_file, compiled, in_process_app, serve


@pytest.fixture(scope="session")
def build_result() -> BuildResult:
    return compiled()


@pytest.fixture(scope="session")
def artifact_path() -> Path:
    return artifact_file()


@pytest.fixture(scope="session")
def dataset(artifact_path: Path) -> LoadedDataset:
    return load(artifact_path)


@pytest.fixture(scope="session")
def app() -> Litestar:
    return in_process_app()


@pytest.fixture(scope="session")
def client(app: Litestar) -> Iterator[TestClient[Litestar]]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def served_url(artifact_path: Path) -> Iterator[str]:
    """The API served over real HTTP by granian (1 worker) on a free loopback port."""
    with serve(artifact_path) as url:
        yield url


settings.register_profile("default", max_examples=200, deadline=None)
settings.register_profile("fuzz", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test that asks for the served instance talks HTTP, whatever its module.
    for item in items:
        if "served_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.http)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if REPORT:
        terminalreporter.section("contract figures")
        for line in REPORT:
            terminalreporter.write_line(line)
