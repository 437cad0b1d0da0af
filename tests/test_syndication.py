"""What portals harvest: DCAT-AP catalogue, data package, downloads, releases, landing page."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from frictionless import Package, validate
from frictionless.resources import TableResource
from litestar import Litestar
from litestar.testing import TestClient
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, RDF, RDFS, SH, SKOS

from longgang_api.app import create_app
from longgang_api.data.artifact import LoadedDataset
from longgang_api.data.series import load_series
from longgang_api.engine.cursor import CursorCodec
from longgang_api.pages.figures import value_text
from longgang_api.settings import Settings
from longgang_build.downloads import download_names
from tests.support import build_series

Client = TestClient[Litestar]
SOURCE = Path(__file__).resolve().parents[1] / "datasets" / "longgang-2024" / "source.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "datasets"
# The official DCAT-AP 3.0.1 shapes (SEMICeu/DCAT-AP release files, see their README);
# DCAT_AP_SHAPES points elsewhere when a newer copy is to be used.
SHAPES = Path(
    os.environ.get("DCAT_AP_SHAPES", Path(__file__).resolve().parent / "shapes" / "dcat-ap-3.0.1")
)


def _shapes(name: str) -> Graph:
    assert SHAPES.is_dir(), f"DCAT-AP shapes not found at {SHAPES}; set DCAT_AP_SHAPES"
    return Graph().parse(SHAPES / name, format="turtle")


def _catalog(client: Client) -> Graph:
    return Graph().parse(data=client.get("/v1/catalog.jsonld").text, format="json-ld")


def _results(report: Graph, severity: Any) -> list[tuple[str, str]]:
    return sorted(
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)))
        for r in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(r, SH.resultSeverity) == severity
    )


@pytest.fixture(scope="module")
def series_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    """The fictional series of two reports (test data), built together and served."""
    folders = [FIXTURES / "testseries-2041", FIXTURES / "testseries-2042"]
    built = build_series(folders, tmp_path_factory.mktemp("series"))
    dataset = load_series([(built[f.name], f) for f in folders])
    settings = Settings(datasets=",".join(str(f) for f in folders))
    with TestClient(create_app(dataset, settings)) as client:
        yield client


# One report is one dcat:Dataset; several are a dcat:DatasetSeries with a dcat:Dataset each.
@pytest.mark.parametrize("served", ["client", "series_client"])
def test_catalog_conforms_to_dcat_ap_3_0_1(served: str, request: pytest.FixtureRequest) -> None:
    client: Client = request.getfixturevalue(served)
    conforms, report, text = shacl_validate(
        _catalog(client), shacl_graph=_shapes("shapes-and-ranges.ttl")
    )
    assert _results(report, SH.Violation) == [], text
    assert conforms


def test_only_unfixable_recommendations_remain(client: Client) -> None:
    _, report, _ = shacl_validate(_catalog(client), shacl_graph=_shapes("shapes-recommended.ttl"))
    # The source gives no geometry for Longgang, and we add no number it does not give.
    paths = {path for _, path in _results(report, SH.Warning)}
    assert paths <= {str(DCAT.bbox), str(DCAT.centroid)}, paths


def test_eu_vocabulary_shapes_find_only_what_the_shapes_readme_explains(client: Client) -> None:
    """The EU controlled-vocabulary shapes (``mdr-vocabularies.shape.ttl``) report, exactly:

    - one ``sh:Violation`` per distribution on ``spdx:algorithm``: the shape wants an IRI
      starting ``https://spdx.org/rdf/terms`` while SPDX's own IRIs, the one DCAT-AP names
      included (``spdx:checksumAlgorithm_sha256``), start ``http://``;
    - ``sh:Warning`` on ``dct:publisher`` of the catalogue, the dataset and the service: the
      publisher is not in the EU corporate-body authority table (nested ``sh:Violation``
      details: no ``skos:inScheme``, not one of the table's entries);
    - ``sh:Warning`` on ``dct:spatial`` of the catalogue and the dataset: Longgang is not an
      EU country, place, continent or GeoNames URI (a nested ``sh:Violation`` each).
    """
    graph = _catalog(client)
    conforms, report, _ = shacl_validate(graph, shacl_graph=_shapes("mdr-vocabularies.shape.ttl"))
    assert not conforms
    base = "http://127.0.0.1:8000"
    spdx = "http://spdx.org/rdf/terms#"
    top = sorted(
        (
            str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[1],
            str(report.value(r, SH.focusNode)).removeprefix(base),
            str(report.value(r, SH.resultPath)),
        )
        for r in report.objects(None, SH.result)
    )
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    checksums = [
        (
            "Violation",
            str(d).removeprefix(base).replace("#distribution", "#sha256"),
            spdx + "algorithm",
        )
        for d in distributions
    ]
    publisher, spatial = str(DCTERMS.publisher), str(DCTERMS.spatial)
    assert top == sorted(
        [
            *checksums,
            ("Warning", "/v1/catalog", publisher),
            ("Warning", "/v1/dataset", publisher),
            ("Warning", "/v1", publisher),
            ("Warning", "/v1/catalog", spatial),
            ("Warning", "/v1/dataset", spatial),
        ]
    )
    nested = [
        r
        for r in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(r, SH.resultSeverity) == SH.Violation
    ]
    # Per distribution: its result and the pattern detail; per publisher warning: two
    # details; per spatial warning: one.
    assert len(nested) == 2 * len(distributions) + 2 * 3 + 2
    # The figures of the one report: 24 downloads (the ledger tables among them).
    assert (len(distributions), len(nested)) == (24, 56)
    focus = sorted({str(report.value(r, SH.focusNode)).removeprefix(base) for r in nested})
    assert focus == sorted(
        {spdx + "checksumAlgorithm_sha256", "/v1/catalog#publisher", "/v1/catalog#longgang"}
        | {c[1] for c in checksums}
    )


def test_jsonld_and_turtle_are_the_same_graph(client: Client) -> None:
    turtle = Graph().parse(data=client.get("/v1/catalog.ttl").text, format="turtle")
    assert isomorphic(_catalog(client), turtle)
    assert len(turtle) > 100


def test_catalog_is_chosen_by_accept(client: Client) -> None:
    assert (
        client.get("/v1/catalog", headers={"accept": "text/turtle"})
        .headers["content-type"]
        .startswith("text/turtle")
    )
    assert (
        client.get("/v1/catalog", headers={"accept": "application/ld+json"}).headers["content-type"]
        == "application/ld+json"
    )
    assert client.get("/v1/catalog").headers["content-type"] == "application/ld+json"
    refused = client.get("/v1/catalog", headers={"accept": "application/rdf+xml"})
    assert refused.status_code == 406
    assert refused.headers["content-type"] == "application/problem+json"


@pytest.mark.slow
def test_catalog_is_the_same_bytes_in_every_process(
    dataset: LoadedDataset, artifact_path: Path
) -> None:
    code = (
        "from pathlib import Path; import sys; from longgang_api.data.artifact import load; "
        "from longgang_build.downloads import Downloads; "
        "from longgang_build.catalog import build_catalog; "
        "from longgang_api.data.source_text import SourceText; "
        f"d = load(Path({str(artifact_path)!r})); "
        f"s = SourceText(Path({str(SOURCE)!r}).read_bytes().decode('utf-8')); "
        "c = build_catalog(d.artifact, Downloads.build(d.artifact, d.data, s)); "
        "sys.stdout.buffer.write(c.turtle + c.jsonld)"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_catalog_describes_dataset_distributions_and_service(client: Client) -> None:
    graph = _catalog(client)
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    titles = {
        t.language: str(t) for t in graph.objects(dataset, DCTERMS.title) if isinstance(t, Literal)
    }
    assert set(titles) == {"zh", "en"} and all(titles.values())
    keywords = list(graph.objects(dataset, DCAT.keyword))
    assert {k.language for k in keywords if isinstance(k, Literal)} == {"zh", "en"}
    distributions = list(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == len(download_names("longgang-2024"))
    spdx = Namespace("http://spdx.org/rdf/terms#")
    for distribution in distributions:
        url = str(graph.value(distribution, DCAT.downloadURL))
        body = client.get(url.replace("http://127.0.0.1:8000", "")).content
        size = graph.value(distribution, DCAT.byteSize)
        assert size is not None and int(str(size)) == len(body)
        checksum = graph.value(distribution, spdx.checksum)
        assert str(graph.value(checksum, spdx.checksumValue)) == hashlib.sha256(body).hexdigest()
    service = next(graph.subjects(RDF.type, DCAT.DataService))
    assert graph.value(service, DCAT.servesDataset) == dataset
    assert str(graph.value(service, DCAT.endpointDescription)).endswith("/openapi.json")


def test_datapackage_validates_as_served(served_url: str) -> None:
    report = validate(f"{served_url}/v1/datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])[:10]
    package = httpx.get(f"{served_url}/v1/datapackage.json").json()
    names = {r["name"] for r in package["resources"]}
    assert {
        "indicators",
        "observations",
        "projects",
        "project_mentions",
        "glossary",
        "sections",
    } <= names
    observations = next(r for r in package["resources"] if r["name"] == "observations")
    assert {fk["reference"]["resource"] for fk in observations["schema"]["foreignKeys"]} == {
        "indicators",
        "sections",
    }
    kinds = next(f for f in observations["schema"]["fields"] if f["name"] == "kind")
    assert set(kinds["constraints"]["enum"]) == {"actual", "target", "plan"}


def _local_copy(served_url: str, folder: Path) -> dict[str, Any]:
    package: dict[str, Any] = httpx.get(f"{served_url}/v1/datapackage.json").json()
    (folder / "downloads").mkdir()
    for resource in package["resources"]:
        data = httpx.get(f"{served_url}/v1/{resource['path']}").content
        (folder / resource["path"]).parent.mkdir(exist_ok=True)
        (folder / resource["path"]).write_bytes(data)
    return package


def _save(folder: Path, package: dict[str, Any], name: str, rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode()
    resource = next(r for r in package["resources"] if r["name"] == name)
    (folder / resource["path"]).write_bytes(data)
    resource["bytes"] = len(data)  # keep size and hash honest: the rows must be what fails
    resource["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
    (folder / "datapackage.json").write_text(json.dumps(package))


@pytest.mark.parametrize(
    ("column", "value", "error"),
    [
        ("indicator_id", "no-such-indicator", "foreign-key"),
        ("period", "2025", "constraint-error"),
        ("source_line", "line one", "type-error"),
    ],
)
def test_a_corrupted_row_fails_validation(
    served_url: str, tmp_path: Path, column: str, value: str, error: str
) -> None:
    package = _local_copy(served_url, tmp_path)
    rows = list(csv.reader(io.StringIO((tmp_path / "downloads/observations.csv").read_text())))
    rows[5][rows[0].index(column)] = value
    _save(tmp_path, package, "observations", rows)
    assert validate(str(tmp_path / "datapackage.json")).valid is False
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert error in {e[0] for e in report.flatten(["type"])}


def test_downloads(client: Client, dataset: LoadedDataset, tmp_path: Path) -> None:
    csv_file = client.get("/v1/downloads/observations.csv")
    assert csv_file.headers["content-type"] == "text/csv; charset=utf-8"
    assert not csv_file.content.startswith(b"\xef\xbb\xbf")
    assert client.get("/v1/downloads/observations.csv?bom=true").content.startswith(b"\xef\xbb\xbf")
    assert len(list(csv.DictReader(io.StringIO(csv_file.text)))) == len(
        dataset.artifact.observations
    )
    whole = client.get("/v1/downloads/longgang-2024.json")
    assert hashlib.sha256(whole.content).hexdigest() == dataset.sha256
    database = tmp_path / "dataset.sqlite"
    database.write_bytes(client.get("/v1/downloads/longgang-2024.sqlite").content)
    with sqlite3.connect(database) as connection:
        count = connection.execute("select count(*) from observations").fetchone()[0]
        assert count == len(dataset.artifact.observations)
        mentions = connection.execute("select count(*) from project_mentions").fetchone()[0]
        assert mentions == sum(len(p.mentions) for p in dataset.artifact.projects)
        assert connection.execute("pragma foreign_key_check").fetchall() == []
        row = connection.execute(
            "select base_value, base_unit_code, base_unit_en, unit_multiplier, period_start, "
            "period_end from observations where id = 'new-school-places.2023.actual'"
        ).fetchone()
        assert row == (38000.0, "place", "school place(s)", 4, 2023, 2023)
        order = connection.execute('select id from indicators order by "order"').fetchone()
        assert order == ("gdp-growth",)
    downloaded = list(csv.DictReader(io.StringIO(csv_file.text)))
    assert {"base_value", "base_unit_code", "base_unit_en", "unit_multiplier"} <= set(downloaded[0])
    package = client.get("/v1/datapackage.json").json()
    (observations,) = [r for r in package["resources"] if r["name"] == "observations"]
    fields = {f["name"] for f in observations["schema"]["fields"]}
    assert {"base_value", "base_unit_code", "base_unit_en", "period_start", "period_end"} <= fields
    for bad in ("nope.csv", "..%2Fbuild.py", "OBSERVATIONS.CSV", "observations.csv?bom=maybe"):
        response = client.get(f"/v1/downloads/{bad}")
        assert response.status_code in (400, 404)
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("name", ["observations.csv", "longgang-2024.sqlite"])
def test_a_download_comes_as_octet_stream_when_asked(client: Client, name: str) -> None:
    own = client.get(f"/v1/downloads/{name}")
    generic = client.get(f"/v1/downloads/{name}", headers={"Accept": "application/octet-stream"})
    assert generic.headers["content-type"] == "application/octet-stream"
    assert own.headers["content-type"].split(";")[0] != "application/octet-stream"
    assert generic.content == own.content
    assert generic.headers["etag"] != own.headers["etag"]


def test_releases_list_the_served_artifact(client: Client, dataset: LoadedDataset) -> None:
    current, previous, first = client.get("/v1/releases").json()["items"]
    assert current["version"] == dataset.version == "1.2.0"
    assert current["artifact_sha256"] == dataset.sha256
    assert "launch-zone-land-released" in current["notes"]["en"]
    assert "launch-zone-land-released" in current["notes"]["zh"]
    # Earlier releases keep the hashes of the artifacts they were served as.
    assert previous["version"] == "1.1.0"
    assert previous["artifact_sha256"] == (
        "faaa5e84d41e5bd079a3dc76312f97430f79cf2a5b5720104cf1e5da13cfd003"
    )
    assert "tourist-visits-growth.2023.actual" in previous["notes"]["en"]
    assert first["version"] == "1.0.0"
    assert first["artifact_sha256"] == (
        "04e039609c9a8cc5d72b875955b67aeeef51b5a2a276959af8425fc43b527dec"
    )
    assert dataset.sha256 not in (first["artifact_sha256"], previous["artifact_sha256"])


def test_a_release_serves_its_change_list(client: Client) -> None:
    changes = client.get("/v1/releases/1.2.0/changes").json()
    assert (changes["version"], changes["previous_version"]) == ("1.2.0", "1.1.0")
    assert {
        "collection": "glossary",
        "old_id": "one-core-two-hubs-multiple-pivots",
        "new_id": "one-core-two-poles-multiple-pivots",
    } in changes["renamed"]
    assert {
        "collection": "observations",
        "id": "tourist-visits-growth.2023.actual",
        "field": "unit_multiplier",
        "old": 0,
        "new": 2,
    } in changes["values_changed"]
    earlier = client.get("/v1/releases/1.1.0/changes").json()
    assert earlier["previous_version"] == "1.0.0"
    assert any(r["id"] == "cuhk-shenzhen-phase-2" for r in earlier["removed"])
    first = client.get("/v1/releases/1.0.0/changes")
    assert first.status_code == 404
    assert "it is the first release" in first.json()["detail"]
    assert client.get("/v1/releases/9.9.9/changes").status_code == 404


@pytest.mark.parametrize(
    ("path", "words", "successors"),
    [
        (
            "/v1/projects/manufacturing-finance-service-center",
            "renamed 'manufacturing-finance-service-center' to "
            "'manufacturing-finance-service-centre' in release 1.2.0",
            ["manufacturing-finance-service-centre"],
        ),
        (
            "/v1/indicators/online-offline-service-pilot-districts",
            "removed 'online-offline-service-pilot-districts' in release 1.2.0",
            ["online-offline-government-services-pilot"],
        ),
        (
            "/v1/observations/little-giant-enterprises.2023.actual",
            "in release 1.1.0",
            ["little-giant-enterprises-total-growth.2023.actual"],
        ),
    ],
)
def test_an_id_of_an_earlier_release_answers_where_it_went(
    client: Client, path: str, words: str, successors: list[str]
) -> None:
    response = client.get(path)
    assert response.status_code == 404
    problem = response.json()
    assert words in problem["detail"]
    assert all(successor in problem["detail"] for successor in successors)
    assert problem["suggestions"] == successors


def test_cursors_of_release_1_0_0_stop_matching(client: Client, dataset: LoadedDataset) -> None:
    scope = "observations|||id"  # the default list: no filter, no q, sorted by id
    current = CursorCodec(dataset.sha256).encode(scope, (49,))
    assert client.get(f"/v1/observations?cursor={current}").status_code == 200
    released = "04e039609c9a8cc5d72b875955b67aeeef51b5a2a276959af8425fc43b527dec"
    old = CursorCodec(released).encode(scope, (49,))
    response = client.get(f"/v1/observations?cursor={old}")
    assert response.status_code == 400
    assert response.json()["parameter"] == "cursor"


def test_landing_page(client: Client, dataset: LoadedDataset) -> None:
    page = client.get("/")
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    html = page.text
    for figure in ("6.3%", "6.5%", "5.5%", "6%", "8%", "13.3%", "-2.42%"):
        assert f">{figure}<" in html, figure
    assert "<svg" in html and 'href="/?lang=en"' in html
    assert '<link rel="alternate" type="application/ld+json" href="/v1/catalog.jsonld"' in html
    assert "script-src" not in page.headers["content-security-policy"]  # JSON-LD never runs
    assert not re.search(
        r'(src|href)="(https?:)?//[^"]*"[^>]*(rel="stylesheet"|>)\s*</script>', html
    )
    # Canonical and hreflang links name the public address; nothing is loaded from one
    # (tests/test_served_surface.py checks every page for that).
    assert not re.search(r'<(script|img)[^>]+src="(https?:)?//', html)
    assert not re.search(r'<link rel="(stylesheet|icon)"[^>]+href="(https?:)?//', html)
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block is not None
    schema = json.loads(block.group(1))
    for key in (
        "name",
        "description",
        "url",
        "identifier",
        "keywords",
        "license",
        "creator",
        "temporalCoverage",
        "spatialCoverage",
        "variableMeasured",
        "distribution",
        "version",
        "publisher",
        "dateModified",
        "includedInDataCatalog",
        "citation",
    ):
        assert schema[key], key
    meta = dataset.artifact.dataset
    assert schema["publisher"]["name"] == meta.publisher.name.en
    assert schema["dateModified"] == meta.release_date
    assert schema["includedInDataCatalog"]["url"].endswith("/v1/catalog")
    assert schema["citation"]["name"] == meta.source_document.title.zh
    english = client.get("/?lang=en").text
    assert "Headline indicators" in english and 'lang="en"' in english
    # Headline figures in the report's order: GDP first, budget revenue last.
    headline = re.search(r'<table id="headline">(.*?)</table>', english, re.S)
    assert headline is not None
    # Each name links to the indicator's page.
    names = re.findall(r"<tr><td><a [^>]*>([^<]*)</a></td>", headline.group(1))
    assert names[0].startswith("Growth of gross regional product")
    assert names[-1] == "Growth of general public budget revenue"
    assert not re.search(r"[\u4e00-\u9fff]", headline.group(1))
    assert client.get("/?lang=fr").status_code == 400


def test_landing_figures_use_english_unit_labels_in_english(dataset: LoadedDataset) -> None:
    (places,) = [
        o for o in dataset.artifact.observations if o.id == "new-school-places.2023.actual"
    ]
    assert value_text(places, "zh") == "3.8万座"
    assert value_text(places, "en") == "38,000 school places"
    (gdp,) = [o for o in dataset.artifact.observations if o.id == "gdp-growth.2023.actual"]
    assert value_text(gdp, "en") == value_text(gdp, "zh") == "6.3%"


def _head_links(html: str) -> list[dict[str, str]]:
    head = html.split("</head>", 1)[0]
    return [
        dict(re.findall(r'([a-z-]+)="([^"]*)"', tag)) for tag in re.findall(r"<link [^>]+>", head)
    ]


def test_landing_pages_name_their_canonical_address_and_language_alternates(
    client: Client,
) -> None:
    base = "http://127.0.0.1:8000"
    # "/" follows Accept-Language (Chinese when it names neither language): the x-default.
    for url, canonical in (("/", f"{base}/?lang=zh"), ("/?lang=en", f"{base}/?lang=en")):
        links = _head_links(client.get(url).text)
        assert [link["href"] for link in links if link["rel"] == "canonical"] == [canonical]
        alternates = {link["hreflang"]: link["href"] for link in links if "hreflang" in link}
        assert alternates == {
            "zh-Hans": f"{base}/?lang=zh",
            "en": f"{base}/?lang=en",
            "x-default": f"{base}/",
        }


ADMS = Namespace("http://www.w3.org/ns/adms#")


def test_distribution_titles_are_in_the_language_they_are_tagged_with(client: Client) -> None:
    graph = _catalog(client)
    han = re.compile(r"[\u4e00-\u9fff]")
    for distribution in graph.subjects(RDF.type, DCAT.Distribution):
        titles = {
            t.language: str(t)
            for t in graph.objects(distribution, DCTERMS.title)
            if isinstance(t, Literal)
        }
        assert set(titles) == {"zh", "en"}
        assert han.search(titles["zh"]), titles
        assert not han.search(titles["en"]), titles


def test_dataset_states_licence_identifier_access_and_provenance(
    client: Client, dataset: LoadedDataset
) -> None:
    graph = _catalog(client)
    data = next(graph.subjects(RDF.type, DCAT.Dataset))
    catalog = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert graph.value(data, DCTERMS.license) == graph.value(catalog, DCTERMS.license)
    identifier = graph.value(data, ADMS.identifier)
    assert (identifier, RDF.type, ADMS.Identifier) in graph
    assert str(graph.value(identifier, SKOS.notation)) == dataset.artifact.dataset.id
    rights = graph.value(data, DCTERMS.accessRights)
    assert str(rights).endswith("/access-right/PUBLIC")
    assert (rights, RDF.type, DCTERMS.RightsStatement) in graph
    provenance = graph.value(data, DCTERMS.provenance)
    assert (provenance, RDF.type, DCTERMS.ProvenanceStatement) in graph
    labels = {t.language for t in graph.objects(provenance, RDFS.label) if isinstance(t, Literal)}
    assert labels == {"zh", "en"}


def test_csv_distributions_conform_to_the_data_package(client: Client) -> None:
    graph = _catalog(client)
    package = client.get("/v1/datapackage.json").json()
    schemas = {r["path"].removeprefix("downloads/") for r in package["resources"] if "schema" in r}
    conforming = set()
    for distribution in graph.subjects(RDF.type, DCAT.Distribution):
        name = str(graph.value(distribution, DCAT.downloadURL)).rsplit("/", 1)[1]
        standards = {str(s) for s in graph.objects(distribution, DCTERMS.conformsTo)}
        if "http://127.0.0.1:8000/v1/datapackage.json" in standards:
            assert len(standards) == 1, name
            conforming.add(name)
    # Exactly the files with a Table Schema in the data package point at it.
    assert conforming == schemas


#: The standard each file other than the CSV tables conforms to, as the catalogue says.
_STANDARDS = {
    "parquet/": "https://parquet.apache.org/docs/file-format/",
    "csvw/": "http://www.w3.org/TR/tabular-metadata/",
    "jsonstat/": "https://json-stat.org/format/",
    "sdmx/observations.csv": "https://github.com/sdmx-twg/sdmx-csv/tree/v2.0.0",
    "sdmx/structure.xml": "https://github.com/sdmx-twg/sdmx-ml/tree/v3.0.0",
    "provenance/": "http://www.w3.org/TR/annotation-model/",
}


def test_every_statistical_format_names_its_standard_and_media_type(client: Client) -> None:
    graph = _catalog(client)
    package = client.get("/v1/datapackage.json").json()
    resources = {r["path"].removeprefix("downloads/"): r for r in package["resources"]}
    named = set()
    for distribution in graph.subjects(RDF.type, DCAT.Distribution):
        name = str(graph.value(distribution, DCAT.downloadURL)).split("/v1/downloads/", 1)[1]
        ending = next((e for e in _STANDARDS if name.startswith(e)), None)
        if ending is None:
            continue
        (standard,) = graph.objects(distribution, DCTERMS.conformsTo)
        assert str(standard) == _STANDARDS[ending], name
        assert (standard, RDF.type, DCTERMS.Standard) in graph
        media = str(graph.value(distribution, DCAT.mediaType)).rsplit("/media-types/", 1)[1]
        served = client.get(f"/v1/downloads/{name}").headers["content-type"].split(";")[0]
        assert media == served == resources[name]["mediatype"], name
        named.add(name)
    assert len(named) == 13


def test_the_documented_download_names_are_the_built_files(client: Client) -> None:
    from longgang_build.downloads import download_names

    package = client.get("/v1/datapackage.json").json()
    built = [r["path"].removeprefix("downloads/") for r in package["resources"]]
    assert built == list(download_names(package["id"]))


@pytest.mark.parametrize("base", ["http://127.0.0.1:8000", "https://data.example.org/longgang/"])
def test_the_served_catalogue_is_the_built_bytes_with_its_base_declared(
    dataset: LoadedDataset, base: str
) -> None:
    root = base.rstrip("/") + "/"
    with TestClient(create_app(dataset, Settings(public_base_url=base))) as client:
        turtle = client.get("/v1/catalog.ttl").content
        jsonld = client.get("/v1/catalog.jsonld").content
    head = f"@base <{root}> .\n".encode()
    assert turtle == head + dataset.files["catalog.ttl"]
    splice = f'    "@base": "{root}",\n'.encode()
    assert jsonld.replace(splice, b"", 1) == dataset.files["catalog.jsonld"]
    assert jsonld.index(splice) == len(b'{\n  "@context": {\n')
    for data, media in ((turtle, "turtle"), (jsonld, "json-ld")):
        graph = Graph().parse(data=data, format=media)
        assert (URIRef(f"{root}v1/dataset"), RDF.type, DCAT.Dataset) in graph


def test_a_period_is_text_wherever_a_type_is_stated(served_url: str, tmp_path: Path) -> None:
    # "2024" names a year, not a quantity: JSON, the data package, a reader that follows
    # the package, and SQLite all give it as text, as the SDK's DataFrames do.
    listed = httpx.get(f"{served_url}/v1/observations?format=ndjson").text.splitlines()
    assert {type(json.loads(line)["period"]) for line in listed} == {str}
    package = Package(f"{served_url}/v1/datapackage.json")
    observations = package.get_resource("observations")
    assert isinstance(observations, TableResource)
    assert observations.schema.get_field("period").type == "string"
    assert {type(row["period"]) for row in observations.read_rows()} == {str}
    database = tmp_path / "data.sqlite"
    database.write_bytes(httpx.get(f"{served_url}/v1/downloads/longgang-2024.sqlite").content)
    with sqlite3.connect(database) as connection:
        (types,) = connection.execute(
            "select group_concat(distinct typeof(period)) from observations"
        )
    assert types == ("text",)
