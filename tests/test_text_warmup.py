"""The served app builds every text index from start-up; a ``q`` never builds one twice.

The in-process app of the other tests builds a collection's text index on its
first ``q`` (deterministically, in that request); the served app starts a
thread that builds them all, and a ``q`` arriving meanwhile waits for the
build of its collection and answers what it would have answered anyway.
"""

from __future__ import annotations

import gc
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.app import COLLECTIONS_STATE, create_app
from longgang_api.asgi import GC_THRESHOLDS, create_served_app
from longgang_api.data.artifact import LoadedDataset
from longgang_api.engine.declarations import LISTINGS
from longgang_api.engine.index import CollectionIndex, TextIndex
from longgang_api.engine.text_warmup import THREAD_NAME, build_in_background


def test_the_served_app_builds_every_text_index_without_a_query(
    artifact_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LONGGANG_ARTIFACT", str(artifact_path))
    # The served app freezes what it holds and tunes the collector; this test process
    # keeps collecting as before.
    monkeypatch.setattr(gc, "freeze", lambda: None)
    thresholds: list[tuple[int, ...]] = []
    monkeypatch.setattr(gc, "set_threshold", lambda *values: thresholds.append(values))
    before = set(threading.enumerate())
    app = create_served_app()
    (builder,) = [t for t in threading.enumerate() if t.name == THREAD_NAME and t not in before]
    builder.join(timeout=120)
    assert not builder.is_alive()
    collections = app.state[COLLECTIONS_STATE]
    assert set(collections) == {listing.name for listing in LISTINGS}
    assert all(c.index.text_ready for c in collections.values()), [
        name for name, c in collections.items() if not c.index.text_ready
    ]
    # Every order of two sort fields too: none is left for a request to compute.
    for collection in collections.values():

        def computed(spec: Any) -> Any:
            raise AssertionError(f"order {spec} not computed by the warm-up")

        monkeypatch.setattr(collection.index, "_compute_order", computed)
        collection.index.build_orders()
    # Collector passes every 10,000 allocations, not every 700: fewer pauses in the p99.
    assert thresholds == [GC_THRESHOLDS] and GC_THRESHOLDS[0] > gc.get_threshold()[0]


def test_the_in_process_app_builds_a_text_index_only_on_its_first_query(
    dataset: LoadedDataset,
) -> None:
    app = create_app(dataset)
    collections = app.state[COLLECTIONS_STATE]
    assert not any(c.index.text_ready for c in collections.values())
    with TestClient(app) as client:
        assert client.get("/v1/glossary?q=碳").status_code == 200
    assert [name for name, c in collections.items() if c.index.text_ready] == ["glossary"]


@pytest.mark.parametrize(
    "path",
    [
        "/v1/search?q=GDP growth&limit=50",
        "/v1/search?q=subway 号线&sort=-rank&limit=20",
        "/v1/projects?q=医院&sort=name_en&limit=100",
        "/v1/observations?q=增长&period=2024&limit=500",
    ],
)
def test_a_query_during_the_build_waits_for_it_and_gets_the_same_answer(
    dataset: LoadedDataset,
    client: TestClient[Litestar],
    monkeypatch: pytest.MonkeyPatch,
    path: str,
) -> None:
    app = create_app(dataset)
    name = path.split("?")[0].removeprefix("/v1/")
    index: CollectionIndex[Any] = app.state[COLLECTIONS_STATE][name].index
    started, release = threading.Event(), threading.Event()
    builders: list[str] = []
    build = index._build_text

    def held_build() -> TextIndex:
        builders.append(threading.current_thread().name)
        started.set()
        assert release.wait(60)
        return build()

    monkeypatch.setattr(index, "_build_text", held_build)
    builder = build_in_background([index], then=lambda: None)
    assert started.wait(60)
    answers: list[httpx.Response] = []
    with TestClient(app) as during:
        asking = threading.Thread(target=lambda: answers.append(during.get(path)))
        asking.start()
        # The build is held: the query cannot be answered before it is released.
        asking.join(timeout=0.5)
        assert asking.is_alive() and not answers
        release.set()
        asking.join(timeout=60)
        builder.join(timeout=60)
    assert builders == [THREAD_NAME]
    expected = client.get(path)
    (answer,) = answers
    assert answer.status_code == expected.status_code == 200
    body: dict[str, Any] = answer.json()
    assert body == expected.json() and body["items"]
