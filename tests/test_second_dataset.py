"""A second dataset folder is built and served end to end with no code change."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from longgang_api.app import create_app
from longgang_api.data.artifact import load
from longgang_api.settings import Settings
from tests.support import TESTLAND, build_folder, free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
Client = TestClient[Litestar]


@pytest.fixture(scope="module")
def testland(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    artifact = build_folder(TESTLAND, tmp_path_factory.mktemp("testland"))
    assert artifact.name == "testland-2031.json"
    with TestClient(create_app(load(artifact), Settings(dataset_folder=str(TESTLAND)))) as client:
        yield client


def test_the_dataset_is_the_folder(testland: Client) -> None:
    meta = testland.get("/v1/dataset").json()
    assert meta["id"] == "testland-2031" and "test data" in meta["title"]["en"]
    assert meta["counts"]["observations"] == 3 and meta["counts"]["projects"] == 1


def test_lists_filter_by_the_folder_s_years(testland: Client) -> None:
    actual = testland.get("/v1/observations?period=2030").json()["items"]
    assert [o["id"] for o in actual] == ["new-schools.2030.actual", "output-growth.2030.actual"]
    refused = testland.get("/v1/observations?period=2024")
    assert refused.status_code == 400
    assert refused.json()["parameter"] == "period" and "2030, 2031" in refused.json()["detail"]
    projects = testland.get("/v1/projects?year=2031").json()["items"]
    assert [p["id"] for p in projects] == ["testland-library"]
    assert testland.get("/v1/projects?year=2023").status_code == 400
    indicators = testland.get("/v1/indicators?headline=true").json()["items"]
    assert [i["id"] for i in indicators] == ["output-growth"]
    hits = testland.get("/v1/search?q=图书馆").json()["items"]
    assert [(h["kind"], h["id"]) for h in hits] == [
        ("project", "testland-library"),
        ("section", "p2"),
    ]


def test_downloads_are_named_for_the_dataset(testland: Client) -> None:
    package = testland.get("/v1/datapackage.json").json()
    names = {r["path"].removeprefix("downloads/") for r in package["resources"]}
    assert {"testland-2031.json", "testland-2031.sqlite", "observations.csv"} <= names
    assert not any("longgang" in name for name in names)
    period = next(
        f
        for r in package["resources"]
        if r["name"] == "observations"
        for f in r["schema"]["fields"]
        if f["name"] == "period"
    )
    assert period["constraints"]["enum"] == ["2030", "2031"]
    whole = testland.get("/v1/downloads/testland-2031.json")
    assert (
        whole.status_code == 200 and json.loads(whole.content)["dataset"]["id"] == "testland-2031"
    )
    csv = testland.get("/v1/downloads/observations.csv").text
    assert "output-growth.2031.target" in csv
    assert testland.get("/v1/downloads/longgang-2024.json").status_code == 404


#: The publisher's own name, on every page of every dataset.
SITE_NAME = "龙岗开放数据"


def test_the_landing_page_speaks_of_the_folder_s_report(testland: Client) -> None:
    chinese = testland.get("/").text
    assert "2030年完成" in chinese and "2031年目标" in chinese and "测试区测试局" in chinese
    english = testland.get("/?lang=en").text
    assert "2030 actual" in english and "Testland Test Bureau (fictional)" in english
    for page in (chinese, english):
        # The site and its catalogue keep their own name, whichever report they publish.
        report_text = page.replace(SITE_NAME, "")
        assert "龙岗" not in report_text and "Longgang District" not in page
        assert "2023" not in page and "2024" not in page


def test_the_source_page_shows_the_folder_s_document(testland: Client) -> None:
    page = testland.get("/source")
    assert page.status_code == 200
    heading = "测试区 2030 年计划执行情况与 2031 年计划"
    assert heading in (TESTLAND / "source.md").read_text() and heading in page.text
    assert "龙岗" not in page.text.replace(SITE_NAME, "")
    # The project's quote is marked on the page and links to the project's page.
    assert 'href="/projects/testland-library' in page.text


def test_a_record_page_of_the_folder_renders(testland: Client) -> None:
    page = testland.get("/projects/testland-library?lang=en")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    record = testland.get("/v1/projects/testland-library").json()
    assert record["name"]["en"] in page.text
    assert record["html_url"] == "http://127.0.0.1:8000/projects/testland-library"
    assert "/source?lang=en#L" in page.text
    assert testland.get("/indicators?period=2030").status_code == 200
    assert testland.get("/indicators?period=2024").status_code == 400


def test_the_catalogue_describes_the_folder_s_dataset(testland: Client) -> None:
    turtle = testland.get("/v1/catalog.ttl").text
    assert "Testland 2030 Plan Execution and 2031 Plan" in turtle
    assert "testland-2031.sqlite" in turtle and "longgang-2024" not in turtle


@pytest.mark.slow
@pytest.mark.http
def test_make_builds_and_serves_a_dataset_named_by_its_path() -> None:
    folder = TESTLAND.relative_to(ROOT)
    built = subprocess.run(
        ["make", "--no-print-directory", "build", f"DATASET={folder}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    assert (ROOT / "build" / "testland-2031.json").exists()
    port = free_port()
    env = {**os.environ, "DATASET": str(folder), "PORT": str(port)}
    # Its own process group: make, the launcher and granian's workers stop together.
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, timeout=120)
        assert httpx.get(f"{url}/v1/dataset").json()["id"] == "testland-2031"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
