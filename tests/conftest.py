from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.app import create_app
from longgang_api.artifact import LoadedDataset, load
from longgang_api.build import DEFAULT_DATASET, BuildResult, compile_artifact, load_records, write


@pytest.fixture(scope="session")
def build_result() -> BuildResult:
    return compile_artifact(load_records(DEFAULT_DATASET))


@pytest.fixture(scope="session")
def artifact_path(build_result: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(build_result, tmp_path_factory.mktemp("artifact"))


@pytest.fixture(scope="session")
def dataset(artifact_path: Path) -> LoadedDataset:
    return load(artifact_path)


@pytest.fixture(scope="session")
def app(dataset: LoadedDataset) -> Litestar:
    return create_app(dataset)


@pytest.fixture(scope="session")
def client(app: Litestar) -> Iterator[TestClient[Litestar]]:
    with TestClient(app) as test_client:
        yield test_client
