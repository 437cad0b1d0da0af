"""Several reports served as one series: reports, report_id, vintages and the ledger of targets.

The series is fictional test data (tests/fixtures/datasets/testseries-2041 and -2042):
the second report revises an actual of the first and restates one of its targets.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
import pyarrow.parquet as pq
import pytest
from datasette.app import Datasette
from litestar import Litestar
from litestar.testing import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

import longgang_api.checkout
import longgang_api.settings
from longgang_api.app import create_app
from longgang_api.data.artifact import ArtifactError, load
from longgang_api.data.series import load_series, series_problems
from longgang_api.settings import Settings, SettingsError
from longgang_build.build import BuildError, compile_artifact, load_records, write_reports
from longgang_build.build import main as build_main
from longgang_build.catalog import (
    DCAT_DATASET_SERIES,
    DCAT_FIRST,
    DCAT_IN_SERIES,
    DCAT_LAST,
    DCAT_NEXT,
    DCAT_PREV,
)
from tests.support import build_folder, build_series
from tools.scale_series import generate_report

Client = TestClient[Litestar]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "datasets"
FIRST, SECOND = FIXTURES / "testseries-2041", FIXTURES / "testseries-2042"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("series")
    return build_series([FIRST, SECOND], out)


@pytest.fixture(scope="module")
def series(built: dict[str, Path]) -> Iterator[Client]:
    # Given in reverse: the series is in report order whatever order DATASETS names them.
    dataset = load_series([(built[f.name], f) for f in (SECOND, FIRST)])
    settings = Settings(datasets=f"{SECOND},{FIRST}")
    with TestClient(create_app(dataset, settings)) as client:
        yield client


def _targets(client: Client, query: str = "") -> dict[str, dict[str, Any]]:
    return {t["id"]: t for t in client.get(f"/v1/targets{query}").json()["items"]}


def test_reports_are_listed_in_report_order(series: Client, built: dict[str, Path]) -> None:
    reports = series.get("/v1/reports").json()["items"]
    assert [(r["id"], r["position"], r["previous_id"], r["next_id"]) for r in reports] == [
        ("testseries-2041", 1, None, "testseries-2042"),
        ("testseries-2042", 2, "testseries-2041", None),
    ]
    one = series.get("/v1/reports/testseries-2042").json()
    assert one["temporal_start"] == "2040" and one["temporal_end"] == "2042"
    assert one["artifact_sha256"] == load(built["testseries-2042"]).sha256
    assert one["source_document"]["sha256"] and one["releases"][0]["version"] == "0.1.0"
    missing = series.get("/v1/reports/testseries-2043")
    assert missing.status_code == 404 and "testseries-2042" in missing.json()["suggestions"]


def test_every_statement_says_its_report_and_every_list_filters_by_it(series: Client) -> None:
    first = "report=testseries-2041"
    observations = series.get(f"/v1/observations?{first}&vintage=all").json()["items"]
    assert observations and {o["report_id"] for o in observations} == {"testseries-2041"}
    assert {o["source"]["document_id"] for o in observations} == {"testseries-2041"}
    museum = series.get("/v1/projects/testcity-museum").json()
    assert [(m["status"], m["report_id"]) for m in museum["mentions"]] == [
        ("started", "testseries-2041"),
        ("completed", "testseries-2042"),
    ]
    # A glossary term is a concept: its record is the latest report's definition.
    term = series.get("/v1/glossary/test-indicator").json()
    assert term["report_id"] == "testseries-2042"
    assert series.get(f"/v1/glossary?{first}").json()["total"] == 1
    sections = series.get(f"/v1/sections?{first}").json()["items"]
    assert {s["report_id"] for s in sections} == {"testseries-2041"} and len(sections) == 5
    assert series.get("/v1/indicators?report=testseries-2042").json()["total"] == 8
    assert series.get(f"/v1/projects?{first}").json()["total"] == 3
    assert series.get(f"/v1/search?q=博物馆&{first}").json()["total"] >= 1
    refused = series.get("/v1/observations?report=testseries-2040")
    assert refused.status_code == 400 and refused.json()["parameter"] == "report"


def test_the_latest_statement_by_default_every_one_with_vintage_all(series: Client) -> None:
    query = "/v1/observations?indicator_id=output-growth&period=2040"
    latest = series.get(query).json()["items"]
    assert [(o["id"], o["value"], o["revised_by"]) for o in latest] == [
        ("output-growth.2040.actual.r2042", 4.3, None)
    ]
    every = series.get(f"{query}&vintage=all").json()["items"]
    assert [(o["id"], o["value"], o["revised_by"]) for o in every] == [
        ("output-growth.2040.actual", 4.0, "output-growth.2040.actual.r2042"),
        ("output-growth.2040.actual.r2042", 4.3, None),
    ]


def test_as_of_shows_what_was_published_then(series: Client) -> None:
    query = "/v1/observations?indicator_id=output-growth"
    then = series.get(f"{query}&as_of=testseries-2041").json()["items"]
    # The preliminary actual and the first statement of the target; each says what revised it.
    assert [(o["id"], o["revised_by"]) for o in then] == [
        ("output-growth.2040.actual", "output-growth.2040.actual.r2042"),
        ("output-growth.2041.target", "output-growth.2041.target.r2042"),
    ]
    now = series.get(f"{query}&as_of=testseries-2042").json()["items"]
    assert [o["id"] for o in now] == [o["id"] for o in series.get(query).json()["items"]]
    every = series.get(f"{query}&as_of=testseries-2042&vintage=all").json()["total"]
    assert every == series.get(f"{query}&vintage=all").json()["total"] == 6


def test_a_restated_target_is_checked_once_in_its_latest_statement(series: Client) -> None:
    ledger = _targets(series)
    assert "output-growth.2041.target" not in ledger
    restated = ledger["output-growth.2041.target.r2042"]
    assert restated["report_id"] == "testseries-2042"
    assert restated["actual"]["observation_id"] == "output-growth.2041.actual"
    assert (restated["verdict"], restated["margin"]) == ("met", 0.5)


#: Each verdict of the series: the record, its verdict, its margin, and the rule in words.
VERDICTS = [
    ("output-growth.2041.target.r2042", "met", 0.5,
     "output-growth counts higher as better: met when the actual is 5 percent or more"),
    ("new-schools.2041.plan", "missed", -2.0,
     "new-schools counts higher as better: met when the actual is 10 school(s) or more"),
    ("unemployed.2041.target", "met", -100.0,
     "unemployed counts lower as better: met when the actual is 1000 person(s) or less"),
    ("income-growth.2041.target", "met", -0.2,
     "about (左右, 约): income-growth counts higher as better; met when the actual betters "
     "6 percent or falls short of it by no more than 5% of it (0.3 percent), the tolerance "
     "of rules.toml"),
    ("employment-growth.2041.target", "missed", -0.5,
     "about (左右, 约): employment-growth counts higher as better; met when the actual betters "
     "4 percent or falls short of it by no more than 5% of it (0.2 percent), the tolerance "
     "of rules.toml"),
    ("output-growth.2042.target", "pending", None,
     "no report served states the actuals of 2042 yet"),
    ("green-area-added.2041.plan", "not_comparable", None,
     "the actual measures another thing or span than the target"),
    ("new-parks.2041.plan", "not_reported", None,
     "a later report covers 2041 but states no actual of new-parks"),
    ("energy-intensity.2041.target", "not_assessable", None,
     "a qualitative target: no number to check an outcome against"),
    # Ranges: the lower bound decides where higher counts as better (4.8 against 5%—7%,
    # inside the tolerance of 0.25), the upper where lower does (48 against 40—45 minutes,
    # beyond the tolerance of 2.25); the margin is against the bound that decides.
    ("consumption-growth.2041.target", "met", -0.2,
     "range (5–7 percent): consumption-growth counts higher as better; met when the actual "
     "is the lower bound 5 percent or more, or falls short of it by no more than 5% of it "
     "(0.25 percent), the range tolerance of rules.toml"),
    ("commute-time.2041.target", "missed", 3.0,
     "range (40–45 minute(s)): commute-time counts lower as better; met when the actual is "
     "the upper bound 45 minute(s) or less, or exceeds it by no more than 5% of it "
     "(2.25 minute(s)), the range tolerance of rules.toml"),
]  # fmt: skip


@pytest.mark.parametrize(("target_id", "verdict", "margin", "rule"), VERDICTS)
def test_each_verdict(
    series: Client, target_id: str, verdict: str, margin: float | None, rule: str
) -> None:
    target = series.get(f"/v1/targets/{target_id}").json()
    assert (target["verdict"], target["margin"], target["rule"]) == (verdict, margin, rule)
    assert target["target"]["quote"] and target["target"]["source"]["line"] >= 1
    if verdict in ("met", "missed", "not_comparable"):
        assert target["actual"]["report_id"] == "testseries-2042"
        assert target["actual"]["quote"] in target["actual"]["source"]["quote"]
    else:
        assert target["actual"] is None


def test_a_range_keeps_its_lower_bound_in_value_and_its_upper_in_every_form(
    series: Client, built: dict[str, Path]
) -> None:
    answer = series.get("/v1/observations/consumption-growth.2041.target").json()
    shown = ("value", "value_upper", "base_value", "base_value_upper", "qualifier")
    assert tuple(answer[k] for k in shown) == (5.0, 7.0, 5.0, 7.0, None)
    single = series.get("/v1/observations/output-growth.2042.target").json()
    assert (single["value_upper"], single["base_value_upper"]) == (None, None)
    target = series.get("/v1/targets/consumption-growth.2041.target").json()["target"]
    assert (target["value"], target["value_upper"], target["base_value_upper"]) == (5.0, 7.0, 7.0)
    rows = series.get("/v1/observations?format=csv&indicator_id=commute-time&kind=target")
    # A quote's selector may hold a line break: a row is read as CSV, not as a line.
    (columns,) = csv.DictReader(io.StringIO(rows.text.lstrip("\ufeff")))
    assert (columns["value"], columns["value_upper"], columns["base_value_upper"]) == (
        "40", "45", "45",
    )  # fmt: skip
    downloads = built["testseries-2041"].with_suffix("") / "downloads"
    table = pq.read_table(downloads / "parquet" / "observations.parquet").to_pylist()
    uppers = {r["id"]: r["base_value_upper"] for r in table if r["base_value_upper"] is not None}
    assert uppers == {"consumption-growth.2041.target": 7.0, "commute-time.2041.target": 45.0}
    # JSON-stat and SDMX carry the lower bound as the value; JSON-stat notes the upper.
    stat = json.loads((downloads / "jsonstat" / "observations.json").read_text())
    commute = next(
        d for d in stat["link"]["item"] if d["extension"]["indicator_id"] == "commute-time"
    )
    assert commute["value"] == [40.0] and commute["extension"]["upper_bounds"] == {"0": 45.0}
    assert "a range: the value is its lower bound, the upper 45" in commute["note"][0]
    page = series.get("/targets?lang=en&verdict=met").text
    assert "5–7% — 社会消费品零售总额增长 5%—7%" in page
    assert "40–45 minutes" in series.get("/indicators/commute-time?lang=en").text
    assert "40–45分钟" in series.get("/indicators/commute-time?lang=zh").text


RANGE_QUOTE = 'quote = "平均通勤时间 40—45 分钟"'


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("value_upper = 45.0", "value_upper = 46.0"),
         "value_upper: 46 is not a number of its quote"),
        (("base_value_upper = 45.0", "base_value_upper = 4.5"),
         "base_value_upper: 4.5 is not value_upper × 10^unit_multiplier"),
        (("value_upper = 45.0\n", ""),
         "base_value_upper: a range needs both value_upper and base_value_upper"),
        (("value = 40.0\nvalue_upper = 45.0", "value = 45.0\nvalue_upper = 40.0"),
         "value_upper: 40 is not above value 45: value is the lower bound"),
        (("value = 40.0\n", 'value = 40.0\nqualifier = "about"\n'),
         "qualifier: a range states its own bounds: no qualifier"),
    ],
)  # fmt: skip
def test_the_build_refuses_a_range_that_its_quote_does_not_state(
    tmp_path: Path, change: tuple[str, str], problem: str
) -> None:
    folder = tmp_path / FIRST.name
    shutil.copytree(FIRST, folder)
    records = (folder / "observations.toml").read_text()
    head, commute = records.split('id = "commute-time.2041.target"')
    assert RANGE_QUOTE in commute
    (folder / "observations.toml").write_text(
        head + 'id = "commute-time.2041.target"' + commute.replace(*change, 1)
    )
    with pytest.raises(BuildError) as refused:
        compile_artifact(load_records(folder))
    found = [str(p) for p in refused.value.problems]
    assert any(
        p.startswith("observations.toml: record 'commute-time.2041.target': " + problem)
        for p in found
    ), found


def test_every_verdict_appears_and_the_ledger_filters(series: Client) -> None:
    ledger = _targets(series)
    assert {t["verdict"] for t in ledger.values()} == {
        "met", "missed", "pending", "not_comparable", "not_reported", "not_assessable",
    }  # fmt: skip
    assert set(ledger) == {target_id for target_id, *_ in VERDICTS}
    missed = _targets(series, "?verdict=missed")
    assert set(missed) == {
        "new-schools.2041.plan",
        "employment-growth.2041.target",
        "commute-time.2041.target",
    }
    assert set(_targets(series, "?period=2042")) == {"output-growth.2042.target"}
    assert set(_targets(series, "?report=testseries-2042")) == {
        "output-growth.2041.target.r2042",
        "output-growth.2042.target",
    }
    headline = _targets(series, "?headline=true&category=employment-welfare")
    assert set(headline) == {"income-growth.2041.target"}
    assert set(_targets(series, "?indicator_id=unemployed")) == {"unemployed.2041.target"}
    met = series.get("/v1/targets?format=csv&verdict=met").text.lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(met)))
    assert len(rows) == 4 and all(row["verdict"] == "met" and row["margin"] for row in rows)
    ndjson = series.get("/v1/targets", headers={"accept": "application/x-ndjson"}).text
    assert len(ndjson.splitlines()) == len(VERDICTS)


def test_one_report_alone_keeps_every_target_pending(client: Client) -> None:
    # The default deployment: longgang-2024 alone; no report states 2024's actuals yet.
    ledger = client.get("/v1/targets?limit=500").json()["items"]
    observations = client.get("/v1/observations?period=2024&limit=500").json()["items"]
    stated = {o["id"]: o for o in observations if o["kind"] in ("target", "plan")}
    assert {t["id"] for t in ledger} == set(stated) and len(stated) == 43
    for target in ledger:
        assert target["verdict"] == "pending" and target["actual"] is None
        assert target["target"]["quote"] == stated[target["id"]]["source"]["quote"]
    assert [r["id"] for r in client.get("/v1/reports").json()["items"]] == ["longgang-2024"]


def _artifacts(*folders: Path) -> list[Any]:
    return [compile_artifact(load_records(folder)).artifact for folder in folders]


def test_series_refuses_a_measure_or_base_unit_that_differs() -> None:
    first, second = _artifacts(FIRST, SECOND)
    indicators = tuple(
        msgspec.structs.replace(i, measure="level") if i.id == "output-growth" else i
        for i in second.indicators
    )
    changed = msgspec.structs.replace(second, indicators=indicators)
    assert any(
        "indicator 'output-growth' has measure 'growth-rate' in testseries-2041 but 'level'" in p
        for p in series_problems([first, changed])
    )
    unit = msgspec.structs.replace(
        next(i for i in second.indicators if i.id == "new-schools").base_unit, code="building"
    )
    indicators = tuple(
        msgspec.structs.replace(i, base_unit=unit) if i.id == "new-schools" else i
        for i in second.indicators
    )
    problems = series_problems([first, msgspec.structs.replace(second, indicators=indicators)])
    assert any("'new-schools' has base_unit 'school'" in p for p in problems)


def test_series_refuses_one_id_for_two_different_things() -> None:
    first, second = _artifacts(FIRST, SECOND)
    projects = tuple(
        msgspec.structs.replace(p, category="zone") if p.id == "testcity-museum" else p
        for p in second.projects
    )
    problems = series_problems([first, msgspec.structs.replace(second, projects=projects)])
    assert problems == [
        "project 'testcity-museum' is of category 'culture' in testseries-2041 but 'zone' in "
        "testseries-2042: one id for two different things"
    ]
    # A statement's id names one statement of one report: a later one needs its own.
    repeated = msgspec.structs.replace(second, observations=first.observations[:1])
    assert series_problems([first, repeated]) == [
        "observation id 'output-growth.2040.actual' is used by testseries-2041 and by "
        "testseries-2042: an id names one observation of one report"
    ]
    assert series_problems([first, first]) == ["report 'testseries-2041' is given twice"]


def test_the_server_and_the_build_refuse_reports_that_cannot_stand_together(
    built: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / SECOND.name
    shutil.copytree(SECOND, other)
    projects = (other / "projects.toml").read_text()
    (other / "projects.toml").write_text(
        projects.replace('category = "culture"', 'category = "zone"')
    )
    artifact = build_folder(other, tmp_path / "build")
    with pytest.raises(ArtifactError, match="cannot be served as one series: project"):
        load_series([(built[FIRST.name], FIRST), (artifact, other)])
    assert build_main(["--dataset", str(other), "--series", str(FIRST), "--check"]) == 1
    assert "project 'testcity-museum' is of category 'culture'" in capsys.readouterr().err
    assert build_main(["--dataset", str(SECOND), "--series", str(FIRST), "--check"]) == 0


def test_the_build_refuses_a_target_without_a_direction(tmp_path: Path) -> None:
    folder = tmp_path / FIRST.name
    shutil.copytree(FIRST, folder)
    rules = (folder / "rules.toml").read_text().replace('new-parks = "higher"\n', "")
    (folder / "rules.toml").write_text(rules)
    with pytest.raises(BuildError) as refused:
        compile_artifact(load_records(folder))
    assert [str(p) for p in refused.value.problems] == [
        "rules.toml: record 'new-parks': better: the new-parks.2041.plan target has no "
        "direction: state better = 'higher' or 'lower'"
    ]


def test_datasets_names_the_reports_served() -> None:
    settings = Settings.from_env({"DATASETS": f"{FIRST},{SECOND}"})
    assert settings.report_folders() == (FIRST, SECOND)
    assert [p.name for p in settings.report_artifacts()] == [
        "testseries-2041.json",
        "testseries-2042.json",
    ]
    alone = Settings.from_env({})
    assert alone.datasets == "" and alone.report_folders() == (Path(alone.dataset_folder),)
    with pytest.raises(SettingsError, match="DATASETS='testseries-2041'"):
        Settings.from_env({"DATASETS": "testseries-2041"})


def test_project_promises_kept_slipped_pending_and_not_reported(series: Client) -> None:
    promises = {p["project_id"]: p for p in series.get("/v1/promises?limit=50").json()["items"]}
    verdicts = {
        project: (p["verdict"], p["year"], p["report_id"]) for project, p in promises.items()
    }
    assert verdicts == {
        "testcity-museum": ("kept", 2041, "testseries-2041"),
        "testcity-stadium": ("slipped", 2041, "testseries-2041"),
        "testcity-theatre": ("not_reported", 2041, "testseries-2041"),
        "testcity-library": ("pending", 2042, "testseries-2042"),
    }
    museum = promises["testcity-museum"]
    assert (museum["promised"]["quote"], museum["outcome"]["quote"]) == (
        "开工建设测试市博物馆",
        "建成测试市博物馆",
    )
    assert museum["rule"] == (
        "kept when a later report gives the stage promised (started) or a later one; "
        "it gives completed"
    )
    stadium = promises["testcity-stadium"]
    assert stadium["outcome"]["status"] == "under_construction"
    assert stadium["rule"].endswith("it gives under_construction")
    assert series.get(f"/v1/promises/{stadium['id']}").json() == stadium
    slipped = series.get("/v1/promises?verdict=slipped").json()["items"]
    assert [p["project_id"] for p in slipped] == ["testcity-stadium"]


def test_one_report_alone_keeps_every_promise_pending(client: Client) -> None:
    promises = client.get("/v1/promises?limit=500").json()["items"]
    assert promises and {p["verdict"] for p in promises} == {"pending"}
    assert {p["year"] for p in promises} == {2024}


def test_the_ledger_page_links_both_quotes_to_their_lines(series: Client) -> None:
    page = series.get("/targets?lang=en&verdict=met").text
    assert (
        '<a href="/source/testseries-2042?lang=en#L7">5% — 测试市生产总值预期目标为同比增长 5%</a>'
        in page
    )
    assert '<a href="/source/testseries-2042?lang=en#L7">5.5% — 实际同比增长 5.5%</a>' in page
    assert (
        '<a href="/source/testseries-2041?lang=en#L11">about 6% — 居民收入增长 6% 左右</a>' in page
    )
    first = series.get("/source/testseries-2041?lang=en")
    assert (
        first.status_code == 200
        and 'id="L11"' in first.text
        and "居民收入增长 6% 左右" in first.text
    )
    assert series.get("/source/testseries-2040").status_code == 404


def test_the_landing_page_sums_up_the_ledger(series: Client) -> None:
    page = series.get("/?lang=en").text
    assert '<a href="/targets?period=2041&amp;verdict=met&amp;lang=en">4</a>' in page
    assert '<a href="/targets?period=2042&amp;verdict=pending&amp;lang=en">1</a>' in page


def test_a_record_page_links_each_quote_to_its_own_report_s_source(series: Client) -> None:
    page = series.get("/projects/testcity-museum?lang=en").text
    # /source is the latest report's; the first report's quote is on its own page.
    assert 'href="/source/testseries-2041?lang=en#L11"' in page
    assert 'href="/source?lang=en#L7"' in page


def test_a_section_hit_links_to_its_own_report_s_source_page(series: Client) -> None:
    hits = series.get("/v1/search?q=计划&kind=section&limit=100").json()["items"]
    pages = {}
    for hit in hits:
        section = series.get(hit["url"]).json()
        pages[section["report_id"]] = hit["html_url"].partition("://")[2].partition("/")[2]
        line = hit["html_url"].rpartition("#L")[2]
        assert line == str(section["line"]), hit
    # The latest report's is the plain source page; the earlier one's is its own.
    assert pages["testseries-2042"].startswith("source#L")
    assert pages["testseries-2041"].startswith("source/testseries-2041#L")
    assert series.get("/" + pages["testseries-2041"].partition("#")[0]).status_code == 200


def _series_graph(client: Client) -> Graph:
    return Graph().parse(data=client.get("/v1/catalog.jsonld").text, format="json-ld")


def test_the_catalogue_is_a_dataset_series_of_the_reports_in_order(series: Client) -> None:
    graph = _series_graph(series)
    base = "http://127.0.0.1:8000/"
    (node,) = graph.subjects(RDF.type, DCAT_DATASET_SERIES)
    assert str(node) == base + "v1/dataset"
    reports = [URIRef(f"{base}v1/reports/{r}") for r in ("testseries-2041", "testseries-2042")]
    assert set(graph.subjects(DCAT_IN_SERIES, node)) == set(reports)
    # dcat:prev and dcat:next follow report order, whatever order DATASETS names them.
    assert (reports[1], DCAT_PREV, reports[0]) in graph
    assert (reports[0], DCAT_NEXT, reports[1]) in graph
    assert graph.value(reports[0], DCAT_PREV) is None
    assert graph.value(reports[1], DCAT_NEXT) is None
    assert (graph.value(node, DCAT_FIRST), graph.value(node, DCAT_LAST)) == tuple(reports)
    assert [str(graph.value(r, DCTERMS.identifier)) for r in reports] == [
        "testseries-2041",
        "testseries-2042",
    ]
    # The series' own distributions are its downloads: every report's rows together.
    downloads = {
        str(graph.value(d, DCAT.downloadURL)).removeprefix(base)
        for d in graph.objects(node, DCAT.distribution)
    }
    package = series.get("/v1/datapackage.json").json()
    assert downloads == {f"v1/{r['path']}" for r in package["resources"]}
    assert {"v1/downloads/series.sqlite", "v1/downloads/targets.csv"} <= downloads


def test_the_series_downloads_hold_every_report_and_the_ledger(
    series: Client, tmp_path: Path
) -> None:
    package = series.get("/v1/datapackage.json").json()
    listed = {r["path"].removeprefix("downloads/") for r in package["resources"]}
    assert {"series.json", "series.sqlite", "targets.csv", "promises.csv"} <= listed
    assert package["name"] == "series"
    assert {"targets", "promises"} <= {r["name"] for r in package["resources"]}
    database = tmp_path / "series.sqlite"
    database.write_bytes(series.get("/v1/downloads/series.sqlite").content)
    with sqlite3.connect(database) as connection:
        for table in ("observations", "project_mentions", "glossary", "sections"):
            reports = {r for (r,) in connection.execute(f"SELECT DISTINCT report_id FROM {table}")}
            assert reports <= {"testseries-2041", "testseries-2042"}, table
        stated = {r for (r,) in connection.execute("SELECT DISTINCT report_id FROM observations")}
        assert stated == {"testseries-2041", "testseries-2042"}
        rows = connection.execute("SELECT id, verdict, margin, rule FROM targets").fetchall()
        promises = dict(connection.execute("SELECT project_id, verdict FROM promises"))
    # The same ledger as /v1/targets and /v1/promises answer.
    served = _targets(series)
    assert {r[0]: r[1:] for r in rows} == {
        t["id"]: (t["verdict"], t["margin"], t["rule"]) for t in served.values()
    }
    assert promises == {
        p["project_id"]: p["verdict"] for p in series.get("/v1/promises?limit=50").json()["items"]
    }
    csv_rows = list(csv.DictReader(io.StringIO(series.get("/v1/downloads/targets.csv").text)))
    assert len(csv_rows) == len(served)
    # Datasette opens the series' file as the one report's, its search indexes found.
    datasette = Datasette([str(database)])

    async def tables() -> Any:
        return (await datasette.client.get("/series.json")).json()["tables"]

    found = {t["name"]: t["fts_table"] for t in asyncio.run(tables()) if not t["hidden"]}
    assert found["indicators"] == "indicators_fts" and found["sections"] == "sections_fts"
    assert {"targets", "promises"} <= set(found)


def test_a_series_is_served_only_with_its_own_series_files(
    built: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "build"
    artifacts = build_series([FIRST, SECOND], out)
    reports = [(artifacts[f.name], f) for f in (FIRST, SECOND)]
    assert load_series(reports).files.manifest.artifact_sha256 != load(artifacts[FIRST.name]).sha256
    # Files of another set of reports: the first report alone, rebuilt with another licence.
    shutil.rmtree(out / "series")
    with pytest.raises(ArtifactError, match="build them together"):
        load_series(reports)
    shutil.copytree(built[FIRST.name].parent / "series", out / "series")
    catalogue = out / "series" / "catalog.ttl"
    catalogue.write_bytes(catalogue.read_bytes() + b"# altered\n")
    with pytest.raises(ArtifactError, match="refusing to serve a truncated or altered file"):
        load_series(reports)


def test_the_guides_say_what_a_series_publishes() -> None:
    def said(guide: str) -> str:
        return " ".join((FIXTURES.parents[2] / "docs" / guide).read_text().split())

    assert (
        "each report is a `dcat:Dataset` of its own at `v1/reports/{id}`, in the series by "
        "`dcat:inSeries` and linked to the report before and after it by `dcat:prev` and "
        "`dcat:next` in report order"
    ) in said("portals.md")
    assert (
        "One report alone stays one `dcat:Dataset`, so a harvester of today's deployment sees "
        "the dataset it has always seen; the series appears with the second report."
    ) in said("portals.md")
    assert (
        "The downloads carry the ledger too: `targets.csv` and `promises.csv`, and the `targets` "
        "and `promises` tables of the SQLite file, hold every target and project promise with its "
        "verdict, margin and rule and both quotes' report ids and lines, the rows of "
        "`/v1/targets` and `/v1/promises` flattened as the other CSV files are; with "
        "`longgang-2024` alone every one is `pending`."
    ) in said("analysts.md")
    assert (
        "The build of several reports together writes the series' downloads, data package and "
        "catalogue into `build/series/`, with their manifest"
    ) in said("maintainers.md")


@pytest.mark.slow
def test_a_synthetic_series_of_ten_reports_builds_and_starts_in_time(tmp_path: Path) -> None:
    started = time.perf_counter()
    folders = [generate_report(n, tmp_path / "datasets") for n in range(1, 11)]
    artifacts = write_reports(
        [compile_artifact(load_records(f)) for f in folders], tmp_path / "build"
    )
    assert time.perf_counter() - started <= 60
    assert "SYNTHETIC" in (folders[0] / "source.md").read_text().splitlines()[0]
    started = time.perf_counter()
    dataset = load_series(zip(artifacts, folders, strict=True))
    settings = Settings(datasets=",".join(str(f) for f in folders), response_cache=False)
    with TestClient(create_app(dataset, settings)) as client:
        first = client.get("/v1/observations?period=2024&limit=5")
        assert first.status_code == 200 and time.perf_counter() - started <= 3
        # Every report restates every value: the latest statements are one report's.
        assert first.json()["total"] == 43
        every = client.get("/v1/observations?vintage=all&limit=1").json()["total"]
        assert every == 10 * client.get("/v1/observations?limit=1").json()["total"]
        assert len(client.get("/v1/reports").json()["items"]) == 10


def test_unset_every_report_folder_of_the_checkout_is_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for folder in (FIRST, SECOND):
        shutil.copytree(folder, tmp_path / folder.name)
    monkeypatch.setattr(longgang_api.checkout, "DATASETS", tmp_path)
    monkeypatch.setattr(longgang_api.settings, "DATASETS", tmp_path)
    settings = Settings.from_env({})
    assert settings.report_folders() == (tmp_path / FIRST.name, tmp_path / SECOND.name)
    # DATASET or LONGGANG_ARTIFACT names one report: that one alone.
    assert Settings.from_env({"DATASET": FIRST.name}).report_names() == ()


@pytest.mark.parametrize(
    ("given", "built", "served"),
    [
        ([], "--dataset testseries-2041 --dataset testseries-2042", "DATASETS=testseries-2041,"),
        (["DATASET=testseries-2041"], "--dataset datasets/testseries-2041", "LONGGANG_ARTIFACT="),
        (["DATASETS=testseries-2042"], "--dataset testseries-2042", "DATASETS=testseries-2042 "),
    ],
)
def test_make_builds_and_serves_every_report_folder_unless_told_one(
    tmp_path: Path, given: list[str], built: str, served: str
) -> None:
    # docs/maintainers.md: "with neither `DATASET` nor `DATASETS` given they build and serve
    # every folder under `datasets/` together; `DATASET=<id>` builds and serves that report alone."
    root = Path(__file__).resolve().parents[1]
    shutil.copy(root / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").touch()
    for name in ("testseries-2041", "testseries-2042"):
        shutil.copytree(FIXTURES / name, tmp_path / "datasets" / name)
    # -n prints what make would run, -B as if nothing were built yet.
    plan = subprocess.run(
        ["make", "-n", "-B", "build", "serve", *given],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": os.environ["PATH"]},
    ).stdout.splitlines()
    assert any(line.endswith(f"-m longgang_build.build {built}") for line in plan), plan
    assert any(served in line and "-m longgang_api.server" in line for line in plan), plan
    guide = " ".join((root / "docs" / "maintainers.md").read_text(encoding="utf-8").split())
    assert "with neither `DATASET` nor `DATASETS` given they build and serve every folder" in guide
